"""Human-readable output, one line per finding, in the shape editors and CI
logs understand: path:line:col: severity rule-id message."""

from __future__ import annotations

from artlint.errors import InputProblem
from artlint.report.base import Reporter, location
from artlint.results import ArticleResult, Summary
from artlint.textsafe import printable

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class TextReporter(Reporter):
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

    def finish(self, summary: Summary, problems: list[InputProblem]) -> None:
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
