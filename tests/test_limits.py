"""No input hangs a run or exhausts its memory (issue 11, items 4, 6, 7, 8):
FIFOs and devices are refused without blocking, every limit of
artlint.limits gives a clear message, and a rule pack cannot be a YAML bomb."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli, run_process

from artlint.api import Linter
from artlint.config import Config
from artlint.errors import RulePackError
from artlint.ruleset import MAX_PACK_BYTES, load_ruleset

CLEAN = str(EXAMPLES / "clean-article.md")
SCRAPED = EXAMPLES / "scraped-fr.txt"


def _config(tmp_path: Path, **limits: float) -> str:
    body = "[limits]\n" + "".join(f"{name} = {value}\n" for name, value in limits.items())
    path = tmp_path / ".artlint.toml"
    path.write_text(body, encoding="utf-8")
    return str(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_given_or_in_a_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    os.mkfifo(folder / "a.txt")  # nobody will ever write to it: opening it to read would block
    shutil.copyfile(SCRAPED, folder / "b.txt")
    for args in ([str(folder / "a.txt"), CLEAN], [str(folder)]):
        run = run_process("check", "--isolated", "--format", "json", *args)  # times out (fails) if it blocks
        assert run.code == 2
        assert f"{folder / 'a.txt'}: not a regular file (a FIFO); skipped" in run.err
        assert len(run.json()["results"]) == 1
    fixed = run_process("fix", "--isolated", str(folder))
    assert fixed.code == 2 and "not a regular file (a FIFO)" in fixed.err
    assert "Laisser un commentaire" not in (folder / "b.txt").read_text(encoding="utf-8")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_not_read() -> None:
    run = run_cli("check", "--isolated", "/dev/zero", CLEAN)
    assert run.code == 2
    assert "/dev/zero: not a regular file (a character device); skipped" in run.err
    assert "1 article checked" in run.out


def test_input_larger_than_max_input_bytes_is_skipped(tmp_path: Path) -> None:
    config = _config(tmp_path, max_input_bytes=500)
    run = run_cli("check", "--config", config, "--format", "json", str(SCRAPED), CLEAN)  # 911 and 1101 bytes
    assert run.code == 2
    assert f"{SCRAPED}: the file is larger than the limit (max_input_bytes = 500); skipped" in run.err
    config = _config(tmp_path, max_input_bytes=1000)
    run = run_cli("check", "--config", config, "--format", "json", str(SCRAPED), CLEAN)
    assert [r["path"] for r in run.json()["results"]] == [str(SCRAPED)]


def test_gzip_bomb_stops_at_max_stream_bytes(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    record = (json.dumps({"id": "r", "text": "Leave a Reply. " * 20}) + "\n").encode()
    with gzip.open(bomb, "wb") as handle:
        for _ in range(40_000):  # 13 MB of records in 60 KB
            handle.write(record)
    config = _config(tmp_path, max_stream_bytes=20_000)
    run = run_cli("check", "--config", config, "--format", "jsonl", str(bomb))
    assert run.code == 2
    assert "the stream is larger than the limit (max_stream_bytes = 20000); the rest was not read" in run.err
    results = [line for line in run.jsonl() if line["type"] == "result"]
    assert 0 < len(results) <= 20_000 // len(record) + 1


def test_record_and_line_without_newline_past_max_record_bytes(tmp_path: Path) -> None:
    corpus = tmp_path / "zeros.jsonl.gz"
    with gzip.open(corpus, "wb") as handle:
        handle.write(b"0" * 3_000_000)  # one endless line: never held whole
        handle.write(b"\n" + json.dumps({"id": "ok", "text": "Leave a Reply"}).encode() + b"\n")
    config = _config(tmp_path, max_record_bytes=100_000)
    run = run_cli("check", "--config", config, "--format", "jsonl", str(corpus))
    assert run.code == 2
    assert f"{corpus}:1: the record is larger than the limit (max_record_bytes = 100000); skipped" in run.err
    assert [line["record"] for line in run.jsonl() if line["type"] == "result"] == ["ok"]


def test_long_line_is_linted_up_to_max_line_chars(tmp_path: Path) -> None:
    page = tmp_path / "long.txt"
    page.write_text(
        SCRAPED.read_text(encoding="utf-8") + "word " * 2000 + "\nLeave a Reply\n", encoding="utf-8"
    )
    config = _config(tmp_path, max_line_chars=5000)
    run = run_cli("check", "--config", config, "--format", "json", str(page))
    assert "is longer than the limit (max_line_chars = 5000)" in run.err
    result = run.json()["results"][0]
    assert result["errors"][0]["level"] == "warning"
    assert any(f["excerpt"] == "Laisser un commentaire" for f in result["findings"])
    assert not any(f["excerpt"] == "Leave a Reply" for f in result["findings"])  # after the cut


def test_findings_stop_at_max_findings(tmp_path: Path) -> None:
    config = _config(tmp_path, max_findings=3)
    run = run_cli("check", "--config", config, "--format", "json", str(SCRAPED))
    result = run.json()["results"][0]
    assert len(result["findings"]) == 3
    assert "more findings than the limit (max_findings = 3)" in run.err
    assert run_cli("check", "--isolated", "--format", "json", str(SCRAPED)).json()["summary"]["findings"] > 3


def test_regex_time_is_bounded_per_rule_and_article(tmp_path: Path) -> None:
    pack = tmp_path / "slow.yaml"
    pack.write_text(
        """category: claims
rules:
  - id: claims.slow
    kind: pattern
    severity: info
    message: slow
    scope: line
    patterns: {"*": ['(a|aa)+$']}
    examples: {bad: ["a"]}
""",
        encoding="utf-8",
    )
    text = ("a" * 27 + "!\n\n") * 40  # each line a fraction of a second: 12-20 s in all
    config = Config(select=("claims.slow",), rule_paths=(str(pack),), limits={"rule_seconds": 1})
    linter = Linter.from_config(config)  # compiling is not what is timed
    started = time.monotonic()
    result = linter.lint_text(text, path=str(tmp_path / "a.txt"))
    elapsed = time.monotonic() - started
    assert [p.message for p in result.problems] == [
        "ran longer than 1s in all on this article (limit rule_seconds); rule skipped for this article"
    ]
    assert elapsed < 6
    # The command line says which rule and article, and exits 2.
    page = tmp_path / "a.txt"
    page.write_text(text, encoding="utf-8")
    run = run_cli(
        "check",
        "--config",
        _config(tmp_path, rule_seconds=1),
        "--rule-path",
        str(pack),
        "--select",
        "claims.slow",
        str(page),
    )
    assert run.code == 2
    assert f"{page}: claims.slow: ran longer than 1s in all on this article (limit rule_seconds)" in run.err


def test_yaml_alias_bomb_in_a_rule_pack_is_refused(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        levels.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    pack = tmp_path / "bomb.yaml"
    pack.write_text("\n".join(levels) + "\ncategory: claims\nrules: *a9\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(RulePackError) as caught:
        load_ruleset([pack], use_cache=False)
    assert time.monotonic() - started < 30
    assert "values once its aliases are expanded; not loaded" in str(caught.value)


def test_huge_rule_pack_is_refused_before_it_is_read(tmp_path: Path) -> None:
    pack = tmp_path / "huge.yaml"
    pack.write_text("# padding\n" * (MAX_PACK_BYTES // 10 + 1), encoding="utf-8")
    with pytest.raises(RulePackError, match="larger than 2 MiB"):
        load_ruleset([pack], use_cache=False)


def test_limits_are_validated_in_the_config(tmp_path: Path) -> None:
    path = tmp_path / ".artlint.toml"
    path.write_text("[limits]\nmax_findings = -1\n", encoding="utf-8")
    run = run_cli("check", "--config", str(path), CLEAN)
    assert run.code == 2
    assert "limits.max_findings" in run.err


def test_article_is_linted_up_to_max_lines(tmp_path: Path) -> None:
    page = tmp_path / "many.txt"
    page.write_text(SCRAPED.read_text(encoding="utf-8") + "x\n" * 300 + "Leave a Reply\n", encoding="utf-8")
    config = _config(tmp_path, max_lines=100)
    run = run_cli("check", "--config", config, "--format", "json", str(page))
    assert "more lines than the limit (max_lines = 100); the article was linted up to that line" in run.err
    findings = run.json()["results"][0]["findings"]
    assert findings and max(f["line"] for f in findings) <= 100
    assert not any(f["excerpt"] == "Leave a Reply" for f in findings)


def test_fix_does_not_unpack_a_gzip_bomb(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb") as handle:
        handle.write(b"0" * 5_000_000)
    before = bomb.read_bytes()
    config = _config(tmp_path, max_input_bytes=10_000)  # fix holds at most 64 x 10,000 bytes
    run = run_cli("fix", "--config", config, str(bomb))
    assert run.code == 2
    assert "the stream is larger than the limit (max_stream_bytes = 640000); file left as it was" in run.err
    assert bomb.read_bytes() == before
