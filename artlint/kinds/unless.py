"""The `unless` exception shared by several kinds: a match is dropped when
the unit around it (sentence by default, or `unless_scope`: line, block,
document) also matches one of the `unless` patterns, or, with
`unless_attributed: true`, holds an attributed sentence (artlint/attribution.py:
a named speaker, a quote with its speaker, a citation).  A language without
attribution data cannot tell, so the match is dropped (precision first)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import regex

from artlint import attribution
from artlint.document import Document
from artlint.matching import PatternSet, compile_regex, compile_set, expand_vars, matches_in, per_language
from artlint.records import dataclass
from artlint.rule import Rule


@dataclass(frozen=True)
class Unless:
    pattern: PatternSet | None
    scope: str  # sentence | line | block | document
    attributed: bool = False  # also drop a match whose unit holds an attributed sentence

    def holds(self, document: Document, rule: Rule, offset: int) -> bool:
        start, end = unit_around(document, offset, self.scope)
        if self.pattern is not None and matches_in(self.pattern, document, rule, start, end):
            return True
        return self.attributed and attribution.attributed_in(document, start, end) is not False


def unit_around(document: Document, offset: int, scope: str) -> tuple[int, int]:
    if scope == "document":
        return 0, len(document.text)
    if scope == "line":
        line = document.lines[document.line_index(offset)]
        return line.start, line.end
    if scope == "block":
        for block in document.blocks:
            if block.start <= offset <= block.end:
                return block.start, block.end
        line = document.lines[document.line_index(offset)]
        return line.start, line.end
    sentences = document.sentences
    if not sentences:
        return 0, len(document.text)
    sentence = sentences[document.sentence_index_at(offset)]
    return sentence.start, sentence.end


def compile_patterns(
    patterns: Sequence[str], variables: Mapping[str, Sequence[str]], where: str, flags: int
) -> regex.Pattern[str]:
    expanded = [expand_vars(p, variables, where) for p in patterns]
    for source in expanded:  # compile each alone first, so an error names its pattern
        compile_regex(source, flags, where)
    return compile_regex("|".join(f"(?:{p})" for p in expanded), flags, where)


def compile_pattern_set(
    patterns: Sequence[str],
    variables: Mapping[str, Sequence[str]],
    where: str,
    flags: int,
    leads: Sequence[frozenset[str] | None] = (),
) -> PatternSet:
    """The patterns with their {{vars}} expanded, as a PatternSet (artlint.matching)."""
    return compile_set([expand_vars(p, variables, where) for p in patterns], flags, where, leads)


def compile_unless(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> Unless | None:
    patterns = per_language(spec.get("unless"), language)
    attributed = bool(spec.get("unless_attributed", False))
    if not patterns and not attributed:
        return None
    flags = regex.MULTILINE | (0 if spec.get("case_sensitive", False) else regex.IGNORECASE)
    return Unless(
        compile_pattern_set(patterns, variables, f"{where}: unless", flags) if patterns else None,
        spec.get("unless_scope", "sentence"),
        attributed,
    )
