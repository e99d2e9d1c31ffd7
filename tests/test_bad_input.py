"""Bad input gets a clear message naming the file (and line/record/field), the
other files are still linted, and the exit code says what happened (2)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, SCRAPED_EN, run_cli

from artlint.errors import RulePackError
from artlint.ruleset import load_ruleset

GOOD = str(SCRAPED_EN)


def _linted_paths(run) -> list[str]:
    return [r["path"] for r in run.json()["results"]]


def test_missing_path_is_an_error_and_others_are_linted(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.md")
    run = run_cli("check", "--isolated", "--format", "json", missing, GOOD)
    assert run.code == 2
    assert f"{missing}: no such file or folder" in run.err
    assert _linted_paths(run) == [GOOD]
    assert run.json()["errors"][0]["path"] == missing


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    run = run_cli("check", "--isolated", str(tmp_path), GOOD)
    assert run.code == 2
    assert f"{tmp_path}: no articles found in this folder" in run.err
    assert "1 article checked" in run.out


def test_empty_file_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    run = run_cli("check", "--isolated", str(empty), str(EXAMPLES / "clean-article.md"))
    assert run.code == 0
    assert f"artlint: warning: {empty}: empty file: nothing to lint" in run.err


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    run = run_cli("check", "--isolated", "--format", "json", str(binary), GOOD)
    assert run.code == 2
    assert f"{binary}: binary file (NUL bytes), not an article" in run.err
    assert _linted_paths(run) == [GOOD]


def test_invalid_utf8_names_line_and_byte(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Première ligne.\nLe café était fermé.\n".encode("latin-1"))
    run = run_cli("check", "--isolated", str(latin), GOOD)
    assert run.code == 2
    assert f"{latin}:1: not valid UTF-8 (byte 0xe8 at offset 5)" in run.err
    fixed = run_cli("check", "--isolated", "--encoding", "latin-1", "--format", "json", str(latin))
    assert fixed.code == 0 and fixed.json()["results"][0]["words"] == 6


def test_malformed_jsonl_lines_name_line_and_field(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok1", "text": "Leave a Reply"}),
                '{"id": "broken", "text": "unterminated',
                json.dumps(["not", "an", "object"]),
                json.dumps({"id": "no-text", "body": "x"}),
                json.dumps({"id": "num", "text": 42}),
                json.dumps({"id": "ok2", "text": "Thanks for Subscribing!"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    run = run_cli("check", "--isolated", "--lang", "en", "--format", "json", str(corpus))
    assert run.code == 2
    assert f"{corpus}:2: malformed JSON" in run.err
    assert f"{corpus}:3: a record must be a JSON object" in run.err
    assert f"{corpus}:4 (record no-text): field 'text': missing text field" in run.err
    assert f"{corpus}:5 (record num): field 'text': text field must be a string, not int" in run.err
    assert [r["record"] for r in run.json()["results"]] == ["ok1", "ok2"]
    assert {e["line"] for e in run.json()["errors"]} == {2, 3, 4, 5}


def test_gzipped_jsonl_and_truncated_gzip(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl.gz"
    corpus.write_bytes(gzip.compress(json.dumps({"id": "g1", "text": "Leave a Reply"}).encode() + b"\n"))
    run = run_cli("check", "--isolated", "--lang", "en", "--format", "json", str(corpus))
    assert run.code == 1 and run.json()["results"][0]["record"] == "g1"
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(corpus.read_bytes()[:-12])
    run = run_cli("check", "--isolated", str(broken), GOOD)
    assert run.code == 2 and str(broken) in run.err


def test_runaway_regex_is_stopped_and_named(tmp_path: Path) -> None:
    pack = tmp_path / "slow.yaml"
    pack.write_text(
        """category: claims
rules:
  - id: claims.catastrophic
    kind: pattern
    severity: warning
    message: never finishes
    timeout: 0.2
    patterns: {"*": ['(a|a)+$']}
    examples: {bad: ["aaaa"]}
""",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("a" * 40 + "!\n", encoding="utf-8")
    run = run_cli("check", "--isolated", "--rule-path", str(pack), "--format", "json", str(article), GOOD)
    assert run.code == 2
    assert f"{article}: claims.catastrophic: pattern ran longer than 0.2s; rule skipped" in run.err
    results = run.json()["results"]
    assert [r["path"] for r in results] == [str(article), GOOD]
    assert results[0]["errors"][0]["rule"] == "claims.catastrophic"
    assert any(f["rule"] == "boilerplate.comment-form" for f in results[1]["findings"])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "category: claims\nrules:\n  - id: claims.x\n    kind: phrase\n    severity: fatal\n    message: m\n"
            "    phrases: {en: [a]}\n    examples: {bad: [a]}\n",
            ":5: claims.x: severity: 'fatal' is not one of ['error', 'warning', 'info']",
        ),
        (
            "category: claims\nrules:\n  - id: claims.x\n    kind: pattern\n    severity: info\n    message: m\n"
            "    patterns: {en: ['(unclosed']}\n    examples: {bad: [a]}\n",
            ": claims.x: patterns: invalid regular expression",
        ),
        (
            "category: claims\nrules:\n  - id: boilerplate.x\n    kind: phrase\n    severity: info\n    message: m\n"
            "    phrases: {en: [a]}\n    examples: {bad: [a]}\n",
            ":3: boilerplate.x: id: id must start with the pack's category 'claims.'",
        ),
        (
            "category: claims\nrules:\n  - id: claims.x\n    kind: phrase\n    severity: info\n    message: m\n"
            "    phrases: {en: [a]}\n    colour: red\n    examples: {bad: [a]}\n",
            ": claims.x: (rule): unknown field(s) ('colour' was unexpected)",
        ),
        (
            "category: claims\nrules:\n  - id: claims.x\n    kind: phrase\n    severity: info\n    message: m\n"
            "    phrases: {en: [a]}\n",
            ": claims.x: (rule): 'examples' is a required property",
        ),
        ("category: claims\nrules: [\n", "not a readable YAML file"),
    ],
)
def test_invalid_rule_pack_names_file_line_rule_and_field(tmp_path: Path, body: str, expected: str) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(body, encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_ruleset([pack])  # a pack with problems is never cached
    assert any(problem.startswith(str(pack)) and expected in problem for problem in caught.value.problems), (
        caught.value.problems
    )
    run = run_cli("check", "--isolated", "--rule-path", str(pack), GOOD)
    assert run.code == 2 and "rule pack error" in run.err and run.out == ""
