"""`pattern`: a regular expression (the `regex` module's syntax) matches.

    patterns: {en: [...], "*": [...]}   # {{name}} inserts a word list (see vars)
    case_sensitive: false
    unless: {en: [...]}                # drop a match whose sentence (unless_scope) matches
    scope: document | line | sentence  # where a match may extend (default: document,
                                       # with ^ and $ at line ends)

A named group `at` moves the finding to that group: a zero-width `(?P<at>)`
points at the spot where something is missing.  Other named groups can be
used in the message as {name}.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import regex

from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.unless import Unless, compile_pattern_set, compile_unless
from artlint.matching import PatternSet, line_fix, make_finding, per_language, scan
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "pattern"


@dataclass(frozen=True)
class PatternMatcher:
    pattern: PatternSet
    unless: Unless | None
    scope: str


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> PatternMatcher | None:
    patterns = per_language(spec.get("patterns"), language)
    if not patterns:
        return None
    flags = regex.MULTILINE | (0 if spec.get("case_sensitive", False) else regex.IGNORECASE)
    return PatternMatcher(
        compile_pattern_set(patterns, variables, f"{where}: patterns", flags),
        compile_unless(spec, language, variables, where),
        spec.get("scope", "document"),
    )


def _units(document: Document, scope: str) -> Iterator[tuple[int, int]]:
    if scope == "line":
        for line in document.nonblank_lines:
            yield line.start, line.end
    elif scope == "sentence":
        for sentence in document.sentences:
            yield sentence.start, sentence.end
    else:
        yield 0, len(document.text)


def check(document: Document, rule: Rule, matcher: PatternMatcher) -> Iterator[Finding]:
    for unit_start, unit_end in _units(document, matcher.scope):
        for match in scan(matcher.pattern, document, rule, unit_start, unit_end):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            start, end = match.span()
            if groups.get("at") is not None:
                start, end = match.span("at")
            if matcher.unless and matcher.unless.holds(document, rule, start):
                continue
            yield make_finding(
                document, rule, start, end, fix=line_fix(rule, document, *match.span()), **groups
            )
