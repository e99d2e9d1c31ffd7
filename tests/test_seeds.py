"""Labeled articles behave: every `must` label is reported at its line with its
category, and no `clean` line gets a finding of the named category.

Two label sets: the fixture articles in tests/data/articles (always run, one
article per defect class) and the real seeds in ../shared/seeds (`needs_shared`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTICLES, SEEDS, article_labels, needs_shared, seed_labels

from artlint.api import Linter
from artlint.config import Config

# (set name, folder, labels, marks): the seeds' parameters are skipped without ../shared.
LABEL_SETS = [
    ("fixture", ARTICLES, article_labels(), ()),
    ("seed", SEEDS, seed_labels(), (needs_shared,)),
]


@pytest.fixture(scope="module")
def results() -> dict:
    linter = Linter.from_config(Config())
    found = {}
    for _set, folder, labels, _marks in LABEL_SETS:
        for name in labels:
            found[name] = next(linter.lint_paths([str(Path(folder) / name)]))
    return found


MUST = [
    pytest.param(
        name,
        label["line"],
        label["category"],
        label["what"],
        id=f"{kind}-{name[:12]}-L{label['line']}-{label['category']}",
        marks=marks,
    )
    for kind, _folder, labels, marks in LABEL_SETS
    for name, spec in labels.items()
    for label in spec["must"]
]
CLEAN = [
    pytest.param(
        name, group["lines"], group["category"], id=f"{kind}-{name[:12]}-clean-{group['category']}", marks=marks
    )
    for kind, _folder, labels, marks in LABEL_SETS
    for name, spec in labels.items()
    for group in spec["clean"]
]
SETS = [pytest.param(labels, id=kind, marks=marks) for kind, _folder, labels, marks in LABEL_SETS]


def test_fixture_articles_show_every_defect_class() -> None:
    categories = {label["category"] for spec in article_labels().values() for label in spec["must"]}
    assert categories >= {"boilerplate", "entities", "claims", "readability"}
    assert {spec["language"] for spec in article_labels().values()} >= {"en", "fr"}


@pytest.mark.parametrize(("name", "line", "category", "what"), MUST)
def test_must_label_is_reported(results: dict, name: str, line: int, category: str, what: str) -> None:
    found = [f for f in results[name].findings if f.line == line and f.category == category]
    assert found, f"{name}:{line}: no {category} finding for: {what}"


@pytest.mark.parametrize(("name", "lines", "category"), CLEAN)
def test_clean_lines_have_no_finding_of_category(
    results: dict, name: str, lines: list, category: str
) -> None:
    wrong = [f for f in results[name].findings if f.line in lines and f.category == category]
    assert not wrong, [(f.line, f.rule, f.excerpt) for f in wrong]


@pytest.mark.parametrize("labels", SETS)
def test_detected_language_matches_labels(results: dict, labels: dict) -> None:
    for name, spec in labels.items():
        assert results[name].language == spec["language"], name


@pytest.mark.parametrize("labels", SETS)
def test_should_labels_mostly_reported(results: dict, labels: dict) -> None:
    # 'should' labels are harder; a good linter reports most of them.
    should = [(name, label) for name, spec in labels.items() for label in spec["should"]]
    found = [
        (name, label)
        for name, label in should
        if any(f.line == label["line"] and f.category == label["category"] for f in results[name].findings)
    ]
    assert len(found) >= len(should) / 2, f"found {len(found)} of {len(should)} should-labels"
