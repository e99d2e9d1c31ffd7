"""The Dask engine: the same pure lint function, run on a Dask cluster.

    artlint check --engine dask --scheduler tcp://10.0.0.5:8786 corpus/*.jsonl

The client reads the inputs as a stream (as the local engine does), sends
batches of articles to the workers, and yields the results in input order,
with a bounded number of batches in flight, so neither side holds the corpus.
The workers need the same artlint installed; they receive the compiled rules
once (scattered to every worker), then only articles.

Without a scheduler address a local cluster of `jobs` worker processes is
started and stopped with the run.  Needs the `dask` extra:
`pip install 'artlint[dask]'`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from artlint.api import Linter, contained_reading, run_ordered
from artlint.errors import ArtlintError, InputProblem
from artlint.results import ArticleResult
from artlint.sources import Article

BATCHES_PER_WORKER_THREAD = 4  # in flight: enough to keep workers busy, little held in memory


def lint_batch(linter: Linter, batch: list[Article]) -> list[ArticleResult]:
    """What a worker runs: the engine's pure function over a batch of articles."""
    return [linter.lint_contained(article) for article in batch]  # type: ignore[misc]


def lint_paths(
    linter: Linter, paths: Iterable[str], scheduler: str | None = None, jobs: int = 2
) -> Iterator[ArticleResult | InputProblem]:
    """Like `Linter.lint_paths`, with the linting done by Dask workers."""
    yield from lint_items(linter, contained_reading(paths, linter.sources), scheduler, jobs)


def lint_items(
    linter: Linter, items: Iterable[Article | InputProblem], scheduler: str | None = None, jobs: int = 2
) -> Iterator[ArticleResult | InputProblem]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ArtlintError("--engine dask needs Dask: pip install 'artlint[dask]'") from None
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
            except OSError as error:
                raise ArtlintError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=max(1, jobs),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: never clash with a running cluster
                    host="127.0.0.1",
                )
            )
            client = stack.enter_context(Client(cluster))
        try:
            client.wait_for_workers(1, timeout=60)
        except TimeoutError:
            raise ArtlintError(f"no Dask worker joined the scheduler {scheduler} within 60 s") from None
        remote_linter = client.scatter(linter, broadcast=True)
        threads = sum(client.nthreads().values()) or 1

        def submit(batch: list[Article]) -> Any:
            return client.submit(lint_batch, remote_linter, batch, pure=False)

        yield from run_ordered(items, submit, in_flight=threads * BATCHES_PER_WORKER_THREAD)
