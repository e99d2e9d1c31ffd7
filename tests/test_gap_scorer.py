"""The learned gap scorer (kind `gap-scorer`, rule entities.gap-model in
rules/entities-model.yaml, issue 12): its candidates, its features, and what it
reports on real sentences, with and without the name a scraper dropped."""

from __future__ import annotations

import pickle
from importlib.util import MAGIC_NUMBER
from pathlib import Path

import pytest
from conftest import ARTICLES, HAVE_SHARED, SEEDS

from artlint.analysis import gap_features
from artlint.analysis.trees import TreeModel
from artlint.api import Linter
from artlint.config import Config
from artlint.ruleset import load_ruleset

RULE = "entities.gap-model"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter.from_config(Config(select=("entities",)))


@pytest.fixture(scope="module")
def english() -> gap_features.WordClasses:
    return load_ruleset().by_id()[RULE].matcher_for("en").classes


def _findings(linter: Linter, text: str, lang: str) -> list:
    return [f for f in linter.lint_text(text, lang=lang).findings if f.category == "entities"]


def test_candidates_stand_after_a_preposition_before_a_word(english: gap_features.WordClasses) -> None:
    text = "It was held in on Thursday in the city and in London, in 2004."
    spots = [spot for spot, _row in gap_features.candidates(text, english)]
    # "in on" and "the city" are candidates; "in the" (an article follows), "in London"
    # (a name) and "in 2004" (a number) are what normally follows a preposition.
    assert spots == [text.index("on Thursday"), text.index("city")]
    rows = [row for _spot, row in gap_features.candidates(text, english)]
    assert all(len(row) == len(gap_features.FEATURES) for row in rows)


def test_the_model_reads_the_features_artlint_computes() -> None:
    matcher = load_ruleset().by_id()[RULE].matcher_for("de")
    assert matcher.model.features == gap_features.FEATURES
    assert {"in", "nach"} <= set(matcher.classes.pairs)


def test_the_walk_that_stops_early_gives_the_same_probability_or_none_below_the_floor() -> None:
    matcher = load_ruleset().by_id()[RULE].matcher_for("en")
    text = (
        "Adding to its woes, Borussia Dortmund was beaten 5-0 by on Saturday. It was held in "
        "on Thursday in the city, and the club said in a statement that the match was over."
    )
    rows = [row for _spot, row in gap_features.candidates(text, matcher.classes)]
    assert len(rows) >= 3
    probabilities = [matcher.model.probability(row) for row in rows]
    reached = [matcher.model.probability_reaching(row, matcher.threshold) for row in rows]
    assert any(p is None for p in reached) and any(p is not None for p in reached)
    for full, early in zip(probabilities, reached, strict=True):
        assert early == full if early is not None else full < matcher.threshold
    # A floor no probability is below: every row is walked to the end.
    assert [matcher.model.probability_reaching(row, 0.0) for row in rows] == probabilities


# Real sentences of ../shared/corpus/clean (half B, never trained on: bbc/business/219,
# bbc/business/269, 10kgnad-test/0820) with the link-like name deleted as
# bench/holes_synthetic.py does; the intact sentence is the control.
NAMES_CUT = [
    pytest.param(
        "Adding to its woes, Borussia Dortmund was beaten 5-0 by on Saturday.",
        "Adding to its woes, Borussia Dortmund was beaten 5-0 by Bayern Munich on Saturday.",
        "en",
        id="en-by-on",
    ),
    pytest.param(
        "Germany's Chancellor Gerhard Schroeder began a three-day visit to on Monday.",
        "Germany's Chancellor Gerhard Schroeder began a three-day visit to Beijing on Monday.",
        "en",
        id="en-to-on",
    ),
    pytest.param(
        "Auch US-Präsident Barack Obama drängte am Rande des Umweltgipfels in auf Spannungsabbau.",
        "Auch US-Präsident Barack Obama drängte am Rande des Umweltgipfels in Paris auf Spannungsabbau.",
        "de",
        id="de-in-auf",
    ),
]


@pytest.mark.parametrize(("damaged", "intact", "lang"), NAMES_CUT)
def test_a_name_cut_after_a_preposition_is_found(
    linter: Linter, damaged: str, intact: str, lang: str
) -> None:
    found = [f for f in _findings(linter, damaged, lang) if f.rule == RULE]
    assert len(found) == 1
    assert found[0].confidence is not None and 0.5 <= found[0].confidence <= 1
    assert _findings(linter, intact, lang) == []


def test_a_spot_another_rule_reported_is_left_to_it(linter: Linter) -> None:
    found = _findings(linter, "According to , the deal is worth billions.", "en")
    assert [f.rule for f in found] == ["entities.space-before-punctuation"]


def test_severity_and_confidence_follow_the_measured_bands(linter: Linter) -> None:
    rule = load_ruleset().by_id()[RULE]
    for damaged, _intact, lang in (p.values for p in NAMES_CUT):
        matcher = rule.matcher_for(lang)
        # The model's probability at each candidate, by its column on the (single) line.
        probability = {
            spot + 1: matcher.model.probability(row)
            for spot, row in gap_features.candidates(damaged, matcher.classes)
        }
        (finding,) = [f for f in _findings(linter, damaged, lang) if f.rule == RULE]
        p = probability[finding.column]
        assert p >= matcher.threshold and finding.message.endswith(f"(probability {p:.2f})")
        assert finding.confidence == matcher.bands.confidence(p)
        assert finding.severity == ("error" if p >= matcher.error_from else rule.severity)


def _loop_walk(model: TreeModel) -> TreeModel:
    """The same model walked by the loop over its arrays, not by generated code."""
    plain = TreeModel(model.features, model.base, model.trees)
    plain.__dict__["_walkers"] = None  # what _walkers gives when no code can be generated
    return plain


def _rows_of(paths: list[Path], classes: gap_features.WordClasses) -> list[tuple[float, ...]]:
    return [row for path in paths for _spot, row in gap_features.candidates(path.read_text("utf-8"), classes)]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_generated_walk_gives_the_very_floats_of_the_loop(lang: str) -> None:
    # Rows of real text: the example articles (and the seeds when ../shared is there).
    matcher = load_ruleset().by_id()[RULE].matcher_for(lang)
    paths = sorted(ARTICLES.glob("*.txt")) + (sorted(SEEDS.glob("*.txt")) if HAVE_SHARED else [])
    rows = _rows_of(paths, matcher.classes)
    for damaged, intact, _lang in (case.values for case in NAMES_CUT if case.values[2] == lang):
        rows += [
            row for text in (damaged, intact) for _s, row in gap_features.candidates(text, matcher.classes)
        ]
    assert len(rows) >= 3
    model = pickle.loads(pickle.dumps(matcher.model))  # as the rule cache gives it back
    assert model.code and model._walkers is not None
    loop = _loop_walk(model)
    assert [model.probability(row) for row in rows] == [loop.probability(row) for row in rows]
    for floor in (matcher.threshold, 0.5, 0.05):
        assert [model.probability_reaching(row, floor) for row in rows] == [
            loop.probability_reaching(row, floor) for row in rows
        ]


def test_marshalled_walkers_of_another_python_are_rebuilt_from_the_trees() -> None:
    matcher = load_ruleset().by_id()[RULE].matcher_for("en")
    model = matcher.model
    # another bytecode version's magic number before the marshalled walkers
    foreign_tag = bytes([MAGIC_NUMBER[0] ^ 0xFF]) + MAGIC_NUMBER[1:]
    foreign = TreeModel(
        model.features, model.base, model.trees, foreign_tag + model.code[len(MAGIC_NUMBER) :]
    )
    rows = [row for _s, row in gap_features.candidates(NAMES_CUT[0].values[0], matcher.classes)]
    assert rows and foreign._walkers is not None
    assert [foreign.probability(row) for row in rows] == [_loop_walk(model).probability(row) for row in rows]
