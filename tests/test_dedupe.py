"""One finding per problem: rules that report the same stretch of a line are
merged into the most specific finding, the others named in its `also`."""

from __future__ import annotations

from conftest import EXAMPLES, SCRAPED_FR, run_cli

from artlint.api import Linter
from artlint.config import Config


def _findings(*args: str) -> list[dict]:
    run = run_cli("check", "--isolated", "--format", "json", *args)  # schema-checked ('also' included)
    return [f for result in run.json()["results"] for f in result["findings"]]


def test_a_form_message_is_one_finding_that_names_the_context_rules_too() -> None:
    on_line = [f for f in _findings(str(SCRAPED_FR)) if f["line"] == 15]
    assert [(f["rule"], f["message"]) for f in on_line] == [
        ("boilerplate.form-message", "Form message left in the text: 'Adresse e-mail invalide'")
    ]
    assert {"boilerplate.headline-run", "boilerplate.page-chrome"} <= set(on_line[0]["also"])
    # no 'Headlines of other articles' for a subscription prompt any more
    assert not [f for f in _findings(str(SCRAPED_FR)) if f["line"] == 14 and f["rule"] != "boilerplate.subscription-prompt"]


def test_a_line_matched_itself_wins_over_one_reported_for_following_a_header() -> None:
    findings = _findings(str(EXAMPLES / "corpus.jsonl"))
    leave = [f for f in findings if f["excerpt"] == "Leave a Reply"]
    assert [(f["rule"], f["message"], f["also"]) for f in leave] == [
        (
            "boilerplate.comment-form",
            "Comment form left in the text: 'Leave a Reply'",
            ["boilerplate.comment-count"],
        )
    ]


def test_separate_spans_on_one_line_stay_separate() -> None:
    linter = Linter.from_config(Config(select=("entities",)))
    text = "The festival will be headlined by , and , the organisers said on Tuesday in a statement.\n"
    holes = linter.lint_text(text, lang="en").findings
    assert len(holes) == 2 and holes[0].column != holes[1].column


def test_merging_keeps_scores_severity_and_fix() -> None:
    linter = Linter.from_config(Config())
    text = SCRAPED_FR.read_text(encoding="utf-8")
    result = linter.lint_text(text)
    alone = Linter.from_config(Config(select=("boilerplate.form-message",))).lint_text(text).findings
    merged = next(f for f in result.findings if f.line == 15)
    single = next(f for f in alone if f.line == 15)
    assert merged.also and merged.severity == single.severity and merged.fix == single.fix
    # every rule that reported still counts in the scores and their reasons
    reasons = {r["rule"] for r in result.reasons["boilerplate"]}
    assert "boilerplate.form-message" in reasons
    assert result.metrics["boilerplate"]["residue_lines"] == 8  # lines 1, 2, 4, 5, 14-17
