"""`phrase`: any listed phrase occurs (whole words; case-insensitive unless told).

phrases: {en: [...], fr: [...], "*": [...]}
case_sensitive: false
ignore_accents: false
unless: {en: [regex, ...]}   # skip a match whose sentence matches one of these
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import regex

from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.unless import Unless, compile_unless
from artlint.matching import (
    WORD_EDGE_AFTER,
    WORD_EDGE_BEFORE,
    alternation,
    compile_regex,
    finditer,
    line_fix,
    make_finding,
    per_language,
)
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "phrase"


@dataclass(frozen=True)
class PhraseMatcher:
    pattern: regex.Pattern[str]
    unless: Unless | None


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> PhraseMatcher | None:
    phrases = per_language(spec.get("phrases"), language)
    if not phrases:
        return None
    flags = 0 if spec.get("case_sensitive", False) else regex.IGNORECASE
    source = WORD_EDGE_BEFORE + alternation(phrases, spec.get("ignore_accents", False)) + WORD_EDGE_AFTER
    return PhraseMatcher(
        compile_regex(source, flags, f"{where}: phrases"), compile_unless(spec, language, variables, where)
    )


def check(document: Document, rule: Rule, matcher: PhraseMatcher) -> Iterator[Finding]:
    for match in finditer(matcher.pattern, document.text, rule):
        if matcher.unless and matcher.unless.holds(document, rule, match.start()):
            continue
        yield make_finding(
            document,
            rule,
            match.start(),
            match.end(),
            fix=line_fix(rule, document, match.start(), match.end()),
        )
