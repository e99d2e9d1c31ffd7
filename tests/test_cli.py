"""The command line: formats, options anywhere, exit codes, config, determinism."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import ARTICLES, EXAMPLES, SCRAPED_EN, SCRAPED_FR, run_cli, run_process

ARTICLE_FR = str(SCRAPED_FR)
ARTICLE_EN = str(SCRAPED_EN)
CLEAN = str(EXAMPLES / "clean-article.md")


def test_text_format_lines_and_summary() -> None:
    run = run_cli("check", "--isolated", ARTICLE_EN)
    assert run.code == 1
    lines = run.out.splitlines()
    assert (
        f"{ARTICLE_EN}:16:1: warning boilerplate.source-link Link label left in the text: 'Source link'" in lines
    )
    assert "1 article checked, 1 failed" in lines[-1]
    assert "\x1b[" not in run.out  # no colour when not a terminal


def test_color_always_paints_severity() -> None:
    run = run_cli("check", "--isolated", "--color", "always", ARTICLE_EN)
    assert "\x1b[33mwarning\x1b[0m" in run.out


def test_clean_article_passes_with_exit_zero() -> None:
    run = run_cli("check", "--isolated", CLEAN)
    assert run.code == 0, run.out
    assert "0 findings" in run.out


def test_options_before_the_command_work() -> None:
    before = run_cli("--isolated", "--format", "json", "--select", "boilerplate", "check", ARTICLE_EN)
    after = run_cli("check", ARTICLE_EN, "--isolated", "--format", "json", "--select", "boilerplate")
    assert before.code == after.code == 1
    assert before.out == after.out
    assert {f["category"] for f in before.json()["results"][0]["findings"]} == {"boilerplate"}


def test_json_report_contract() -> None:
    run = run_cli("check", "--isolated", "--format", "json", ARTICLE_EN, CLEAN)
    report = run.json()  # schema-validated by run_cli
    assert report["tool"]["name"] == "artlint"
    assert [r["path"] for r in report["results"]] == [ARTICLE_EN, CLEAN]
    first = report["results"][0]
    assert first["language"] == "en" and first["record"] is None
    assert set(first["scores"]) >= {"overall", "boilerplate", "entities", "sourcing", "claims", "readability"}
    finding = next(f for f in first["findings"] if f["rule"] == "boilerplate.comment-form")
    assert (finding["line"], finding["column"], finding["end_line"]) == (17, 1, 17)
    assert finding["end_column"] == 1 + len("Leave a Reply")
    assert finding["excerpt"] == "Leave a Reply"
    assert report["summary"]["articles"] == 2 and report["summary"]["failed"] == 1


def test_same_input_gives_byte_identical_json() -> None:
    args = ("check", "--isolated", "--format", "json", str(ARTICLES), str(EXAMPLES))
    assert run_cli(*args).out == run_cli(*args).out


def test_jsonl_format_names_records() -> None:
    run = run_cli("check", "--isolated", "--format", "jsonl", str(EXAMPLES / "corpus.jsonl"))
    lines = run.jsonl()  # schema-validated by run_cli
    results = [line for line in lines if line["type"] == "result"]
    assert [r["record"] for r in results] == ["a1", "a2", "a3"]
    assert [r["record_line"] for r in results] == [1, 2, 3]
    a1 = results[0]
    assert any(f["rule"] == "boilerplate.comment-form" and f["line"] == 4 for f in a1["findings"])
    assert lines[-1]["type"] == "summary" and lines[-1]["articles"] == 3


def test_text_field_and_id_field_options(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"doc": "x1", "body": "Leave a Reply"}) + "\n", encoding="utf-8")
    run = run_cli(
        "check", "--isolated", "--text-field", "body", "--id-field", "doc", "--lang", "en", str(corpus)
    )
    assert f"{corpus}[x1]:1:1: warning boilerplate.comment-form" in run.out


def test_select_ignore_and_unknown_rule() -> None:
    only = run_cli(
        "check", "--isolated", "--format", "json", "--select", "claims.weasel-attribution", ARTICLE_EN
    )
    assert {f["rule"] for f in only.json()["results"][0]["findings"]} == {"claims.weasel-attribution"}
    ignored = run_cli("check", "--isolated", "--format", "json", "--ignore", "boilerplate,claims", ARTICLE_EN)
    assert not {f["category"] for f in ignored.json()["results"][0]["findings"]} & {"boilerplate", "claims"}
    unknown = run_cli("check", "--isolated", "--select", "boilerplate.nope", ARTICLE_EN)
    assert unknown.code == 2 and "unknown rule or category: boilerplate.nope" in unknown.err


def test_min_score_and_fail_on() -> None:
    lenient = run_cli("check", "--isolated", "--fail-on", "none", ARTICLE_EN)
    assert lenient.code == 0
    strict = run_cli("check", "--isolated", "--fail-on", "none", "--min-score", "99", ARTICLE_EN)
    assert strict.code == 1
    errors_only = run_cli("check", "--isolated", "--fail-on", "error", "--select", "boilerplate", ARTICLE_EN)
    assert errors_only.code == 0  # boilerplate findings are warnings


def test_output_file_and_validate(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    run = run_cli("check", "--isolated", "--format", "json", "--validate", "--output", str(target), ARTICLE_FR)
    assert run.code == 1 and run.out == ""
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["results"][0]["language"] == "fr"


def test_sarif_and_github_formats() -> None:
    sarif = json.loads(run_cli("check", "--isolated", "--format", "sarif", ARTICLE_EN).out)
    assert sarif["version"] == "2.1.0"
    regions = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif["runs"][0]["results"]
    ]
    assert 17 in regions
    github = run_cli("check", "--isolated", "--format", "github", ARTICLE_EN).out
    assert "::warning file=" in github and "line=17" in github


def test_stdin_with_lang_and_exit_code() -> None:
    run = run_process("check", "--isolated", "-", "--lang", "fr", stdin=b"Adresse e-mail invalide\n")
    assert run.code == 1
    assert "-:1:1: warning boilerplate.form-message" in run.out


def test_config_file_is_discovered_and_obeyed(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.artlint]\nselect = ["claims"]\nfail_on = "error"\n', encoding="utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text(Path(ARTICLE_EN).read_text(encoding="utf-8"), encoding="utf-8")
    nested = tmp_path / "sub"
    nested.mkdir()
    run = run_cli("check", "--format", "json", str(article), cwd=nested)
    rules = {f["rule"] for f in run.json()["results"][0]["findings"]}
    assert rules and all(r.startswith("claims.") for r in rules)
    assert run.code == 0  # claims findings are warnings or info; fail_on = error


def test_dot_artlint_toml_and_explicit_config(tmp_path: Path) -> None:
    config = tmp_path / ".artlint.toml"
    config.write_text('ignore = ["boilerplate"]\n', encoding="utf-8")
    run = run_cli("check", "--config", str(config), "--format", "json", ARTICLE_EN)
    assert "boilerplate" not in {f["category"] for f in run.json()["results"][0]["findings"]}


def test_invalid_config_names_file_line_and_field(tmp_path: Path) -> None:
    config = tmp_path / ".artlint.toml"
    config.write_text('select = ["claims"]\nfail_on = "sometimes"\n', encoding="utf-8")
    run = run_cli("check", "--config", str(config), ARTICLE_EN)
    assert run.code == 2
    assert f"{config}:2: fail_on: 'sometimes' is not one of" in run.err


def test_rules_list_and_explain() -> None:
    listed = run_cli("rules", "--isolated")
    assert listed.code == 0 and "boilerplate.comment-form" in listed.out
    explained = run_cli("rules", "--isolated", "--explain", "boilerplate.comment-form")
    assert "Leave a Reply" in explained.out and "Must be reported (bad examples)" in explained.out
    assert "  ok   [en] Leave a Reply" in explained.out and explained.code == 0
    missing = run_cli("rules", "--isolated", "--explain", "no.such-rule")
    assert missing.code == 2


def test_schema_command_prints_schemas() -> None:
    for name in ("report", "rule", "config", "language"):
        run = run_cli("schema", name)
        assert run.code == 0
        assert json.loads(run.out)["$schema"].endswith("2020-12/schema")


def test_help_and_version() -> None:
    help_run = run_process("check", "--help")
    assert help_run.code == 0 and "exit codes:" in help_run.out and "--min-score" in help_run.out
    assert run_process("--version").out.startswith("artlint ")
    assert run_process().code == 2  # no command: usage on stderr


def test_console_script_and_module_entry_agree() -> None:
    import shutil
    import subprocess

    script = shutil.which("artlint")
    assert script, "the artlint console script is not installed"
    done = subprocess.run(
        [script, "check", "--isolated", CLEAN],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )
    assert done.returncode == 0 and "0 findings" in done.stdout
