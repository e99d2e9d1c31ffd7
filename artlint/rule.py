"""A compiled rule: the data of one YAML entry plus its per-language matchers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import Any

from artlint.records import dataclass

ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    bad: bool


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    kind: str
    severity: str
    message: str
    weight: float = 1.0
    description: str = ""
    fix: str | None = None  # "delete-line" | "replace"
    replacement: str = ""
    timeout: float = 1.0  # seconds, for each regex call of this rule
    source: str = ""  # file:line where the rule is defined
    languages: frozenset[str] | None = None  # None: every language it has data for
    examples: tuple[Example, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)  # kind-specific fields, as written
    compiled: Mapping[str, Any] = field(default_factory=dict)  # language -> kind's matcher
    # Measured on labeled pages (artlint/measured.py): line precision, and the table row.
    confidence: float | None = None
    measured: Mapping[str, Any] | None = None

    def matcher_for(self, language: str) -> Any | None:
        """The kind's compiled matcher for `language`, or None if the rule does not apply."""
        if self.languages is not None and language not in self.languages:
            return None
        if language in self.compiled:
            return self.compiled[language]
        return self.compiled.get(ANY_LANGUAGE)

    @property
    def fixable(self) -> bool:
        return self.fix is not None
