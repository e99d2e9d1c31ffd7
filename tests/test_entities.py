"""Missing names (issue 4): holes are reported at the spot where the name stood,
with the words around it; the untouched twins of the holed corpus pages stay
quiet; the entity metrics reach the report."""

from __future__ import annotations

import json

import pytest
import regex
from conftest import CORPUS, SCRAPED_FR, SEEDS, needs_shared, run_cli

from artlint.api import Linter
from artlint.config import Config
from artlint.document import Document
from artlint.kinds.gap import surroundings
from artlint.matching import phrase_atoms, trie_regex
from artlint.metrics.entities import names

SEED_FR = SEEDS / "003_fe9b5bcc2976f0d8.txt"
HOLED_PAGES = sorted(
    [*(CORPUS / "holes").glob("*.holes.json"), *(CORPUS / "fr-de" / "holes").glob("*.holes.json")]
)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter.from_config(Config(select=("entities",)))


def _holes(linter: Linter, text: str, lang: str | None = None) -> list:
    return [f for f in linter.lint_text(text, lang=lang).findings if f.category == "entities"]


def _column_of(line: str, fragment: str, offset: int = 0) -> int:
    """1-based column just after `fragment[:offset or len]` in `line`."""
    return line.index(fragment) + (offset or len(fragment)) + 1


# -- the seed article with stripped names ----------------------------------------
@pytest.fixture(scope="module")
def seed_findings(linter: Linter) -> tuple[list[str], list]:
    text = SEED_FR.read_text(encoding="utf-8")
    return text.split("\n"), _holes(linter, text)


@needs_shared
@pytest.mark.parametrize(
    ("line", "fragment", "words"),
    [
        (8, "que sont", "'que sont' and ','"),
        (14, "département d'", "'département d'' and 'depuis'"),
        (14, "réseaux d'", "'réseaux d'' and ','"),
        (22, "comment cette", "'comment cette' and 'pourrait'"),
        (22, "client de", "'client de' and 'pour'"),
        (24, "expériences de", "'expériences de' and 'sur'"),
    ],
)
def test_seed_hole_is_reported_at_the_spot_with_its_words(seed_findings, line, fragment, words) -> None:
    lines, findings = seed_findings
    column = _column_of(lines[line - 1], fragment)
    at = [f for f in findings if f.line == line and f.column == column]
    assert at, [(f.line, f.column, f.message) for f in findings if f.line == line]
    finding = at[0]
    assert finding.end_column == finding.column  # zero-width: nothing to underline, a spot
    assert f"between {words}" in finding.message


@needs_shared
@pytest.mark.parametrize(("fragment", "verb"), [("perdus,", "reste"), ("comment", "entend")])
def test_french_subject_loss_is_reported(seed_findings, fragment, verb) -> None:
    lines, findings = seed_findings
    column = lines[7].index(f"{fragment} {verb}") + len(fragment) + 2
    subject = [f for f in findings if f.rule == "entities.missing-subject" and f.line == 8]
    assert [f.column for f in subject].count(column) == 1, [(f.column, f.message) for f in subject]
    assert any(f"'{verb}" in f.message for f in subject)


@needs_shared
def test_clean_lines_of_the_seed_have_no_hole(seed_findings) -> None:
    _lines, findings = seed_findings
    labels = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))["files"][SEED_FR.name]
    clean = {n for group in labels["clean"] if group["category"] == "entities" for n in group["lines"]}
    assert not [f for f in findings if f.line in clean]


# -- the holed corpus --------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_results(linter: Linter) -> list[tuple[list[dict], list, list, str]]:
    results = []
    for holes_file in HOLED_PAGES:
        stem = holes_file.name.removesuffix(".holes.json")
        holed = holes_file.with_name(stem + ".txt").read_text(encoding="utf-8")
        clean = holes_file.with_name(stem + ".clean.txt").read_text(encoding="utf-8")
        holes = json.loads(holes_file.read_text(encoding="utf-8"))
        results.append((holes, _holes(linter, holed), _holes(linter, clean), stem))
    return results


@needs_shared
def test_most_corpus_holes_are_found_near_their_column(corpus_results) -> None:
    total = found = 0
    for holes, findings, _clean, _stem in corpus_results:
        for hole in holes:
            total += 1
            # hole columns are 0-based, finding columns 1-based
            near = [
                f for f in findings if f.line == hole["line"] and abs(f.column - 1 - hole["column"]) <= 20
            ]
            found += bool(near)
    assert total > 250
    assert found / total >= 0.65, f"{found}/{total}"


@needs_shared
def test_flagged_lines_mostly_hold_a_hole(corpus_results) -> None:
    flagged = right = 0
    for holes, findings, _clean, _stem in corpus_results:
        lines = {f.line for f in findings}
        flagged += len(lines)
        right += len(lines & {h["line"] for h in holes})
    assert right / flagged >= 0.9, f"{right}/{flagged}"


@needs_shared
def test_untouched_twins_are_almost_silent(corpus_results) -> None:
    false = [(stem, f.line, f.rule, f.excerpt) for _h, _f, clean, stem in corpus_results for f in clean]
    assert len(false) <= 3, false


def test_reporting_frame_without_speaker(linter: Linter) -> None:
    text = "Shares fell on Monday. According to , the company is weighing a sale."
    [finding] = _holes(linter, text, "en")
    assert finding.column == _column_of(text, "According to")
    assert finding.message == "A name seems to be missing between 'According to' and ','"
    assert _holes(linter, text.replace("to , the", "to Reuters, the"), "en") == []


def test_sentence_without_subject_at_line_start(linter: Linter) -> None:
    text = "WeWork under scrutiny\nis reportedly being investigated by the New York State Attorney General."
    [finding] = _holes(linter, text, "en")
    assert (finding.line, finding.column, finding.rule) == (2, 1, "entities.lowercase-start")
    assert "before 'is reportedly'" in finding.message


# -- the gap kind's helpers ----------------------------------------------------------
def test_surroundings_name_the_words_either_side() -> None:
    text = "le lab of in 2011\nis reportedly\nends with of"
    assert surroundings(text, text.index(" in 2011")) == {"before": "lab of", "after": "in"}
    assert surroundings(text, text.index("is rep")) == {"before": "", "after": "is reportedly"}
    assert surroundings(text, len(text)) == {"before": "with of", "after": ""}


def test_word_list_trie_matches_the_same_words_as_the_list() -> None:
    words = ["president", "vice president", "pres", "co-founder", "d'", "chief executive"]
    pattern = regex.compile(r"\b" + trie_regex([phrase_atoms(w) for w in words]) + r"(?!\w)")
    for word in [*words, "vice  president", "d’"]:
        assert pattern.fullmatch(word), word
    for other in ["presi", "vice", "founder", "chief"]:
        assert not pattern.fullmatch(other), other


# -- metrics ----------------------------------------------------------------------------
def test_names_skip_sentence_starts_and_count_once() -> None:
    text = "Meta a lancé LLaMa. Selon Mark Zuckerberg, Meta investit. « Une idée », dit Mark Zuckerberg."
    assert names(Document(text=text, language="fr")) == {"llama", "mark zuckerberg", "meta"}


@needs_shared
def test_entity_metrics_in_the_json_report() -> None:
    stem = "1ace8c85aaee21b9d4505eca506d50c4721c29db62848b567a9703bfe0583892"
    holed, clean = CORPUS / "holes" / f"{stem}.txt", CORPUS / "holes" / f"{stem}.clean.txt"
    run = run_cli("check", "--isolated", "--format", "json", str(holed), str(clean))  # schema-checked
    holed_result, clean_result = run.json()["results"]
    holed_metrics, clean_metrics = holed_result["metrics"]["entities"], clean_result["metrics"]["entities"]
    assert holed_metrics["holes"] == sum(f["category"] == "entities" for f in holed_result["findings"]) > 0
    assert clean_metrics["holes"] == 0
    # Stripping the names leaves fewer of them.
    assert holed_metrics["names"] < clean_metrics["names"]
    assert holed_metrics["names_per_1000_words"] < clean_metrics["names_per_1000_words"]


def test_no_entity_metrics_when_the_category_is_ignored() -> None:
    run = run_cli("check", "--isolated", "--format", "json", "--ignore", "entities", str(SCRAPED_FR))
    assert "entities" not in run.json()["results"][0]["metrics"]
