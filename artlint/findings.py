"""Findings: what a rule reports, where, and how it could be fixed."""

from __future__ import annotations

from typing import Any

from artlint.records import dataclass

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Fix:
    """`delete-line`: drop the finding's source lines; `replace`: put `replacement` in place of
    the text between (start, end), document offsets of the finding's article."""

    action: str
    start: int
    end: int
    replacement: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Finding:
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    excerpt: str
    weight: float = 1.0
    fix: Fix | None = None
    # How sure the rule is (0-1): a learned scorer's calibrated probability, or a rule's
    # measured held-out precision. None where nothing was measured.
    confidence: float | None = None
    # Other rules that reported the same problem (artlint/dedupe.py): kept here, not as findings.
    also: tuple[str, ...] = ()

    def sort_key(self) -> tuple[int, int, str, int, int, str]:
        return (self.line, self.column, self.rule, self.end_line, self.end_column, self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
        }
        if self.confidence is not None:
            data["confidence"] = round(self.confidence, 3)
        if self.also:
            data["also"] = list(self.also)
        if self.fix is not None:
            data["fix"] = self.fix.to_dict()
        return data
