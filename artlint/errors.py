"""Errors artlint reports to its user, each naming where the problem is."""

from __future__ import annotations

from artlint.records import dataclass


class ArtlintError(Exception):
    """A problem with usage, configuration or a rule pack: the run cannot go on (exit 2)."""


class RulePackError(ArtlintError):
    """One or more rule packs are invalid; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class ConfigError(ArtlintError):
    """The configuration file is invalid."""


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be linted (or only partly): the run goes on with the others.

    `line` is a line of the input file (for JSONL, the record's line), `field`
    the JSON field concerned, `rule` the rule that failed (a runaway regex).
    """

    path: str
    message: str
    line: int | None = None
    record: str | None = None
    field: str | None = None
    rule: str | None = None
    level: str = "error"  # "error" makes the exit code 2; "warning" does not
    internal: bool = False  # a bug in artlint met on this input, not a fault of the input

    def location(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.record is not None:
            where += f" (record {self.record})"
        return where

    def describe(self) -> str:
        parts = [self.location()]
        if self.field:
            parts.append(f"field '{self.field}'")
        if self.rule:
            parts.append(self.rule)
        return ": ".join(parts) + f": {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "record": self.record,
            "field": self.field,
            "rule": self.rule,
            "level": self.level,
            "message": self.message,
        }


REPORT_HINT = "this is a bug in artlint: please report it with the input that caused it"


def internal_error(
    path: str, error: BaseException, record: str | None = None, line: int | None = None
) -> InputProblem:
    """What an unexpected exception while reading or linting one input becomes:
    a problem for that input (exit 2), so the run goes on with the others."""
    detail = f"{type(error).__name__}: {error}"
    if len(detail) > 300:
        detail = detail[:300] + "…"
    return InputProblem(path, f"{detail} ({REPORT_HINT})", line=line, record=record, internal=True)


def problem_line(problem: InputProblem) -> str:
    """How the CLI prints a problem on stderr: `artlint: error: FILE:LINE: message`."""
    from artlint.textsafe import printable

    label = "internal error" if problem.internal else problem.level
    return f"artlint: {label}: {printable(problem.describe())}"


MAX_QUOTE = 60  # characters of a value an error message may quote


def quote_excerpt(value: object) -> str:
    """A value as an error message quotes it: its repr, cut to a short excerpt,
    so an error about a file's content never prints the whole file."""
    text = repr(value)
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"


def schema_message(error: object) -> str:
    """A jsonschema error's message with the offending value quoted only in part.

    jsonschema quotes the whole instance ("'KEY=… PASSWORD=…' is not of type
    'object'"): given any readable file as a rule pack or config, that would
    print it into a CI log."""
    message = str(getattr(error, "message", error))
    instance = getattr(error, "instance", None)
    if instance is not None and not isinstance(instance, (bool, int, float)):
        try:
            whole = repr(instance)
        except RecursionError:  # pragma: no cover - jsonschema could not have quoted it either
            whole = ""
        if whole and whole in message and len(whole) > MAX_QUOTE:
            message = message.replace(whole, quote_excerpt(instance))
    return message if len(message) <= 300 else message[:299] + "…"
