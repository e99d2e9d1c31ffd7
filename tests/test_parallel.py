"""The process pool: same bytes as one process, input order kept, no pool for
a handful of files."""

from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import ARTICLES, SCRAPED_EN, run_cli, write_pages

from artlint import api
from artlint.api import Linter
from artlint.config import Config
from artlint.errors import InputProblem

# Stand-ins for a corpus (tests/data/articles combined into pages): these tests are
# about order, pools and determinism, not about what is found.
ARTICLE_NAMES = sorted(p.name for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md"))


@pytest.fixture(scope="module")
def page_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_pages(tmp_path_factory.mktemp("pages"), 40)


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory: pytest.TempPathFactory, page_files: list[Path]) -> list[str]:
    """Pages as files and as JSONL records, with broken inputs between them."""
    folder = tmp_path_factory.mktemp("mixed")
    pages = page_files
    lines = []
    for index, page in enumerate(pages):
        lines.append(json.dumps({"id": f"page-{index}", "text": page.read_text(encoding="utf-8")}))
        if index == 7:
            lines.append("{not json")
        if index == 12:
            lines.append(json.dumps({"id": "no-text"}))
    corpus = folder / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return [
        str(ARTICLES),
        str(folder / "missing.md"),
        str(corpus),
        str(empty),
        *map(str, pages[:10]),
    ]


def test_jobs_give_byte_identical_json(mixed_inputs: list[str]) -> None:
    one = run_cli("check", "--isolated", "--format", "json", "--jobs", "1", *mixed_inputs)
    two = run_cli("check", "--isolated", "--format", "json", "--jobs", "2", *mixed_inputs)
    three = run_cli("check", "--isolated", "--format", "json", "--jobs", "3", *mixed_inputs)
    assert one.code == two.code == three.code == 2  # the missing file and the broken record
    assert one.out == two.out == three.out
    report = one.json()
    assert report["summary"]["articles"] >= 50
    assert [e["message"] for e in report["errors"]][:2] == [
        "no such file or folder",
        "malformed JSON: Expecting property name enclosed in double quotes at column 2",
    ]


def test_jsonl_keeps_input_order_with_a_pool(mixed_inputs: list[str]) -> None:
    run = run_cli("check", "--isolated", "--format", "jsonl", "--jobs", "2", *mixed_inputs)
    seeds = ARTICLE_NAMES
    pages = [Path(p).name for p in mixed_inputs[4:]]
    expected = (
        [("result", name) for name in seeds]
        + [("error", "missing.md")]
        + [("result", f"page-{i}") for i in range(8)]
        + [("error", "corpus.jsonl")]
        + [("result", f"page-{i}") for i in range(8, 13)]
        + [("error", "no-text")]
        + [("result", f"page-{i}") for i in range(13, 40)]
        + [("error", "empty.txt")]
        + [("result", name) for name in pages]
        + [("summary", None)]
    )
    seen = [
        (line["type"], line.get("record") or (Path(line["path"]).name if "path" in line else None))
        for line in run.jsonl()
    ]
    assert seen == expected


class _RecordingPool(concurrent.futures.ProcessPoolExecutor):
    started: ClassVar[list[int]] = []

    def __init__(self, max_workers: int, **kwargs: object) -> None:
        _RecordingPool.started.append(max_workers)
        super().__init__(max_workers, **kwargs)  # type: ignore[arg-type]


def test_a_handful_of_files_starts_no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    _RecordingPool.started = []
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _RecordingPool)
    linter = Linter.from_config(Config())
    seeds = sorted(str(ARTICLES / name) for name in ARTICLE_NAMES)
    results = list(linter.lint_paths(seeds, jobs=4))
    assert len(results) == len(seeds) and not any(isinstance(r, InputProblem) for r in results)
    assert _RecordingPool.started == []


def test_a_corpus_starts_one_pool_with_the_same_results(
    monkeypatch: pytest.MonkeyPatch, page_files: list[Path]
) -> None:
    _RecordingPool.started = []
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _RecordingPool)
    linter = Linter.from_config(Config())
    pages = [str(p) for p in page_files][: api.POOL_MIN_ARTICLES + 10]
    pooled = list(linter.lint_paths(pages, jobs=2))
    assert _RecordingPool.started == [2]
    assert pooled == list(linter.lint_paths(pages, jobs=1))
    assert [r.path for r in pooled] == pages


def test_batches_keep_problems_in_place() -> None:
    problem = InputProblem("x.jsonl", "malformed JSON", line=3)
    articles = [api.Article(f"{i}.txt", "txt", "word " * 30000) for i in range(5)]
    units = list(api.batched([articles[0], articles[1], problem, *articles[2:]]))
    # 150,000 characters each: one article per batch, the problem between them.
    assert [u if isinstance(u, InputProblem) else [a.path for a in u] for u in units] == [
        ["0.txt"],
        ["1.txt"],
        problem,
        ["2.txt"],
        ["3.txt"],
        ["4.txt"],
    ]


def test_linter_pickles_for_workers() -> None:
    import pickle

    linter = Linter.from_config(Config(select=("boilerplate",)))
    text = SCRAPED_EN.read_text(encoding="utf-8")
    copy = pickle.loads(pickle.dumps(linter))
    assert copy.lint_text(text) == linter.lint_text(text)
    assert any(f.rule.startswith("boilerplate.") for f in copy.lint_text(text).findings)
