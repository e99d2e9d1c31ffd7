"""`density`: matches per 1,000 words must stay within [min, max]
(attributions in a news article, exclamation marks, ...).

    patterns: {en: [...]}   # or phrases:
    phrases:  {en: [...]}
    min: 2.0                # per 1,000 words
    max: 30.0
    min_words: 150          # shorter texts are not judged

The message can use {value}, {count}, {words}, {min} and {max}.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import regex

from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.unless import compile_pattern_set
from artlint.matching import (
    WORD_EDGE_AFTER,
    WORD_EDGE_BEFORE,
    PatternSet,
    alternation,
    make_finding,
    per_language,
    scan,
)
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "density"


@dataclass(frozen=True)
class DensityMatcher:
    pattern: PatternSet
    minimum: float | None
    maximum: float | None
    min_words: int


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> DensityMatcher | None:
    patterns = per_language(spec.get("patterns"), language)
    phrases = per_language(spec.get("phrases"), language)
    if not patterns and not phrases:
        return None
    if phrases:
        patterns.append(WORD_EDGE_BEFORE + alternation(phrases) + WORD_EDGE_AFTER)
    flags = regex.MULTILINE | (0 if spec.get("case_sensitive", False) else regex.IGNORECASE)
    return DensityMatcher(
        compile_pattern_set(patterns, variables, f"{where}: patterns", flags),
        spec.get("min"),
        spec.get("max"),
        spec.get("min_words", 150),
    )


def check(document: Document, rule: Rule, matcher: DensityMatcher) -> Iterator[Finding]:
    words = document.word_count
    if words < matcher.min_words or not document.nonblank_lines:
        return
    count = sum(1 for _ in scan(matcher.pattern, document, rule))
    value = 1000.0 * count / words
    low = matcher.minimum is not None and value < matcher.minimum
    high = matcher.maximum is not None and value > matcher.maximum
    if low or high:
        first = document.nonblank_lines[0]
        yield make_finding(
            document,
            rule,
            first.content_start,
            first.end,
            value=f"{value:.1f}",
            count=count,
            words=words,
            min=matcher.minimum,
            max=matcher.maximum,
        )
