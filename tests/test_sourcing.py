"""Sourcing on real articles: `metrics.sourcing` in the report (schema-checked),
`sourcing.no-attribution` on pages that name no source, quotes without a
speaker, and the sourcing part of the score (bounded, monotone, with a floor
for short texts)."""

from __future__ import annotations

from conftest import ARTICLES, SCRAPED_EN, SEEDS, SHARED, needs_shared, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.api import Linter
from artlint.config import Config
from artlint.findings import Finding
from artlint.scoring import CATEGORIES, SOURCING_MAX_LOSS, category_scores, sourcing_factor

LINTER = Linter.from_config(Config(select=("sourcing", "claims")))
NEWS = SHARED / "corpus" / "residue" / "traf_default"
# Two blog pages of the dev corpus that quote and cite nobody (a jam recipe, diet
# tips), and a news analysis full of polls, quotes and named sources.
RECIPE = NEWS / "4219d096902dad9fd9d57e881e7928ca66bdf5334c2bc7dfddaa264887777a7a.txt"
DIET = NEWS / "ec3878db7e49b1ed354c511b132e3de5f773ff4fc8014163df58c22fffd93d2f.txt"
ELECTIONS = NEWS / "04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34.txt"


def lint(path):
    return next(iter(LINTER.lint_paths([str(path)])))


def test_report_carries_sourcing_metrics() -> None:
    run = run_cli("check", "--isolated", "--format", "json", str(SCRAPED_EN), str(ARTICLES / "claims-en.md"))
    scraped, claims = run.json()["results"]  # schema-validated by run_cli
    metrics = scraped["metrics"]["sourcing"]
    assert metrics["quotes_with_speaker"] >= 1
    assert "Anna Berg" in metrics["named_sources"]
    assert 0 < metrics["attributed_sentences"] <= scraped["metrics"]["sentences"]
    assert claims["metrics"]["sourcing"]["claim_sentences"] >= 1


@needs_shared
def test_pages_without_any_source_are_reported_and_news_is_not() -> None:
    for path in (RECIPE, DIET):
        result = lint(path)
        assert [f.rule for f in result.findings if f.rule == "sourcing.no-attribution"], path.name
        assert result.metrics["sourcing"]["attributed_sentences"] == 0
    news = lint(ELECTIONS)
    assert not [f for f in news.findings if f.rule == "sourcing.no-attribution"]
    assert news.metrics["sourcing"]["attributed_sentences"] >= 10
    assert news.scores["sourcing"] > lint(RECIPE).scores["sourcing"]
    for seed in sorted(SEEDS.glob("*.txt")):
        assert not [f for f in lint(seed).findings if f.rule == "sourcing.no-attribution"], seed.name


@needs_shared
def test_quote_without_speaker_on_a_seed() -> None:
    result = lint(SEEDS / "002_fb5a591701a25ef8.txt")
    lines = {f.line for f in result.findings if f.rule == "sourcing.quote-without-speaker"}
    assert lines == {16}  # “true feats of technical and aesthetic excellence”, said by nobody


def test_german_pages_have_sourcing_metrics() -> None:
    result = LINTER.lint_text("Der Markt wächst, sagte ein Sprecher des Unternehmens am Montag.", lang="de")
    assert result.metrics["sourcing"]["attributed_sentences"] == 1
    assert not result.findings


def test_sourcing_factor_floor_and_bounds() -> None:
    none_at_all = {"attributions_per_1000_words": 0.0, "claims_attributed_share": 0.0}
    assert sourcing_factor({"words": 60, "sourcing": none_at_all}) == 1.0  # too short to judge
    assert sourcing_factor({"words": 2000, "sourcing": none_at_all}) == 1.0 - SOURCING_MAX_LOSS
    well = {"attributions_per_1000_words": 14.0, "claims_attributed_share": 1.0}
    assert sourcing_factor({"words": 2000, "sourcing": well}) == 1.0
    middle = sourcing_factor({"words": 240, "sourcing": none_at_all})
    assert 1.0 - SOURCING_MAX_LOSS < middle < 1.0
    assert sourcing_factor(None) == sourcing_factor({"words": 500}) == 1.0


findings_strategy = st.lists(
    st.builds(
        lambda category, severity, line: Finding(
            line, 1, line, 2, f"{category}.x", category, severity, "m", "e"
        ),
        st.sampled_from(CATEGORIES),
        st.sampled_from(["error", "warning", "info"]),
        st.integers(min_value=1, max_value=100),
    ),
    max_size=30,
)
metrics_strategy = st.builds(
    lambda words, density, share: {
        "words": words,
        "sourcing": {"attributions_per_1000_words": density, "claims_attributed_share": share},
    },
    st.integers(0, 5000),
    st.floats(0, 80),
    st.one_of(st.none(), st.floats(0, 1)),
)


@settings(max_examples=200, deadline=None)
@given(findings_strategy, findings_strategy, metrics_strategy)
def test_sourcing_score_bounded_and_monotone(base, extra, metrics) -> None:
    words = metrics["words"]
    before = category_scores(base, words, 50, CATEGORIES, metrics)
    after = category_scores(base + extra, words, 50, CATEGORIES, metrics)
    assert 0.0 <= after["sourcing"] <= before["sourcing"] <= 100.0
    assert category_scores(base, words, 50, CATEGORIES, metrics) == before


def test_a_weasel_sentence_is_not_counted_as_attributed() -> None:
    """The guide orders weasel > attributed: a sentence whose speaker is an unnamed group is
    vague in metrics.sourcing even when the analysis also finds a source frame in it (a
    Reuters sentence of the claims dev fold); a sentence naming its body stays attributed."""
    weasel = "The move has destroyed part of the Common Agricultural Policy, French milk producers said in a press release."
    named = "The move has destroyed part of the Common Agricultural Policy, the FNPL union said in a press release."
    sourcing = [LINTER.lint_text(text + "\n", lang="en").metrics["sourcing"] for text in (weasel, named)]
    assert [(s["attributed_sentences"], s["vague_attributions"]) for s in sourcing] == [(0, 1), (1, 0)]
