"""Run the `examples` of rules: each `bad` example must be reported by its rule,
no `good` example may be.  What `artlint rules --test` and `--explain` print,
and what tests/test_rule_examples.py checks for the bundled packs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from artlint.engine import LintOptions
from artlint.records import dataclass
from artlint.rule import Example, Rule
from artlint.ruleset import RuleSet


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    example: Example
    messages: tuple[str, ...]  # the rule's findings on the example

    @property
    def passed(self) -> bool:
        return bool(self.messages) is self.example.bad

    def describe(self) -> str:
        """Why it failed, in the words a rule author needs."""
        if self.passed:
            return "ok"
        if self.example.bad:
            return "bad example not reported"
        return f"good example reported: {self.messages[0]}"


def selection(rule: Rule) -> str:
    """A rule that judges lines by the findings of its category's other rules
    (`uses_findings`) runs with them; only its own findings are counted."""
    in_context = any(getattr(m, "uses_findings", False) for m in rule.compiled.values())
    return rule.category if in_context else rule.id


def run_examples(ruleset: RuleSet, rules: Iterable[Rule]) -> list[Outcome]:
    from artlint.api import Linter

    linters: dict[str, Linter] = {}
    outcomes = []
    for rule in rules:
        name = selection(rule)
        if name not in linters:
            linters[name] = Linter(ruleset.selected((name,)), LintOptions())
        for example in rule.examples:
            result = linters[name].lint_text(example.text, lang=example.language)
            # A rule whose finding was merged into a more specific one's (`also`) did report it.
            messages = tuple(f.message for f in result.findings if rule.id in (f.rule, *f.also))
            outcomes.append(Outcome(rule, example, messages))
    return outcomes


def rules_in(ruleset: RuleSet, packs: Sequence[Path]) -> list[Rule]:
    """The rules defined in the given pack files (every rule when none is given)."""
    if not packs:
        return list(ruleset.rules)
    wanted = {path.resolve() for path in packs}
    return [r for r in ruleset.rules if Path(r.source.rsplit(":", 1)[0]).resolve() in wanted]


def format_failure(outcome: Outcome) -> str:
    text = outcome.example.text.strip().replace("\n", "\\n")
    if len(text) > 100:
        text = text[:97] + "..."
    rule, language = outcome.rule, outcome.example.language
    return f"{rule.source}: {rule.id}: {outcome.describe()}: [{language}] {text!r}"
