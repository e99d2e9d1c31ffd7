"""The Python API: what the CLI, process pools and distributed engines call.

    from artlint.api import Linter
    linter = Linter.from_config()            # bundled rules + discovered config
    result = linter.lint_text("Leave a Reply", lang="en")
    for item in linter.lint_paths(["corpus.jsonl"]):
        ...

`lint_record` takes and returns plain dicts; `lint_records` maps it over a
Spark partition (`mapPartitions`), `lint_columns` over a Ray batch
(`map_batches`); artlint.distributed runs `lint_article` on Dask workers.
"""

from __future__ import annotations

import itertools
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any, Protocol

from artlint.config import Config, load_config
from artlint.engine import LintOptions, lint_article, lint_or_skip
from artlint.errors import ArtlintError, InputProblem, internal_error
from artlint.limits import Limits
from artlint.records import dataclass
from artlint.results import ArticleResult
from artlint.ruleset import RuleSet, load_ruleset
from artlint.sources import Article, SourceOptions, article_from_record, iter_articles


@dataclass(frozen=True)
class Linter:
    """Compiled rules plus options: everything a worker needs, and picklable."""

    ruleset: RuleSet
    options: LintOptions
    sources: SourceOptions = field(default_factory=SourceOptions)

    @classmethod
    def from_config(cls, config: Config | None = None, use_cache: bool = True) -> Linter:
        config = config if config is not None else load_config()
        limits = Limits.from_mapping(config.limits)
        full = load_ruleset(config.rule_paths, use_cache=use_cache)
        unknown = full.unknown_names([*config.select, *config.ignore, *config.severity])
        if unknown:
            raise ArtlintError("unknown rule or category: " + ", ".join(unknown) + " (see `artlint rules`)")
        ruleset = full.selected(config.select, config.ignore)
        options = LintOptions(
            lang=config.lang,
            fail_on=config.fail_on,
            min_score=config.min_score,
            category_weights=dict(config.category_weights),
            severity=dict(config.severity),
            limits=limits,
        )
        sources = SourceOptions(
            text_field=config.text_field,
            id_field=config.id_field,
            encoding=config.encoding,
            exclude=config.exclude,
            limits=limits,
        )
        return cls(ruleset, options, sources)

    def lint_article(self, article: Article) -> ArticleResult:
        return lint_article(article, self.ruleset, self.options)

    def lint_contained(self, article: Article) -> ArticleResult | InputProblem:
        """lint_article for a run over many inputs: an HTML page without visible
        text is an empty-file warning, and a bug met on this article is its
        problem ("internal error", exit 2), not the end of the run."""
        try:
            return lint_or_skip(article, self.ruleset, self.options)
        except Exception as error:  # contained on purpose: reported with a hint to report it
            return internal_error(article.path, error, record=article.record, line=article.record_line)

    def lint_text(
        self,
        text: str,
        *,
        lang: str | None = None,
        fmt: str = "txt",
        path: str = "-",
        record: str | None = None,
    ) -> ArticleResult:
        article = Article(path, fmt, text.replace("\r\n", "\n"), record=record)
        if lang is not None and lang != self.options.lang:
            from dataclasses import replace

            return lint_article(article, self.ruleset, replace(self.options, lang=lang))
        return self.lint_article(article)

    def lint_record(
        self, record: Mapping[str, Any], path: str = "-", line: int | None = None
    ) -> dict[str, Any]:
        """A JSONL-style record in, its result as a plain dict out: the object
        `artlint check --format jsonl` prints for it (type "result", or "error"
        for a record without usable text).  For Spark, Ray, Dask or your own loop."""
        item = article_from_record(record, path, line, self.sources)
        if isinstance(item, InputProblem):
            return {"type": "error", **item.to_dict()}
        return {"type": "result", **self.lint_article(item).to_dict()}

    def lint_records(self, records: Iterable[Mapping[str, Any]], path: str = "-") -> Iterator[dict[str, Any]]:
        """`lint_record` over a partition, lazily: what Spark's `mapPartitions` wants."""
        for record in records:
            yield self.lint_record(record, path)

    def lint_columns(self, batch: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
        """A batch of records as columns (Ray's `map_batches`, a pandas frame's
        `to_dict("list")`) in, columns out: id, passed, overall score, findings
        count, and the whole result as JSON text."""
        names = list(batch)
        size = len(batch[names[0]]) if names else 0
        out: dict[str, list[Any]] = {"id": [], "passed": [], "score": [], "findings": [], "result": []}
        for index in range(size):
            result = self.lint_record({name: _plain(batch[name][index]) for name in names})
            ok = result["type"] == "result"
            out["id"].append(result["record"])
            out["passed"].append(ok and result["passed"])
            out["score"].append(result["scores"]["overall"] if ok else None)
            out["findings"].append(len(result["findings"]) if ok else None)
            out["result"].append(json.dumps(result, ensure_ascii=False))
        return out

    def lint_paths(self, paths: Iterable[str], jobs: int = 1) -> Iterator[ArticleResult | InputProblem]:
        """Results in input order, the same whatever `jobs` is.

        With jobs > 1 the articles go to a process pool, but only once there is
        enough work to pay for starting it: a pre-commit hook linting three
        files never starts one."""
        items = contained_reading(paths, self.sources)
        if jobs > 1:
            head, more = _enough_for_a_pool(items)
            if more:
                yield from _parallel(self, itertools.chain(head, items), jobs)
                return
            items = iter(head)
        for item in items:
            yield item if isinstance(item, InputProblem) else self.lint_contained(item)


def contained_reading(paths: Iterable[str], sources: SourceOptions) -> Iterator[Article | InputProblem]:
    """iter_articles, each path on its own: a bug met while reading one input
    is that input's problem, and the next inputs are still read."""
    for path in paths:
        items = iter_articles([path], sources)
        while True:
            try:
                item = next(items)
            except StopIteration:
                break
            except Exception as error:  # contained on purpose: reported with a hint to report it
                yield internal_error(path, error)
                break
            yield item


def _plain(value: Any) -> Any:
    """numpy scalars (Ray's batches) as Python values; everything else unchanged."""
    return value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value


# -- ordered, bounded pipelines (process pool here, Dask in artlint.distributed) ----
POOL_MIN_ARTICLES = 24  # below this much work, linting in-process beats starting workers
POOL_MIN_CHARS = 200_000
BATCH_ARTICLES = 16  # articles sent to a worker at once
BATCH_CHARS = 100_000


class _Pending(Protocol):
    def result(self) -> list[ArticleResult]: ...


def _enough_for_a_pool(items: Iterator[Article | InputProblem]) -> tuple[list[Article | InputProblem], bool]:
    """Read ahead until there is enough work for a pool (True) or the input ends (False)."""
    head: list[Article | InputProblem] = []
    articles = chars = 0
    for item in items:
        head.append(item)
        if len(head) >= 4 * POOL_MIN_ARTICLES:  # mostly input problems: stop holding them
            return head, True
        if isinstance(item, Article):
            articles += 1
            chars += len(item.text)
            if articles >= POOL_MIN_ARTICLES or chars >= POOL_MIN_CHARS:
                return head, True
    return head, False


def batched(items: Iterable[Article | InputProblem]) -> Iterator[list[Article] | InputProblem]:
    """Articles grouped into batches (by count and size); input problems between them, in order."""
    batch: list[Article] = []
    chars = 0
    for item in items:
        if isinstance(item, InputProblem):
            if batch:
                yield batch
                batch, chars = [], 0
            yield item
            continue
        batch.append(item)
        chars += len(item.text)
        if len(batch) >= BATCH_ARTICLES or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def run_ordered(
    items: Iterable[Article | InputProblem],
    submit: Callable[[list[Article]], _Pending],
    in_flight: int,
) -> Iterator[ArticleResult | InputProblem]:
    """Submit batches as they are read, yield results in input order.

    At most `in_flight` batches are out at a time, so memory stays flat however
    long the input is, and each result is yielded as soon as it and everything
    before it are done."""
    pending: deque[_Pending | InputProblem] = deque()
    for unit in batched(items):
        pending.append(unit if isinstance(unit, InputProblem) else submit(unit))
        while len(pending) > in_flight:
            yield from _drain_one(pending)
    while pending:
        yield from _drain_one(pending)


def _drain_one(pending: deque[Any]) -> Iterator[ArticleResult | InputProblem]:
    head = pending.popleft()
    if isinstance(head, InputProblem):
        yield head
    else:
        yield from head.result()


_WORKER: Linter | None = None  # set once per worker process by the pool initialiser


def _init_worker(linter: Linter) -> None:
    global _WORKER
    _WORKER = linter


def _lint_batch(batch: list[Article]) -> list[ArticleResult]:
    assert _WORKER is not None
    return [_WORKER.lint_contained(article) for article in batch]  # type: ignore[misc]


def _parallel(
    linter: Linter, items: Iterable[Article | InputProblem], jobs: int
) -> Iterator[ArticleResult | InputProblem]:
    import gc
    from concurrent.futures import ProcessPoolExecutor  # 15 ms of imports: only when a pool runs

    from artlint.language import preload_model

    # Loaded here, before the workers are forked, the language model (about
    # 20 MB, needed for the few pages the stop words cannot place) is shared by
    # all of them instead of being loaded by each; frozen, the objects made so
    # far are left alone by the collector, so their memory pages stay shared.
    # (Where workers are spawned, not forked, each loads what it needs.)
    if linter.options.lang is None:
        preload_model()
    freeze = gc.get_freeze_count() == 0  # a caller that froze objects itself keeps them frozen
    if freeze:
        gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(linter,)) as pool:
            yield from run_ordered(items, lambda batch: pool.submit(_lint_batch, batch), in_flight=jobs * 4)
    finally:
        if freeze:
            gc.unfreeze()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def lint_text(
    text: str,
    *,
    lang: str | None = None,
    fmt: str = "txt",
    config: Config | None = None,
    config_path: str | Path | None = None,
) -> ArticleResult:
    """Lint one text with the bundled rules (and the given or discovered config)."""
    if config is None:
        config = load_config(Path(config_path)) if config_path else Config()
    return Linter.from_config(config).lint_text(text, lang=lang, fmt=fmt)
