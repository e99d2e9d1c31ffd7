"""SARIF 2.1.0 output: rules described for dashboards (short and full
description, help with the rule's examples, default level), files located
relative to %SRCROOT%, and the whole log valid against the SARIF schema."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
from conftest import ARTICLES, DATA, ROOT, SCRAPED_EN, run_cli


def _sarif(*args: str, cwd: Path | None = None) -> dict:
    run = run_cli("check", "--isolated", "--format", "sarif", *args, cwd=cwd)
    assert run.code == 1, run.err
    return json.loads(run.out)


def test_rules_carry_descriptions_help_with_examples_and_a_default_level() -> None:
    log = _sarif(str(SCRAPED_EN))
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    reported = {result["ruleId"] for result in run["results"]}
    assert set(rules) == reported
    comment = rules["boilerplate.comment-form"]
    assert comment["shortDescription"]["text"].startswith("The comment box under a post")
    assert len(comment["fullDescription"]["text"]) > len(comment["shortDescription"]["text"])
    assert "Leave a Reply" in comment["help"]["text"] and "**Reported:**" in comment["help"]["markdown"]
    assert comment["defaultConfiguration"]["level"] == "warning"
    assert comment["properties"]["category"] == "boilerplate"
    hole = rules["entities.space-before-punctuation"]
    assert hole["defaultConfiguration"]["level"] == "error"
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_locations_are_relative_to_srcroot(tmp_path: Path) -> None:
    log = _sarif("tests/data/articles/scraped-en.txt", cwd=ROOT)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "tests/data/articles/scraped-en.txt", "uriBaseId": "%SRCROOT%"}
    # From a sibling folder, '../x' would be meaningless to a dashboard: outside the root, an absolute URI.
    elsewhere = _sarif(str(SCRAPED_EN), cwd=tmp_path)["runs"][0]["results"][0]
    assert elsewhere["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": SCRAPED_EN.as_uri()}


def test_a_path_with_spaces_is_a_valid_uri_reference(tmp_path: Path) -> None:
    folder = tmp_path / "my posts"
    folder.mkdir()
    (folder / "a b.txt").write_text((ARTICLES / "scraped-fr.txt").read_text("utf-8"), "utf-8")
    result = _sarif("my posts", cwd=tmp_path)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20posts/a%20b.txt"


def _schema() -> dict:
    """The official SARIF 2.1.0 schema when it is in tests/data, else its excerpt
    (the definitions artlint writes, as strict as the official ones)."""
    full = DATA / "sarif-schema-2.1.0.json"
    path = full if full.is_file() else DATA / "sarif-schema-2.1.0-excerpt.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_log_is_valid_sarif_2_1_0(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "r1", "text": "Leave a Reply\n"}) + "\n{broken\n", encoding="utf-8"
    )
    run = run_cli(
        "check", "--isolated", "--format", "sarif", str(ARTICLES), str(corpus), str(tmp_path / "missing.md")
    )
    assert run.code == 2  # the broken record and the missing file: notifications, not a crash
    log = json.loads(run.out)
    jsonschema.Draft7Validator(_schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) >= 20 and any(r.get("properties", {}).get("record") == "r1" for r in results)
    for result in results:  # what a uri-reference must be, whatever format checkers are installed
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert " " not in uri and urlsplit(uri).path
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 2 and log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_the_schema_check_catches_what_sarif_forbids() -> None:
    validator = jsonschema.Draft7Validator(_schema())
    bad = {
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "artlint", "rules": [{"id": "x", "defaultConfiguration": {"level": "info"}}]}}}],
    }
    assert [e.validator for e in validator.iter_errors(bad)] == ["enum"]  # 'info' is not a SARIF level
