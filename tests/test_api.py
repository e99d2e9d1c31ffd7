"""The Python API that Spark (mapPartitions), Ray (map_batches) and Dask call:
records in, the same results as `artlint check --format jsonl` out."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace

import numpy  # Ray hands over numpy arrays (numpy comes with py3langid)
import pytest
from conftest import ARTICLES, CORPUS, HAVE_SHARED, SEEDS, run_cli

from artlint.api import Linter
from artlint.config import Config


@pytest.fixture(scope="module")
def records() -> list[dict]:
    """Articles as records: the fixture articles (English, French) and, where
    ../shared is at hand, the seeds and labeled pages (English, French, German)."""
    paths = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md"))
    if HAVE_SHARED:
        paths += sorted(SEEDS.glob("*.txt"))
        paths += sorted((CORPUS / "residue" / "traf_default").glob("*.txt"))[:8]
        paths += sorted((CORPUS / "fr-de" / "residue" / "traf").glob("*.txt"))[:6]
    found = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "site": "x"} for p in paths]
    assert len(found) >= (22 if HAVE_SHARED else 7)
    return found


@pytest.fixture(scope="module")
def cli_results(records: list[dict], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    corpus = tmp_path_factory.mktemp("api") / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    run = run_cli("check", "--isolated", "--format", "jsonl", "--jobs", "1", str(corpus))
    return {line["record"]: line for line in run.jsonl() if line["type"] == "result"}


def _comparable(result: dict) -> dict:
    return {**result, "path": None, "record_line": None}


def test_lint_record_matches_the_cli(records: list[dict], cli_results: dict[str, dict]) -> None:
    linter = Linter.from_config(Config())
    for record in records:
        result = linter.lint_record(record)
        assert result["type"] == "result"
        assert _comparable(result) == _comparable(cli_results[record["id"]])
    languages = {cli_results[r["id"]]["language"] for r in records}
    assert {"en", "fr"} <= languages
    assert any(cli_results[r["id"]]["findings"] for r in records)


def test_records_without_text_come_back_as_errors() -> None:
    linter = Linter.from_config(Config())
    assert linter.lint_record({"id": 7})["message"] == "missing text field (set it with --text-field)"
    assert linter.lint_record({"id": 8, "text": 3})["type"] == "error"
    assert linter.lint_record({"id": 9, "text": "  "})["level"] == "warning"


def test_map_partitions_style(records: list[dict], cli_results: dict[str, dict]) -> None:
    """What a Spark job runs on each partition (see README, Large corpora)."""

    def lint_partition(rows: Iterable[dict]) -> Iterator[dict]:  # Spark hands over an iterator
        linter = Linter.from_config(Config(select=("boilerplate", "entities")))
        yield from linter.lint_records(rows)

    partitions = [records[:5], records[5:11], records[11:]]
    out = [result for part in partitions for result in lint_partition(iter(part))]
    assert [r["record"] for r in out] == [r["id"] for r in records]
    for result in out:
        expected = cli_results[result["record"]]["findings"]
        assert result["findings"] == [f for f in expected if f["category"] in ("boilerplate", "entities")]


def test_map_batches_style(records: list[dict], cli_results: dict[str, dict]) -> None:
    """What a Ray Data job runs on each batch of columns (see README, Large corpora)."""
    linter = Linter.from_config(Config())
    batch = {name: numpy.array([r[name] for r in records], dtype=object) for name in ("id", "text", "site")}
    columns = linter.lint_columns(batch)
    assert columns["id"] == [r["id"] for r in records]
    for index, record in enumerate(records):
        expected = cli_results[record["id"]]
        assert columns["score"][index] == expected["scores"]["overall"]
        assert columns["passed"][index] == expected["passed"]
        assert columns["findings"][index] == len(expected["findings"])
        assert _comparable(json.loads(columns["result"][index])) == _comparable(expected)
    assert linter.lint_columns({"id": [], "text": []}) == {
        "id": [],
        "passed": [],
        "score": [],
        "findings": [],
        "result": [],
    }


def test_a_shipped_linter_gives_the_same_results(records: list[dict]) -> None:
    """Spark and Ray pickle the function's closure, linter included, to their workers."""
    linter = Linter.from_config(Config())
    shipped = pickle.loads(pickle.dumps(linter))
    assert [shipped.lint_record(r) for r in records[:6]] == [linter.lint_record(r) for r in records[:6]]


def test_lint_paths_reads_what_the_cli_reads(tmp_path: Path) -> None:
    seeds = [str(p) for p in sorted(ARTICLES.glob("*.txt"))]
    linter = Linter.from_config(Config())
    results = [r.to_dict() for r in linter.lint_paths(seeds)]
    report = run_cli("check", "--isolated", "--format", "json", *seeds).json()
    assert results == report["results"]


# -- the README's Spark and Ray example, run against stand-ins for the two frameworks --
class _Row(dict):
    def asDict(self) -> dict:
        return dict(self)


class _Dataset:
    """Just the calls the README makes, with the frameworks' semantics (partitions, batches)."""

    def __init__(self, items: list, written: dict) -> None:
        self.items, self.written = items, written

    def mapPartitions(self, function):
        half = len(self.items) // 2
        parts = [self.items[:half], self.items[half:]]
        return _Dataset([out for part in parts for out in function(iter(part))], self.written)

    def map(self, function):
        return _Dataset([function(item) for item in self.items], self.written)

    def map_batches(self, cls, batch_size: int, concurrency: int):
        actor = cls()
        columns: dict[str, list] = {}
        for start in range(0, len(self.items), batch_size):
            chunk = self.items[start : start + batch_size]
            batch = {name: numpy.array([row[name] for row in chunk], dtype=object) for name in chunk[0]}
            for name, values in actor(batch).items():
                columns.setdefault(name, []).extend(values)
        return _Dataset([columns], self.written)

    def saveAsTextFile(self, path: str) -> None:
        self.written[path] = self.items

    def write_parquet(self, path: str) -> None:
        self.written[path] = self.items


def test_readme_spark_and_ray_example(
    records: list[dict], cli_results: dict[str, dict], tmp_path: Path
) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```")[0] for b in readme.split("```python\n")[1:]]
    block = next(b for b in blocks if "mapPartitions" in b)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    written: dict = {}

    def read_json(path: str) -> _Dataset:
        assert path == "corpus.jsonl"
        rows = [_Row(json.loads(line)) for line in corpus.read_text(encoding="utf-8").splitlines()]
        return _Dataset(rows, written)

    spark = SimpleNamespace(read=SimpleNamespace(json=lambda path: SimpleNamespace(rdd=read_json(path))))
    ray = SimpleNamespace(data=SimpleNamespace(read_json=read_json))
    exec(block, {"spark": spark, "ray": ray})
    from_spark = [json.loads(line) for line in written["results"]]
    assert [_comparable(r) for r in from_spark] == [_comparable(cli_results[r["id"]]) for r in records]
    (columns,) = written["results-ray"]
    assert columns["id"] == [r["id"] for r in records]
    assert columns["score"] == [cli_results[r["id"]]["scores"]["overall"] for r in records]
    assert [json.loads(r) for r in columns["result"]] == from_spark
