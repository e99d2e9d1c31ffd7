"""Shared helpers: paths to the labeled seeds, a CLI runner that validates
every JSON report it sees against schemas/report.schema.json."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
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


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Tests never touch the user's cache; subprocesses inherit this too.
    os.environ["ARTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("artlint-cache"))


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
    path = SEEDS / "expected.json"
    if not path.is_file():
        return {}  # ../shared absent: the seed tests have nothing to check, collection still works
    return json.loads(path.read_text(encoding="utf-8"))["files"]
