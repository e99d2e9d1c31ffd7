"""JSON and JSON Lines output (schemas/report.schema.json).

The JSON document is written piece by piece, so a large corpus does not have
to be held in memory; the bytes are the same as one `json.dumps` would give.
"""

from __future__ import annotations

import json
from typing import Any

from artlint.errors import InputProblem
from artlint.report.base import SCHEMA_VERSION, Reporter, problem_dicts, tool_info
from artlint.results import ArticleResult, Summary
from artlint.textsafe import json_safe


def dumps(value: Any, indent: int | None = None) -> str:
    # json_safe: a lone surrogate (a JSON escape in an input, a file name that is
    # not UTF-8) is written as an escape, so the report stays valid UTF-8.
    return json_safe(json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False))


def _indented(value: Any, depth: int) -> str:
    return dumps(value, indent=2).replace("\n", "\n" + "  " * depth)


class JsonReporter(Reporter):
    """One JSON document: schema_version, tool, results, errors, summary."""

    def __init__(self, stream: Any, color: bool = False) -> None:
        super().__init__(stream, color)
        self.count = 0

    def _start(self) -> None:
        self.stream.write(
            '{\n  "schema_version": '
            + dumps(SCHEMA_VERSION)
            + ',\n  "tool": '
            + _indented(tool_info(), 1)
            + ',\n  "results": ['
        )

    def result(self, result: ArticleResult) -> None:
        if self.count == 0:
            self._start()
        self.stream.write(("," if self.count else "") + "\n    " + _indented(result.to_dict(), 2))
        self.count += 1

    def finish(self, summary: Summary, problems: list[InputProblem]) -> None:
        if self.count == 0:
            self._start()
        self.stream.write(
            ("\n  ]" if self.count else "]")
            + ',\n  "errors": '
            + _indented(problem_dicts(problems), 1)
            + ',\n  "summary": '
            + _indented(summary.to_dict(), 1)
            + "\n}\n"
        )


class JsonLinesReporter(Reporter):
    """One object per article as soon as it is ready; then one per input error; then the summary."""

    def result(self, result: ArticleResult) -> None:
        self.stream.write(dumps({"type": "result", **result.to_dict()}) + "\n")
        self.stream.flush()

    def problem(self, problem: InputProblem) -> None:
        self.stream.write(dumps({"type": "error", **problem.to_dict()}) + "\n")

    def finish(self, summary: Summary, problems: list[InputProblem]) -> None:
        self.stream.write(
            dumps(
                {
                    "type": "summary",
                    "schema_version": SCHEMA_VERSION,
                    "tool": tool_info(),
                    **summary.to_dict(),
                }
            )
            + "\n"
        )
