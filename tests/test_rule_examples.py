"""Every rule proves itself on its own examples: each `bad` example is reported
by the rule, no `good` example is.  New rules and user packs join automatically."""

from __future__ import annotations

import pytest

from artlint.api import Linter
from artlint.config import Config
from artlint.ruleset import load_ruleset
from artlint.ruletest import selection

RULESET = load_ruleset()
CASES = [
    pytest.param(rule.id, example, id=f"{rule.id}-{'bad' if example.bad else 'good'}{index}")
    for rule in RULESET.rules
    for index, example in enumerate(rule.examples)
]


def _selection(rule) -> str:
    """A rule that judges lines by the findings of its category's other rules
    (`uses_findings`) is run with them; only its own findings are checked
    (as `artlint rules --test` does)."""
    return selection(rule)


@pytest.fixture(scope="module")
def linters() -> dict[str, Linter]:
    return {rule.id: Linter.from_config(Config(select=(_selection(rule),))) for rule in RULESET.rules}


@pytest.mark.parametrize(("rule_id", "example"), CASES)
def test_rule_example(rule_id: str, example, linters: dict[str, Linter]) -> None:
    result = linters[rule_id].lint_text(example.text, lang=example.language)
    hits = [f for f in result.findings if rule_id in (f.rule, *f.also)]  # also: merged into a more specific one
    if example.bad:
        assert hits, f"{rule_id} did not report its bad example: {example.text!r}"
        for finding in hits:
            assert finding.line >= 1 and finding.column >= 1
            assert "{" not in finding.message, f"unfilled placeholder in {finding.message!r}"
    else:
        assert not hits, f"{rule_id} reported its good example: {[f.message for f in hits]}"


def test_every_rule_has_a_bad_example() -> None:
    assert all(any(e.bad for e in rule.examples) for rule in RULESET.rules)


def test_every_category_has_rules_in_french_and_english() -> None:
    for category in ("boilerplate", "entities", "sourcing", "claims", "readability"):
        rules = [r for r in RULESET.rules if r.category == category]
        assert rules, category
        for language in ("en", "fr"):
            assert any(r.matcher_for(language) is not None for r in rules), (category, language)
