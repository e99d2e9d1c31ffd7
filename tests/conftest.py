"""Shared helpers: paths to the test articles, a CLI runner that validates
every JSON report it sees against schemas/report.schema.json.

Two kinds of test data:
- tests/data/articles: articles written for these tests, one for each defect
  class, with their labels (expected.json). They come with the repository, so
  a bare clone tests everything the code does.
- ../shared (seeds/, corpus/): the real labeled corpora. Tests that measure on
  them are marked `needs_shared`; without the folder they are skipped with that
  reason, and with ARTLINT_REQUIRE_SHARED=1 (CI) its absence is an error.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from artlint.cli import main
from artlint.resources import load_schema

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
EXAMPLES = ROOT / "examples"
DATA = ROOT / "tests" / "data"
ARTICLES = DATA / "articles"
# Fixture articles that stand in for the seeds where a test needs "a real article".
SCRAPED_EN = ARTICLES / "scraped-en.txt"
SCRAPED_FR = ARTICLES / "scraped-fr.txt"

HAVE_SHARED = (SEEDS / "expected.json").is_file()
NEEDS_SHARED = "needs ../shared (the labeled corpora)"
needs_shared = pytest.mark.skipif(not HAVE_SHARED, reason=NEEDS_SHARED)


def pytest_sessionstart(session: pytest.Session) -> None:
    # CI always has the corpora: there, skipping the measurements would hide a regression.
    if os.environ.get("ARTLINT_REQUIRE_SHARED") == "1" and not HAVE_SHARED:
        raise pytest.UsageError(f"ARTLINT_REQUIRE_SHARED=1 but {SHARED} is missing")


# Tests never touch the user's cache; subprocesses inherit this too. Set at import,
# not in a fixture, so that rule packs compiled while collecting (module-level
# load_ruleset) are cached there and shared by the whole session.
_CACHE = tempfile.mkdtemp(prefix="artlint-test-cache-")
os.environ["ARTLINT_CACHE_DIR"] = _CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)

    def jsonl(self) -> list[dict]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def validate_report(document: dict) -> None:
    jsonschema.validate(document, load_schema("report"), cls=jsonschema.Draft202012Validator)


def validate_jsonl(lines: list[dict]) -> None:
    """Each result line is a valid report result; the last line is a valid summary."""
    schema = load_schema("report")
    result_schema = {"$defs": schema["$defs"], **schema["$defs"]["result"]}
    summary_schema = {"$defs": schema["$defs"], **schema["$defs"]["summary"]}
    assert lines and lines[-1]["type"] == "summary"
    for line in lines:
        body = {k: v for k, v in line.items() if k != "type"}
        if line["type"] == "result":
            jsonschema.validate(body, result_schema, cls=jsonschema.Draft202012Validator)
        elif line["type"] == "summary":
            jsonschema.validate(body, summary_schema, cls=jsonschema.Draft202012Validator)


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    """Run artlint in this process; JSON and JSONL output is schema-checked."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(previous)
    run = Run(code, out.getvalue(), err.getvalue())
    _validate_output(args, run.out)
    return run


def run_process(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, env: dict | None = None
) -> Run:
    """Run `python -m artlint` as a real process (stdin, exit codes, start-up)."""
    completed = subprocess.run(
        [sys.executable, "-m", "artlint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
    run = Run(completed.returncode, completed.stdout.decode(), completed.stderr.decode())
    _validate_output(args, run.out)
    return run


def _validate_output(args: tuple[str, ...], out: str) -> None:
    if "--output" in args or "-o" in args or not out.strip():
        return
    fmt = None
    for index, arg in enumerate(args):
        if arg == "--format" and index + 1 < len(args):
            fmt = args[index + 1]
        elif arg.startswith("--format="):
            fmt = arg.split("=", 1)[1]
    if fmt == "json":
        validate_report(json.loads(out))
    elif fmt == "jsonl":
        validate_jsonl([json.loads(line) for line in out.splitlines() if line.strip()])


def seed_labels() -> dict:
    """The seeds' labels; empty without ../shared (the tests using them are `needs_shared`)."""
    if not HAVE_SHARED:
        return {}
    return json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))["files"]


def article_labels() -> dict:
    """The labels of the fixture articles in tests/data/articles (always there)."""
    return json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))["files"]


def fixture_texts() -> list[str]:
    """The fixture articles' texts, in name order."""
    return [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.iterdir()) if p.suffix in (".txt", ".md")]


def page_texts(count: int, per_page: int = 2) -> list[str]:
    """`count` page-sized texts, each `per_page` fixture articles in a row (the next
    page starting one article later), for tests that need volume rather than labels."""
    texts = fixture_texts()
    return [
        "\n\n".join(texts[(i + k) % len(texts)] for k in range(min(per_page, len(texts))))
        for i in range(count)
    ]


def write_pages(folder: Path, count: int) -> list[Path]:
    """`count` page files (page-000.txt, ...) of page_texts(count) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(page_texts(count)):
        path = folder / f"page-{index:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
