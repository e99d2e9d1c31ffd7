"""Scores are bounded, monotone (a finding never raises a score) and
deterministic, both in the formula and end to end on real articles."""

from __future__ import annotations

from conftest import ARTICLES, EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.api import Linter
from artlint.config import Config
from artlint.findings import Finding
from artlint.scoring import CATEGORIES, category_scores, overall_score

LINTER = Linter.from_config(Config())

findings_strategy = st.lists(
    st.builds(
        lambda category, severity, line, weight: Finding(
            line, 1, line, 2, f"{category}.x", category, severity, "m", "e", weight
        ),
        st.sampled_from(CATEGORIES),
        st.sampled_from(["error", "warning", "info"]),
        st.integers(min_value=1, max_value=200),
        st.floats(min_value=0.1, max_value=10),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(findings_strategy, findings_strategy, st.integers(0, 20000), st.integers(1, 400))
def test_scores_bounded_and_monotone(base, extra, words, lines) -> None:
    before = category_scores(base, words, lines, CATEGORIES)
    after = category_scores(base + extra, words, lines, CATEGORIES)
    for category in CATEGORIES:
        assert 0.0 <= after[category] <= before[category] <= 100.0
    assert 0.0 <= overall_score(after) <= overall_score(before) <= 100.0
    assert category_scores(list(reversed(base)), words, lines, CATEGORIES) == before


def test_no_findings_scores_100_and_unchecked_categories_are_null() -> None:
    scores = category_scores([], 500, 20, ["boilerplate", "claims"])
    assert scores["boilerplate"] == scores["claims"] == 100.0
    assert scores["entities"] is None
    assert overall_score(scores) == 100.0


def test_residue_added_to_a_real_article_lowers_its_scores() -> None:
    text = (EXAMPLES / "clean-article.md").read_text(encoding="utf-8")
    clean = LINTER.lint_text(text, fmt="md", lang="en")
    dirty = LINTER.lint_text(text + "\nLeave a Reply\n\nSource link\n", fmt="md", lang="en")
    assert clean.scores["boilerplate"] == 100.0
    assert dirty.scores["boilerplate"] < clean.scores["boilerplate"]
    assert dirty.scores["overall"] < clean.scores["overall"]


def test_scores_are_deterministic_and_rank_articles() -> None:
    paths = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md"))
    first = [next(LINTER.lint_paths([str(p)])) for p in paths]
    second = [next(LINTER.lint_paths([str(p)])) for p in paths]
    assert [r.to_dict() for r in first] == [r.to_dict() for r in second]
    by_name = {r.path.rsplit("/", 1)[-1]: r.scores for r in first}
    # The article with holes, a form and a breadcrumb scores below the clean one.
    assert by_name["scraped-fr.txt"]["overall"] < by_name["clean-fr.txt"]["overall"]
    assert by_name["holes-en.txt"]["entities"] < 100.0 == by_name["clean-en.md"]["entities"]
    assert by_name["hard-to-read-en.txt"]["readability"] < 100.0 == by_name["clean-en.md"]["readability"]
