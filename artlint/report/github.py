"""GitHub Actions workflow commands: each finding becomes an annotation."""

from __future__ import annotations

from artlint.errors import InputProblem
from artlint.report.base import Reporter
from artlint.results import ArticleResult, Summary
from artlint.textsafe import github_escape

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


_escape = github_escape  # controls in ids and names must not start a workflow command


class GithubReporter(Reporter):
    def result(self, result: ArticleResult) -> None:
        for f in result.findings:
            line = result.record_line or f.line
            end_line = result.record_line or f.end_line
            self.stream.write(
                f"::{_LEVEL[f.severity]} file={_escape(result.path, True)},line={line},col={f.column},"
                f"endLine={end_line},title={_escape(f.rule, True)}::{_escape(f.message)}\n"
            )

    def problem(self, problem: InputProblem) -> None:
        self.stream.write(f"::error file={_escape(problem.path, True)}::{_escape(problem.message)}\n")

    def finish(self, summary: Summary, problems: list[InputProblem]) -> None:
        self.stream.write(
            f"{summary.findings} findings in {summary.articles} articles, {summary.failed} failed.\n"
        )
