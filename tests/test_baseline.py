"""The baseline: accepted findings are not reported, new ones are, whatever the
lines moved, from any working directory; a bad baseline file is named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import ARTICLES, run_cli

from artlint.resources import load_schema

SEED_FR = "scraped-fr.txt"
SEED_EN = "scraped-en.txt"


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in (SEED_FR, SEED_EN):
        shutil.copy(ARTICLES / name, folder / name)
    return folder


def _write_baseline(folder: Path) -> tuple[Path, int]:
    baseline = folder / "artlint-baseline.json"
    before = run_cli("check", "--isolated", "--format", "json", str(folder))
    assert before.code == 1  # the scraped articles carry residue
    found = before.json()["summary"]["findings"]
    written = run_cli("check", "--isolated", "--write-baseline", str(baseline), "-q", str(folder))
    assert written.code == 0, written.err
    assert f"wrote {found} findings to the baseline" in written.err
    return baseline, found


def test_a_written_baseline_is_valid_and_silences_every_finding(articles: Path) -> None:
    baseline, found = _write_baseline(articles)
    data = json.loads(baseline.read_text("utf-8"))
    jsonschema.validate(data, load_schema("baseline"), cls=jsonschema.Draft202012Validator)
    assert {item["path"] for item in data["findings"]} == {SEED_FR, SEED_EN}  # relative to the file
    assert sum(item.get("count", 1) for item in data["findings"]) == found
    run = run_cli("check", "--isolated", "--format", "json", "--baseline", str(baseline), str(articles))
    assert run.code == 0
    report = run.json()
    assert report["summary"]["findings"] == 0 and report["summary"]["baselined"] == found
    assert all(result["passed"] and not result["findings"] for result in report["results"])
    assert report["results"][0]["scores"]["overall"] < 100  # scores still describe the article


def test_moved_lines_stay_known_and_new_residue_is_reported(articles: Path) -> None:
    baseline, _ = _write_baseline(articles)
    seed = articles / SEED_EN
    text = seed.read_text("utf-8")
    # Three new paragraphs at the top move every old finding down; a second
    # "Leave a Reply" is one more than the baseline accepts.
    seed.write_text(
        "A new opening paragraph.\n\nAnother one.\n\nAnd a third.\n\n" + text + "\nLeave a Reply\n", "utf-8"
    )
    run = run_cli("check", "--isolated", "--format", "json", "--baseline", str(baseline), str(articles))
    assert run.code == 1
    findings = [f for result in run.json()["results"] for f in result["findings"]]
    # the new line only: a comment form, and a line the article already had (one finding for both)
    assert [(f["rule"], f["excerpt"], f.get("also")) for f in findings] == [
        ("boilerplate.comment-form", "Leave a Reply", ["boilerplate.repeated-line"]),
    ]
    assert {f["line"] for f in findings} == {len(seed.read_text("utf-8").splitlines())}


def test_the_baseline_works_from_another_folder_and_from_the_config(articles: Path, tmp_path: Path) -> None:
    baseline, found = _write_baseline(articles)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    relative = run_cli("check", "--isolated", "--baseline", str(baseline), "../articles", cwd=elsewhere)
    assert relative.code == 0 and f"{found} known findings in the baseline" in relative.out
    config = articles / ".artlint.toml"
    config.write_text('baseline = "artlint-baseline.json"\n', "utf-8")
    configured = run_cli("check", "--config", str(config), ".", cwd=articles)
    assert configured.code == 0 and "0 findings" in configured.out


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ('{"artlint_baseline": 1, "findings": [\n  {"path": "a.txt", "rule": "x"\n', ":3: not valid JSON"),
        ('{"artlint_baseline": 1, "findings": [{"path": "a.txt", "rule": "boilerplate.x"}]}', "findings/0"),
        ('{"artlint_baseline": 2, "findings": []}', "artlint_baseline"),
    ],
)
def test_a_bad_baseline_is_named_with_its_field(articles: Path, content: str, named: str) -> None:
    baseline = articles / "bad-baseline.json"
    baseline.write_text(content, "utf-8")
    run = run_cli("check", "--isolated", "--baseline", str(baseline), str(articles))
    assert run.code == 2
    assert str(baseline) in run.err and named in run.err


def test_counts_hold_across_records_without_an_id(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    text = (ARTICLES / SEED_EN).read_text("utf-8")
    corpus.write_text(json.dumps({"text": text}) + "\n", "utf-8")
    baseline = tmp_path / "baseline.json"
    assert run_cli("check", "--isolated", "--write-baseline", str(baseline), str(corpus)).code == 0
    # a second record with no id says it all again: its findings are new, not
    # a second use of the same accepted ones
    corpus.write_text(json.dumps({"text": text}) + "\n" + json.dumps({"text": text}) + "\n", "utf-8")
    run = run_cli("check", "--isolated", "--format", "json", "--baseline", str(baseline), str(corpus))
    first, second = run.json()["results"]
    assert not first["findings"] and first["passed"]
    assert second["findings"] and not second["passed"] and run.code == 1


def test_a_baseline_that_is_not_text_is_named_and_the_output_left_alone(articles: Path) -> None:
    baseline = articles / "bad-baseline.json"
    baseline.write_bytes(b"\xff\xfe{}")
    report = articles / "report.json"
    report.write_text("previous report", "utf-8")
    run = run_cli("check", "--isolated", "--baseline", str(baseline), "--output", str(report), str(articles))
    assert run.code == 2 and str(baseline) in run.err and "not UTF-8" in run.err
    assert report.read_text("utf-8") == "previous report"
