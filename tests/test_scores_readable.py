"""Scores people can read: the text output ends each article with its scores
and what lowered the lowest; JSON gives every category below 100 its reasons
(with points and shares that add up); --statistics and --show-source."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import ARTICLES, SCRAPED_EN, run_cli

PATHS = sorted(str(p) for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md"))


@pytest.fixture(scope="module")
def report() -> dict:
    return run_cli("check", "--isolated", "--format", "json", *PATHS).json()  # schema-checked


def test_every_category_below_100_has_reasons_that_add_up(report: dict) -> None:
    lowered = 0
    for result in report["results"]:
        for category, score in result["scores"].items():
            if category == "overall" or score is None:
                continue
            reasons = result["reasons"].get(category, [])
            if score < 100.0:
                lowered += 1
                assert reasons, (result["path"], category)
            if reasons:
                assert sum(r["points"] for r in reasons) == pytest.approx(100.0 - score, abs=0.3)
                assert sum(r["share"] for r in reasons) == pytest.approx(1.0, abs=0.01)
                assert [r["share"] for r in reasons] == sorted((r["share"] for r in reasons), reverse=True)
        for category, reasons in result["reasons"].items():
            rules = {r for f in result["findings"] if f["category"] == category for r in [f["rule"], *f.get("also", [])]}
            assert {r["rule"] for r in reasons if "rule" in r} <= rules
    assert lowered >= 8  # the fixtures lower every category somewhere


def test_sourcing_reasons_name_the_attribution_metric(report: dict) -> None:
    claims = next(r for r in report["results"] if r["path"].endswith("claims-en.md"))
    kinds = {r.get("rule") or r.get("metric") for r in claims["reasons"]["sourcing"]}
    assert kinds == {"sourcing.quote-without-speaker", "sourcing.attributions_per_1000_words"}


def test_text_output_ends_each_article_with_its_scores() -> None:
    run = run_cli("check", "--isolated", str(SCRAPED_EN), str(ARTICLES / "clean-en.md"))
    lines = run.out.splitlines()
    scraped = [line for line in lines if line.startswith(f"{SCRAPED_EN}:")]
    assert scraped[-1] == (
        f"{SCRAPED_EN}: score 77.2 (boilerplate 67.7, entities 60.7, sourcing 100.0, claims 77.9, "
        "readability 100.0); lowest: entities 60.7, mostly entities.space-before-punctuation "
        "(1 line, 100% of the loss)"
    )
    clean = ARTICLES / "clean-en.md"
    assert f"{clean}: score 100.0 (boilerplate 100.0, entities 100.0, sourcing 100.0, claims 100.0, readability 100.0)" in lines
    assert lines[-1].startswith("9 findings")


def test_readability_score_and_finding_agree() -> None:
    run = run_cli("check", "--isolated", "--format", "json", str(ARTICLES / "hard-to-read-en.txt"))
    result = run.json()["results"][0]
    (finding,) = [f for f in result["findings"] if f["rule"] == "readability.hard-to-read"]
    flesch = float(re.search(r"reading ease (-?[\d.]+)", finding["message"]).group(1))
    assert flesch == round(result["metrics"]["flesch_reading_ease"], 1)
    assert result["scores"]["readability"] < 100.0
    assert {r["rule"] for r in result["reasons"]["readability"]} == {
        "readability.hard-to-read"
    }  # the long sentence is on the same line: the line counts once, by its heaviest finding


def test_statistics_counts_findings_per_rule() -> None:
    run = run_cli("check", "--isolated", "--statistics", *PATHS)
    as_json = run_cli("check", "--isolated", "--format", "json", *PATHS).json()
    expected = Counter(f["rule"] for r in as_json["results"] for f in r["findings"])
    printed = {}
    for line in run.out.splitlines():
        match = re.fullmatch(r" +(\d+)  ([a-z]+\.[a-z0-9-]+)", line)
        if match:
            printed[match.group(2)] = int(match.group(1))
    assert printed == dict(expected)
    counts = [int(line.split()[0]) for line in run.out.splitlines() if re.fullmatch(r" +\d+  \S+", line)]
    assert counts == sorted(counts, reverse=True)


def test_show_source_puts_a_caret_under_the_span() -> None:
    run = run_cli("check", "--isolated", "--show-source", str(SCRAPED_EN))
    lines = run.out.splitlines()
    hole = lines.index(
        f"{SCRAPED_EN}:12:13: error entities.space-before-punctuation "
        "A name seems to be missing between 'According to' and ','"
    )
    assert lines[hole + 1] == " 12 | According to , the operator has lost money every winter since 2019."
    assert lines[hole + 2] == "    |             ^"  # a missing name: one caret where it belongs
    comment = lines.index(
        f"{SCRAPED_EN}:17:1: warning boilerplate.comment-form Comment form left in the text: 'Leave a Reply'"
    )
    assert lines[comment + 1 : comment + 3] == [" 17 | Leave a Reply", "    | " + "^" * len("Leave a Reply")]
