"""`gap`: something is missing at a spot: the grammar around it shows that
words were removed there (a scraper that dropped the text of links leaves
"according to , the", "the lab of in 2011", "is reportedly ..." at a line start).

    patterns: {en: [...], "*": [...]}  # {{name}} inserts a word list
    case_sensitive: false
    unless: {en: [...]}                # drop a spot whose sentence (unless_scope) matches
    fixed_expressions: fixed_expressions  # a word list: no spot inside "par contre"
    confidence: 0.95                   # the rule's measured precision, on each finding

Each pattern marks the spot with a zero-width `(?P<at>)` (else the spot is
where the match starts).  The finding is zero-width, at the spot.  The message
may use {before} and {after}, the words either side of the spot on its line
(a pattern's named groups of the same names take precedence), and {where}:
"between 'lab of' and 'in'", "after 'of'" at a line end, "before 'is
reportedly'" at a line start.  Several patterns hitting the same spot make one
finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

import regex

from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.unless import Unless, compile_pattern_set, compile_unless
from artlint.lazyre import lazy
from artlint.matching import (
    PatternSet,
    expand_word_lists,
    leading_words,
    make_finding,
    per_language,
    scan,
)
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "gap"

# A token: a word (inner apostrophes and hyphens, a trailing elision mark: "d'")
# or one punctuation mark.
_TOKEN_RE = lazy(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*|[^\s\p{L}\p{N}]")
_CONTEXT = 60  # characters looked at on each side of the spot


# How far a fixed expression may reach either side of a spot.
_FIXED_REACH = 60


@dataclass(frozen=True)
class GapMatcher:
    pattern: PatternSet
    unless: Unless | None
    # Fixed expressions of the language ("par contre", "keep track of", "by and by"): two
    # function words in a row that belong together, so no name is missing between them.
    fixed: regex.Pattern[str] | None = None
    confidence: float | None = None


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> GapMatcher | None:
    patterns = per_language(spec.get("patterns"), language)
    if not patterns:
        return None
    flags = regex.MULTILINE | (0 if spec.get("case_sensitive", False) else regex.IGNORECASE)
    leads = [leading_words(p, variables) for p in patterns]
    patterns = [expand_word_lists(p, variables, f"{where}: patterns") for p in patterns]
    fixed = None
    fixed_name = spec.get("fixed_expressions")
    # Only where the language has such a list: the "*" matcher has no language data.
    if fixed_name and variables.get(fixed_name):
        words = expand_word_lists("{{" + fixed_name + "}}", variables, f"{where}: fixed_expressions")
        fixed = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{words})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)
    confidence = spec.get("confidence")
    return GapMatcher(
        compile_pattern_set(patterns, variables, f"{where}: patterns", flags, leads),
        compile_unless(spec, language, variables, where),
        fixed,
        float(confidence) if confidence is not None else None,
    )


def check(document: Document, rule: Rule, matcher: GapMatcher) -> Iterator[Finding]:
    text = document.text
    seen: set[int] = set()
    for match in scan(matcher.pattern, document, rule):
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        spot = match.start("at") if "at" in groups else match.start()
        if spot in seen:
            continue
        seen.add(spot)
        if matcher.unless and matcher.unless.holds(document, rule, spot):
            continue
        if matcher.fixed is not None and _in_fixed_expression(text, spot, matcher.fixed):
            continue
        fields = surroundings(text, spot)
        fields.update(groups)
        fields["where"] = where_words(fields["before"], fields["after"])
        finding = make_finding(document, rule, spot, spot, **fields)
        if matcher.confidence is not None:
            finding = replace(finding, confidence=matcher.confidence)
        yield finding


def _in_fixed_expression(text: str, spot: int, fixed: regex.Pattern[str]) -> bool:
    """True when a fixed expression spans `spot` or ends right at it ("keep track of|")."""
    low = max(0, spot - _FIXED_REACH)
    return any(
        m.start() < spot <= m.end() for m in fixed.finditer(text, low, min(len(text), spot + _FIXED_REACH))
    )


def surroundings(text: str, spot: int) -> dict[str, str]:
    """The text just before and just after `spot` on its line: the last two tokens
    before it, the first token after it (two when nothing comes before)."""
    line_start = text.rfind("\n", max(0, spot - _CONTEXT), spot) + 1
    line_end = text.find("\n", spot, spot + _CONTEXT)
    low = max(line_start, spot - _CONTEXT)
    high = line_end if line_end != -1 else min(len(text), spot + _CONTEXT)
    left = [m.start() for m in _TOKEN_RE.finditer(text, low, spot)]
    if left and low > line_start:
        left = left[1:]  # the first token may be cut
    right = [m.end() for m in _TOKEN_RE.finditer(text, spot, high)]
    before = " ".join(text[left[-2:][0] : spot].split()) if left else ""
    after = " ".join(text[spot : right[: 1 if left else 2][-1]].split()) if right else ""
    return {"before": before, "after": after}


def where_words(before: str, after: str) -> str:
    if before and after:
        return f"between '{before}' and '{after}'"
    if before:
        return f"after '{before}'"
    if after:
        return f"before '{after}'"
    return "here"
