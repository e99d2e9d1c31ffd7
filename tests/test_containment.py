"""Crash containment (issue 11): an unexpected exception while reading or
linting one input is that input's problem, an "internal error" with a hint to
report it (exit 2); the other inputs are still linted and written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

import artlint.api
import artlint.sources

SCRAPED = EXAMPLES / "scraped-fr.txt"


def _two_files(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copyfile(SCRAPED, first)
    shutil.copyfile(SCRAPED, second)
    return first, second


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github"])
def test_a_bug_while_linting_one_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    first, second = _two_files(tmp_path)
    real = artlint.api.lint_or_skip

    def crash_on_first(article, ruleset, options):
        if article.path == str(first):
            raise KeyError("surprise")
        return real(article, ruleset, options)

    monkeypatch.setattr(artlint.api, "lint_or_skip", crash_on_first)
    run = run_cli("check", "--isolated", "--format", fmt, str(first), str(second))
    assert run.code == 2
    assert f"artlint: internal error: {first}: KeyError: 'surprise' (this is a bug in artlint" in run.err
    assert "Traceback" not in run.err
    if fmt == "json":
        document = run.json()
        assert [r["path"] for r in document["results"]] == [str(second)]
        assert document["errors"][0]["path"] == str(first)
    if fmt == "text":
        assert f"{second}:" in run.out and "1 input error" in run.out


def test_a_bug_while_reading_one_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _two_files(tmp_path)
    real = artlint.sources.decode

    def crash_on_first(path, data, options, fmt):
        if path == str(first):
            raise MemoryError("simulated")
        return real(path, data, options, fmt)

    monkeypatch.setattr(artlint.sources, "decode", crash_on_first)
    run = run_cli("check", "--isolated", "--format", "json", str(first), str(second))
    assert run.code == 2
    assert f"artlint: internal error: {first}: MemoryError: simulated" in run.err
    assert [r["path"] for r in run.json()["results"]] == [str(second)]


def test_a_bug_in_one_record_keeps_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "c.jsonl"
    shutil.copyfile(EXAMPLES / "corpus.jsonl", corpus)
    real = artlint.api.lint_or_skip

    def crash_on_a2(article, ruleset, options):
        if article.record == "a2":
            raise ValueError("bad luck")
        return real(article, ruleset, options)

    monkeypatch.setattr(artlint.api, "lint_or_skip", crash_on_a2)
    run = run_cli("check", "--isolated", "--format", "json", str(corpus))
    assert run.code == 2
    assert f"artlint: internal error: {corpus}:2 (record a2): ValueError: bad luck" in run.err
    assert "a1" in [r["record"] for r in run.json()["results"]]
    assert "a2" not in [r["record"] for r in run.json()["results"]]
