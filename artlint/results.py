"""What linting one article produces, and the summary of a run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from typing import Any

from artlint.errors import InputProblem
from artlint.findings import SEVERITIES, SEVERITY_RANK, Finding
from artlint.records import dataclass


def passes(findings: Iterable[Finding], overall: float | None, fail_on: str, min_score: float | None) -> bool:
    """Whether an article passes: no finding at or above `fail_on`, and an
    overall score of at least `min_score` when one is asked for."""
    fail_rank = SEVERITY_RANK.get(fail_on, 99)
    if any(SEVERITY_RANK[f.severity] >= fail_rank for f in findings):
        return False
    return min_score is None or (overall is not None and overall >= min_score)


@dataclass(frozen=True)
class ArticleResult:
    path: str
    record: str | None
    record_line: int | None
    format: str
    language: str
    words: int
    passed: bool
    scores: Mapping[str, float | None]
    metrics: Mapping[str, Any]
    findings: tuple[Finding, ...]
    problems: tuple[InputProblem, ...] = ()  # rules that failed on this article
    # category -> what took its points, largest first (artlint/reasons.py)
    reasons: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    # line -> its source text, for the lines with a finding (text output, --show-source)
    source_lines: Mapping[int, str] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "record": self.record,
            "record_line": self.record_line,
            "format": self.format,
            "language": self.language,
            "words": self.words,
            "passed": self.passed,
            "scores": dict(self.scores),
            "reasons": {category: list(items) for category, items in self.reasons.items()},
            "metrics": dict(self.metrics),
            "findings": [f.to_dict() for f in self.findings],
            "errors": [p.to_dict() for p in self.problems],
        }


@dataclass
class Summary:
    articles: int = 0
    passed: int = 0
    failed: int = 0
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    by_category: dict[str, int] = field(default_factory=dict)
    errors: int = 0  # inputs or rules that could not be linted
    warnings: int = 0  # inputs skipped for a benign reason (empty)
    score_total: float = 0.0
    baselined: int = 0  # findings left out because the baseline holds them
    by_rule: dict[str, int] = field(default_factory=dict)  # for --statistics (not in the JSON summary)

    def add(self, result: ArticleResult) -> None:
        self.articles += 1
        self.passed += result.passed
        self.failed += not result.passed
        self.findings += len(result.findings)
        for finding in result.findings:
            self.by_severity[finding.severity] += 1
            self.by_category[finding.category] = self.by_category.get(finding.category, 0) + 1
            self.by_rule[finding.rule] = self.by_rule.get(finding.rule, 0) + 1
        self.errors += sum(1 for p in result.problems if p.level == "error")
        self.score_total += float(result.scores.get("overall") or 0.0)

    def add_problem(self, problem: InputProblem) -> None:
        if problem.level == "error":
            self.errors += 1
        else:
            self.warnings += 1

    def extend(self, results: Iterable[ArticleResult]) -> None:
        for result in results:
            self.add(result)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "passed": self.passed,
            "failed": self.failed,
            "findings": self.findings,
            "by_severity": dict(self.by_severity),
            "by_category": dict(sorted(self.by_category.items())),
            "errors": self.errors,
            "warnings": self.warnings,
            "mean_score": round(self.score_total / self.articles, 1) if self.articles else None,
            "baselined": self.baselined,
        }
