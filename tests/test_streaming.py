"""Streams: JSONL and .jsonl.gz read lazily, JSONL results written as soon as
they are ready, gzip reports, and a progress bar only on a terminal."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import tracemalloc
from pathlib import Path

import pytest
from conftest import ARTICLES, page_texts, run_cli

from artlint.sources import Article, SourceOptions, iter_articles


def _records(count: int, per_page: int = 2) -> list[str]:
    # pages made of the fixture articles: volume, not labels, is what these tests need
    texts = page_texts(count, per_page)
    return [json.dumps({"id": f"r{i}", "text": text}) + "\n" for i, text in enumerate(texts)]


def test_reading_a_large_corpus_holds_one_record_at_a_time(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as handle:
        for line in _records(3000, per_page=7):
            handle.write(line)
    size = sum(len(line) for line in _records(3000, per_page=7))
    assert size > 10_000_000
    tracemalloc.start()
    try:
        count = 0
        for item in iter_articles([str(corpus)], SourceOptions()):
            assert isinstance(item, Article)
            count += 1
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000
    assert peak < size / 20  # a few records' worth, not the corpus


def test_gzip_corpus_gives_the_same_results_as_plain(tmp_path: Path) -> None:
    lines = _records(12)
    plain = tmp_path / "c.jsonl"
    plain.write_text("".join(lines), encoding="utf-8")
    packed = tmp_path / "c.jsonl.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as handle:
        handle.write("".join(lines))
    a = run_cli("check", "--isolated", "--format", "jsonl", "--jobs", "1", str(plain)).jsonl()
    b = run_cli("check", "--isolated", "--format", "jsonl", "--jobs", "1", str(packed)).jsonl()
    assert len(a) == 13
    assert [{**x, "path": None} for x in a if x["type"] == "result"] == [
        {**x, "path": None} for x in b if x["type"] == "result"
    ]


def test_gzip_report_holds_the_same_lines(tmp_path: Path) -> None:
    seeds = [str(p) for p in sorted(ARTICLES.glob("*.txt"))]
    out = tmp_path / "report.jsonl.gz"
    written = run_cli("check", "--isolated", "--format", "jsonl", "--output", str(out), *seeds)
    printed = run_cli("check", "--isolated", "--format", "jsonl", *seeds)
    assert written.code == printed.code == 1
    assert written.out == ""
    assert gzip.decompress(out.read_bytes()).decode("utf-8") == printed.out


def test_jsonl_result_comes_out_before_the_input_ends() -> None:
    """Feed records one at a time on stdin: each result is printed before the next record is sent."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "artlint",
            "check",
            "--isolated",
            "--format",
            "jsonl",
            "--stdin-format",
            "jsonl",
            "-",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        for index, line in enumerate(_records(3)):
            process.stdin.write(line.encode("utf-8"))
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], 60)
            assert ready, f"no result for record {index} while the input is still open"
            result = json.loads(process.stdout.readline())
            assert (result["type"], result["record"]) == ("result", f"r{index}")
        process.stdin.close()
        rest = process.stdout.read().decode("utf-8").splitlines()
        assert json.loads(rest[-1])["type"] == "summary"
    finally:
        process.kill()
        process.wait()


def _run_with_terminal_stderr(args: list[str], env: dict[str, str], report: Path) -> tuple[str, str]:
    """Run artlint with stderr on a pseudo-terminal and stdout in a file."""
    leader, follower = pty.openpty()
    # A real terminal has a size; a fresh pseudo-terminal is 0 columns wide.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    with open(report, "wb") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "artlint", *args], stdout=stdout, stderr=follower, env=env
        )
    os.close(follower)
    chunks = []
    while True:
        try:
            ready, _, _ = select.select([leader], [], [], 120)
            if not ready:
                break
            data = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(leader)
    return report.read_text(encoding="utf-8"), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def slow_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("slow") / "corpus.jsonl"
    corpus.write_text("".join(_records(300, per_page=1)), encoding="utf-8")  # seconds of linting: the bar shows after one
    return corpus


def test_progress_bar_on_a_terminal(slow_corpus: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["TERM"] = "xterm"
    out, err = _run_with_terminal_stderr(
        ["check", "--isolated", "--jobs", "1", "--format", "jsonl", str(slow_corpus)], env, tmp_path / "out"
    )
    assert " articles" in err and "300" in err
    assert len(out.splitlines()) == 301  # the report itself is untouched


def test_no_progress_bar_in_ci_or_pipes(slow_corpus: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["TERM"] = "xterm"
    _out, err = _run_with_terminal_stderr(
        ["check", "--isolated", "--jobs", "1", "--format", "jsonl", str(slow_corpus)],
        {**env, "CI": "true"},
        tmp_path / "out",
    )
    assert "articles" not in err
    piped = subprocess.run(
        [
            sys.executable,
            "-m",
            "artlint",
            "check",
            "--isolated",
            "--jobs",
            "1",
            "--format",
            "jsonl",
            str(slow_corpus),
        ],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert piped.stderr.decode("utf-8") == ""
    assert len(piped.stdout.decode("utf-8").splitlines()) == 301
