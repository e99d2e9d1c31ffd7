"""Limits that keep one hostile or broken input from hanging a run or
exhausting memory.  Each is set in `[tool.artlint.limits]` (or `[limits]` in
.artlint.toml); 0 turns a limit off.  Past a limit the input gets a clear
error, or, for lines and findings, the rest of the article is skipped with a
warning; the other inputs are linted as usual.  README: "Limits".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from artlint.records import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    # Bytes read from one .txt/.md/.html file or stdin (linting holds it whole).
    max_input_bytes: int = 4 * MIB
    # Bytes read from one JSONL stream, after gzip decompression (records stream through).
    max_stream_bytes: int = 4096 * MIB
    # Bytes of one JSONL record (one line); a longer record is skipped.
    max_record_bytes: int = 4 * MIB
    # Characters of one line of an article; the article is linted up to that many of it.
    max_line_chars: int = 1 * MIB
    # Lines of one article (each costs about 650 bytes of bookkeeping while it
    # is linted); the article is linted up to that line.
    max_lines: int = 200_000
    # Findings of one article; past it the other rules are not run on it.
    max_findings: int = 10_000
    # Seconds of regex time one rule may spend on one article (each call also
    # has the rule's own `timeout`).
    rule_seconds: float = 10.0

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Limits:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def cap(self, name: str) -> float | None:
        """The limit called `name`, or None when it is off (0)."""
        value = getattr(self, name)
        return value if value else None


def shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def too_large(what: str, name: str, value: float, consequence: str) -> str:
    """The message for an input past a limit: what, the limit, what was done, how to raise it."""
    limit = f"{name} = {shown(value)}"
    return f"{what} is larger than the limit ({limit}); {consequence} (see [tool.artlint.limits])"
