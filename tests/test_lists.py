"""The article's own lists (artlint/analysis/lists.py): lines cut from one
template are spared by the run rules and the line scorer, headlines of other
stories and menus are not.  Lines are real: BBC Sport fixture lists and a
seeding table (corpus/clean), headlines and menus of scraped pages."""

from __future__ import annotations

from artlint.analysis.lists import framed, in_template_runs, shared_template, template
from artlint.api import Linter
from artlint.config import Config

FIXTURES = [
    "Newcastle v Tottenham or Nottingham Forest",
    "Southampton or Brentford v Manchester United",
    "Bolton v Arsenal or Sheffield United",
    "Burnley or Blackburn v Leicester",
]
SEEDS = ["1 Roger Federer (Switzerland)", "2 Andy Roddick (US)", "3 Lleyton Hewitt (Australia)"]
HEADLINES = [
    "15 Amazing Images of Stars",
    "11 Fascinating Facts About Our Milky Way Galaxy",
    "The 11 Biggest Unanswered Questions About Dark Matter",
    "Tillerson takes swipe at Trump over Ukraine dealings",
]
MENU = ["About us", "Contact us", "Terms of use", "Privacy policy"]
PROSE = "Brentford face a home tie against holders Manchester United in the FA Cup sixth round if they can beat Southampton."


def test_template_keeps_the_frame_and_folds_the_names() -> None:
    assert template("Oldham v Bolton") == template("West Brom v Tottenham") == "A v A"
    assert template("1 Roger Federer (Switzerland)") == "9 A ( A )"
    assert template("Home") is None  # nothing but a slot: no frame
    assert template("42,093") is None  # no slot
    assert not framed(template("About us"))  # a menu item's ending frames nothing
    assert framed(template("Oldham v Bolton")) and framed(template("2 Andy Roddick (US)"))


def test_lists_share_a_template_and_headlines_or_menus_do_not() -> None:
    assert shared_template(FIXTURES)
    assert shared_template(SEEDS)
    assert not shared_template(HEADLINES)
    assert not shared_template(MENU)
    assert in_template_runs(SEEDS) == [True, True, True]
    assert in_template_runs(HEADLINES) == [False] * 4


def _flagged(text: str, rule: str) -> set[int]:
    linter = Linter.from_config(Config(select=("boilerplate",)))
    return {f.line for f in linter.lint_text(text, lang="en").findings if rule in (f.rule, *f.also)}


def test_a_fixture_list_after_the_text_is_not_a_headline_run() -> None:
    assert _flagged("\n".join([PROSE, *FIXTURES]), "boilerplate.headline-run") == set()
    # The same place with headlines of other stories is still reported.
    assert _flagged("\n".join([PROSE, *HEADLINES]), "boilerplate.headline-run") == {2, 3, 4, 5}


def test_a_seeding_table_is_not_residue() -> None:
    lines = [PROSE, *SEEDS, "4 Marat Safin (Russia)", "5 Carlos Moya (Spain)"]
    linter = Linter.from_config(Config(select=("boilerplate",)))
    assert [f.rule for f in linter.lint_text("\n".join(lines), lang="en").findings] == []
