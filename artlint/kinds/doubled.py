"""`doubled`: a run of lines printed twice in a row (a table's header row
repeated under itself, a headline and its section label printed twice, a
menu kept in its desktop and its mobile form).  The second copy is
reported; with `fix: delete-line` it is the one removed.

    max_lines: 12   # the longest run looked for
    min_lines: 2    # the shortest (a single line printed twice is left to `repeat`)
    min_words: 3    # words in the run, all its lines together

Lines are compared with case and spacing ignored; a run of lines without
words (rules, bullets) is not a copy of anything.  Unlike `repeat`, only a copy that
follows its original at once counts: a text does not say the same thing
twice in a row, so the copy is residue wherever it stands, and no copy
further away is looked at (which of two copies far apart belongs to the
article is a judgement).

Speed: one pass over the non-blank lines; at each line only the runs that
would start with an earlier copy of it (at most `max_lines` back) are
compared.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.line import layout
from artlint.matching import line_fix, make_finding
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "doubled"


@dataclass(frozen=True)
class DoubledMatcher:
    max_lines: int
    min_lines: int
    min_words: int


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> DoubledMatcher | None:
    return DoubledMatcher(spec.get("max_lines", 12), spec.get("min_lines", 2), spec.get("min_words", 3))


def _copies(keys: list[str], words: list[int], matcher: DoubledMatcher) -> Iterator[tuple[int, int]]:
    """(first, last) indexes of each second copy of a run."""
    total = len(keys)
    seen: dict[str, list[int]] = {}  # key -> indexes of the lines that say it, so far
    index = 0
    while index < total:
        found = 0
        # a run [index - size, index) printed again from `index` starts with a copy of this line
        for earlier in reversed(seen.get(keys[index], ())):
            size = index - earlier
            if size > matcher.max_lines:
                break
            if size < matcher.min_lines or index + size > total:
                continue
            if keys[index - size : index] != keys[index : index + size]:
                continue
            if not any(keys[index : index + size]) or sum(words[index : index + size]) < matcher.min_words:
                continue
            found = size  # the nearest copy: the shortest run
            break
        if found:
            yield index, index + found - 1
            for step in range(index, index + found):
                seen.setdefault(keys[step], []).append(step)
            index += found
        else:
            seen.setdefault(keys[index], []).append(index)
            index += 1


def check(document: Document, rule: Rule, matcher: DoubledMatcher) -> Iterator[Finding]:
    facts = layout(document)
    text = document.text
    # Case and spacing are ignored; a line without words is no copy of anything.
    keys = [
        " ".join(text[line.content_start : line.end].casefold().split()) if count else ""
        for line, count in zip(facts.lines, facts.words, strict=True)
    ]
    words = facts.words
    for first, last in _copies(keys, words, matcher):
        original = facts.lines[first - (last - first + 1)].number
        for index in range(first, last + 1):
            line = facts.lines[index]
            end = max(line.content_start, line.start + len(text[line.start : line.end].rstrip()))
            yield make_finding(
                document,
                rule,
                line.content_start,
                end,
                first_line=original,
                fix=line_fix(rule, document, line.start, line.end),
            )
