"""Human-readable output, one line per finding, in the shape editors and CI
logs understand: path:line:col: severity rule-id message.  Each article ends
with its scores and what lowered the lowest one; `--show-source` adds the line
with a caret under the span, `--statistics` the count of findings per rule."""

from __future__ import annotations

from artlint.errors import InputProblem
from artlint.findings import Finding
from artlint.reasons import largest
from artlint.report.base import Reporter, location
from artlint.results import ArticleResult, Summary
from artlint.scoring import CATEGORIES
from artlint.textsafe import printable

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class TextReporter(Reporter):
    show_source = False
    statistics = False

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def result(self, result: ArticleResult) -> None:
        # printable: a control character in a name or message must not reach the terminal or log.
        where = printable(location(result))
        for finding in result.findings:
            severity = self._paint(finding.severity, _COLORS[finding.severity])
            self.stream.write(
                f"{self._paint(where, _BOLD)}:{finding.line}:{finding.column}: {severity} "
                f"{self._paint(printable(finding.rule), _DIM)} {printable(finding.message)}\n"
            )
            if self.show_source and finding.line in result.source_lines:
                self.stream.write(source_excerpt(finding, result.source_lines[finding.line]))
        self.stream.write(self._paint(score_line(result), _DIM if not result.findings else "") + "\n")

    def finish(self, summary: Summary, problems: list[InputProblem]) -> None:
        if self.statistics and summary.by_rule:
            for rule, count in sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0])):
                self.stream.write(f"{count:>6}  {rule}\n")
        counts = summary.by_severity
        parts = [
            f"{summary.findings} finding{'s' * (summary.findings != 1)}"
            f" ({counts['error']} error, {counts['warning']} warning, {counts['info']} info)",
            f"{summary.articles} article{'s' * (summary.articles != 1)} checked",
            f"{summary.failed} failed",
        ]
        if summary.articles:
            parts.append(f"mean score {summary.score_total / summary.articles:.1f}")
        if summary.errors:
            parts.append(f"{summary.errors} input error{'s' * (summary.errors != 1)}")
        if summary.baselined:
            parts.append(f"{summary.baselined} known finding{'s' * (summary.baselined != 1)} in the baseline")
        self.stream.write(", ".join(parts) + ".\n")


def score_line(result: ArticleResult) -> str:
    """'path: score 77.2 (boilerplate 67.7, ...); lowest: entities 60.7, mostly <reason>'."""
    scores = result.scores
    categories = [(c, scores[c]) for c in CATEGORIES if scores.get(c) is not None]
    line = f"{printable(location(result))}: score {float(scores['overall']):.1f}"
    if categories:
        line += " (" + ", ".join(f"{c} {float(v):.1f}" for c, v in categories) + ")"
    lowest = min(categories, key=lambda item: (float(item[1]), CATEGORIES.index(item[0])), default=None)
    if lowest is not None and float(lowest[1]) < 100.0:
        why = largest(result.reasons, lowest[0])
        line += f"; lowest: {lowest[0]} {float(lowest[1]):.1f}" + (f", mostly {why}" if why else "")
    return line


def source_excerpt(finding: Finding, text: str) -> str:
    """The finding's line and a caret under its span (to the line's end when it
    goes on; one caret for a zero-width finding such as a missing name)."""
    text = text.replace("\t", " ")
    if not text.isprintable():
        text = printable(text)  # no control character reaches the terminal (the caret may shift)
    start = max(finding.column - 1, 0)
    end = finding.end_column - 1 if finding.end_line == finding.line else len(text)
    width = max(1, min(end, len(text) + 1) - start)
    gutter = " " * len(str(finding.line))
    return f" {finding.line} | {text}\n {gutter} | {' ' * start}{'^' * width}\n"
