"""The learned residue scorer (rule boilerplate.line-model, kind `scorer`):
its trees are evaluated exactly, its features have the names the model
expects, it reports what looks like residue outside the text and leaves the
article's own tables and lists alone, and what it and the phrase rules
report carries a confidence measured on held-out pages."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLES, run_cli

from artlint.analysis import line_features
from artlint.analysis.trees import TreeModel
from artlint.api import Linter
from artlint.config import Config
from artlint.document import Document
from artlint.measured import load_table
from artlint.resources import rules_dir

MODEL_RULE = "boilerplate.line-model"
ARTICLE = (
    "It was a quiet morning in the village when the council met to decide the fate of the old "
    "bridge, which had stood since 1820.\n"
    "The vote was close, and the mayor said the bridge would be repaired rather than replaced "
    "next spring, once the river had fallen."
)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter.from_config(Config(select=("boilerplate",)))


def _tree_model(trees: list[list[list[float]]], base: float = 0.0) -> TreeModel:
    return TreeModel.from_data(
        {"features": list(line_features.FEATURES), "base": base, "trees": trees}, line_features.FEATURES
    )


def test_trees_send_a_row_left_at_or_below_the_threshold_and_sum_the_leaves() -> None:
    words = line_features.FEATURES.index("words")
    # one split on `words` at 1.5: left leaf -1, right leaf +2; a second tree adds 0.5 always
    split = [[words, 0, 0], [1.5, 0.0, 0.0], [1, -1, -1], [2, -1, -1], [0.0, -1.0, 2.0]]
    constant = [[0], [0.0], [-1], [-1], [0.5]]
    model = _tree_model([split, constant], base=0.25)
    row = [0.0] * len(line_features.FEATURES)
    row[words] = 1.5
    assert model.probability(row) == pytest.approx(1 / (1 + math.exp(-(0.25 - 1.0 + 0.5))))
    row[words] = 1.6
    assert model.probability(row) == pytest.approx(1 / (1 + math.exp(-(0.25 + 2.0 + 0.5))))


def test_a_model_trained_on_other_features_is_refused_with_the_reason() -> None:
    names = [*line_features.FEATURES[:-1], "something_else"]
    with pytest.raises(ValueError, match="retrain it"):
        TreeModel.from_data({"features": names, "base": 0.0, "trees": []}, line_features.FEATURES)
    broken = [[0], [0.0], [-1]]  # three arrays, not five
    with pytest.raises(ValueError, match=r"trees\[0\]"):
        _tree_model([broken])
    # a child outside the arrays, and a split whose child is itself (a walk that never ends)
    outside = [[0, 0, 0], [1.5, 0.0, 0.0], [1, -1, -1], [5, -1, -1], [0.0, -1.0, 2.0]]
    cycle = [[0, 0, 0], [1.5, 0.0, 0.0], [0, -1, -1], [2, -1, -1], [0.0, -1.0, 2.0]]
    for tree in (outside, cycle):
        with pytest.raises(ValueError, match=r"trees\[0\]: node 0: children"):
            _tree_model([tree])


def test_the_bundled_model_reads_the_features_artlint_computes() -> None:
    pack = (rules_dir() / "boilerplate-model.yaml").read_text(encoding="utf-8")
    model = json.loads(pack.split("    model: ", 1)[1])
    assert model["features"] == list(line_features.FEATURES)
    assert len(model["trees"]) >= 20


def test_features_name_every_column_and_see_tables_and_lists() -> None:
    table = "\n".join(
        [ARTICLE, "| Team | Won | Lost |", "| Ajax | 10 | 2 |", "| PSV | 9 | 3 |", "| Feyenoord | 8 | 4 |", ARTICLE]
    )
    document = Document(table)
    features = line_features.compute(document)
    assert all(len(row) == len(line_features.FEATURES) for row in features.rows)
    column = line_features.FEATURES.index("table_run")
    assert [round(math.expm1(row[column])) for row in features.rows] == [0, 0, 4, 4, 4, 4, 0, 0]
    dates = "\n".join([ARTICLE, "June 9 -- Coral Sky, West Palm Beach", "June 19 -- PNC Pavilion, Charlotte", ARTICLE])
    shape = line_features.FEATURES.index("same_shape_run")
    assert [round(math.expm1(row[shape])) for row in line_features.compute(Document(dates)).rows][2:4] == [2, 2]


def test_a_footer_no_phrase_rule_names_is_reported_by_its_shape(linter: Linter) -> None:
    footer = [
        "Reporting by Jenny Marsh; editing by Tom Lee",
        "Valley Gazette Ltd",
        "14 High Street, Little Brook",
        "Registered in England No. 0123456",
        "Opening hours 9-5",
        "© Valley Gazette 2021",
        "All rights reserved",
    ]
    found = linter.lint_text(ARTICLE + "\n" + "\n".join(footer), lang="en").findings
    by_model = [f for f in found if f.rule == MODEL_RULE]
    assert by_model, found
    assert all(f.line >= 3 for f in found)  # the article's two lines are never reported
    assert all(f.confidence is not None and 0.95 <= f.confidence <= 1 for f in by_model)
    assert all(f.fix is None for f in by_model)  # the scorer has not earned fix


def test_the_article_own_table_and_list_inside_its_text_are_not_residue(linter: Linter) -> None:
    text = "\n".join(
        [
            ARTICLE,
            "The league table after the tenth round:",
            "| Team | Won | Lost |",
            "| Ajax | 10 | 2 |",
            "| PSV | 9 | 3 |",
            "The tour dates announced on Monday:",
            "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
            "June 19 -- PNC Music Pavilion, Charlotte, NC",
            "Aug. 30 -- Pepsi Center, Denver, CO",
            "Tickets go on sale on Friday morning at the box office and online, the promoter said in a statement.",
        ]
    )
    assert [f for f in linter.lint_text(text, lang="en").findings if f.category == "boilerplate"] == []


def test_every_boilerplate_finding_of_a_measured_rule_carries_its_confidence() -> None:
    run = run_cli("check", "--isolated", "--select", "boilerplate", "--format", "json", str(EXAMPLES))
    findings = [f for r in run.json()["results"] for f in r["findings"]]
    assert findings
    table = load_table()
    for finding in findings:
        if finding["rule"] in table:
            assert finding["confidence"] == pytest.approx(table[finding["rule"]]["precision"], abs=1e-3)


def test_fix_is_offered_only_by_rules_that_earned_it(linter: Linter, tmp_path: Path) -> None:
    table = load_table()
    for rule in linter.ruleset.rules:
        if rule.id in table and not table[rule.id]["fix"]:
            assert rule.fix is None, rule.id
    deleting = [rule for rule in linter.ruleset.rules if rule.fix == "delete-line"]
    assert deleting and all(table[rule.id]["fix"] for rule in deleting)
    # a user's own pack keeps the fix it asks for: its rules are not measured
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "category: boilerplate\nrules:\n  - id: boilerplate.house-footer\n    kind: line\n"
        "    severity: warning\n    message: 'House footer: {match}'\n    fix: delete-line\n"
        "    phrases: {en: [valley gazette ltd]}\n    examples: {bad: ['Valley Gazette Ltd']}\n",
        encoding="utf-8",
    )
    own = Linter.from_config(Config(select=("boilerplate.house-footer",), rule_paths=(str(pack),)))
    (finding,) = own.lint_text("Valley Gazette Ltd", lang="en").findings
    assert finding.fix is not None and finding.confidence is None


def test_rules_explain_shows_what_was_measured() -> None:
    run = run_cli("rules", "--explain", "boilerplate.share-widget")
    assert run.code == 0
    assert "measured: line precision" in run.out and "fix earned" in run.out


needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared (the labeled corpora)")


@needs_corpus
def test_the_measured_table_gives_fix_only_to_rules_measured_on_ten_sites() -> None:
    data = json.loads((rules_dir() / "boilerplate-measured.json").read_text(encoding="utf-8"))
    for rule, row in data["rules"].items():
        if row["fix_by"] == "rule":
            assert row["precision"] >= 0.995 and row["sites"] >= 10, rule
        elif row["fix_by"] == "band":
            assert row["precision"] == 1.0 and rule in data["band"]["rules"], rule
    assert data["band"]["sites"] >= 10
    assert data["rules"]["boilerplate.share-widget"]["fix_by"] == "rule"


def test_a_line_in_a_run_of_one_shape_is_never_reported(linter: Linter) -> None:
    """The pack's `skip_lists`: a line standing in a list or a table (two or more
    lines of one shape) is left alone however sure the model is."""
    from artlint.kinds.scorer import reports

    matcher = next(r for r in linter.ruleset.rules if r.id == MODEL_RULE).compiled["*"]
    assert matcher.skip_lists
    names = line_features.FEATURES
    row = [0.0] * len(names)
    row[names.index("after_text")] = 1.0  # after the text, on a page of little prose
    assert reports(matcher, row, 0.99)
    row[names.index("same_shape_run")] = math.log1p(3)  # third of three "June 9 -- ..." lines
    assert not reports(matcher, row, 0.99)
    row[names.index("same_shape_run")] = 0.0
    assert not reports(matcher, row, 0.99, templated=True)  # "Oldham v Bolton" under "Chelsea v Birmingham"


@needs_corpus
def test_the_measured_table_was_measured_with_the_rules_as_they_stand() -> None:
    """`fix` trusts rules/boilerplate-measured.json: a rule changed since it was
    measured would delete by an old figure.  The script's --check re-measures."""
    script = Path(__file__).resolve().parents[1] / "bench" / "measure_residue_rules.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check", "--shared", str(CORPUS.parent)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, "stale: run python bench/measure_residue_rules.py\n" + done.stdout[-2000:]


def test_a_paragraph_wrapped_over_short_lines_is_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Markdown kept in git is often wrapped at 72-80 columns: the last line of a
    paragraph ("map of the full network next month, Lopez said.") is short and
    stands after the last line long enough to be prose, yet it carries on the
    sentence above it, so the scorer leaves it alone."""
    from artlint.kinds import scorer

    model_only = Linter.from_config(Config(select=(MODEL_RULE,)))
    text = (EXAMPLES / "clean-article.md").read_text(encoding="utf-8")
    assert not model_only.lint_text(text, lang="en", fmt="md", path="clean-article.md").findings
    # Without the test for a wrapped sentence the model would report that line.
    monkeypatch.setattr(scorer, "wrapped", lambda matcher, row: False)
    found = model_only.lint_text(text, lang="en", fmt="md", path="clean-article.md").findings
    assert [f.excerpt for f in found] == ["map of the full network next month, Lopez said."]
