"""`conditional`: a sentence that matches `if` needs a match of `unless`
within `window` sentences before or after it (a claim needs a source).

    if:     {en: [...]}     # regexes; the finding points at the first match
    unless: {en: [...]}     # what would satisfy it (an attribution)
    unless_attributed: true # an attributed sentence satisfies it too (artlint/attribution.py)
    window: 1               # sentences on each side that may hold the `unless`
    case_sensitive: false
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import regex

from artlint import attribution
from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.unless import compile_pattern_set
from artlint.matching import PatternSet, make_finding, matches_in, per_language, scan
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "conditional"


@dataclass(frozen=True)
class ConditionalMatcher:
    condition: PatternSet
    unless: PatternSet | None
    window: int
    attributed: bool = False


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> ConditionalMatcher | None:
    conditions = per_language(spec.get("if"), language)
    if not conditions:
        return None
    flags = regex.MULTILINE | (0 if spec.get("case_sensitive", False) else regex.IGNORECASE)
    unless = per_language(spec.get("unless"), language)
    return ConditionalMatcher(
        compile_pattern_set(conditions, variables, f"{where}: if", flags),
        compile_pattern_set(unless, variables, f"{where}: unless", flags) if unless else None,
        spec.get("window", 0),
        bool(spec.get("unless_attributed", False)),
    )


def check(document: Document, rule: Rule, matcher: ConditionalMatcher) -> Iterator[Finding]:
    sentences = document.sentences
    satisfied: dict[int, bool] = {}
    analysis = attribution.analyse(document) if matcher.attributed else None
    if matcher.attributed and analysis is None:
        return  # no attribution data for this language: cannot tell a claim from a sourced one

    def has_support(index: int) -> bool:
        if index not in satisfied:
            sentence = sentences[index]
            satisfied[index] = (analysis is not None and analysis.is_attributed(index)) or (
                matcher.unless is not None
                and matches_in(matcher.unless, document, rule, sentence.start, sentence.end)
            )
        return satisfied[index]

    # One pass over the text (not one search per sentence): the first match inside each sentence.
    seen: set[int] = set()
    for match in scan(matcher.condition, document, rule):
        index = document.sentence_index_at(match.start())
        if not sentences or index in seen:
            continue
        sentence = sentences[index]
        if match.start() < sentence.start or match.end() > sentence.end:
            continue
        seen.add(index)
        low, high = max(0, index - matcher.window), min(len(sentences) - 1, index + matcher.window)
        if any(has_support(i) for i in range(low, high + 1)):
            continue
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        start, end = match.span("at") if groups.get("at") is not None else match.span()
        yield make_finding(document, rule, start, end, **groups)
