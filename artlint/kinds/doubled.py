"""`doubled`: a run of lines printed twice in a row (a table's header row
repeated under itself, a headline and its section label printed twice, a
menu kept in its desktop and its mobile form).  The second copy is
reported; with `fix: delete-line` it is the one removed.

    max_lines: 12   # the longest run looked for
    min_lines: 2    # the shortest (a single line printed twice is left to `repeat`)
    min_words: 3    # words in the run, all its lines together

Lines are compared as the `repeat` kind compares them (case folded,
punctuation and spacing ignored); a run of lines without words (rules,
bullets) is not a copy of anything.  Unlike `repeat`, only a copy that
follows its original at once counts: a text does not say the same thing
twice in a row, so the copy is residue wherever it stands, and no copy
further away is looked at (which of two copies far apart belongs to the
article is a judgement).

Speed: one pass over the non-blank lines; at each line only the runs whose
last line equals the line before are compared.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.line import layout
from artlint.kinds.repeat import normalise
from artlint.matching import line_fix, make_finding
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
    index = 1
    while index < total:
        found = 0
        for size in range(min(matcher.max_lines, index, total - index), matcher.min_lines - 1, -1):
            # the run [index - size, index) is printed again at [index, index + size)
            if keys[index - 1] != keys[index + size - 1] or keys[index - size] != keys[index]:
                continue
            if keys[index - size : index] != keys[index : index + size]:
                continue
            if not any(keys[index : index + size]):
                continue
            if sum(words[index : index + size]) < matcher.min_words:
                continue
            found = size
            break
        if found:
            yield index, index + found - 1
            index += found
        else:
            index += 1


def check(document: Document, rule: Rule, matcher: DoubledMatcher) -> Iterator[Finding]:
    facts = layout(document)
    text = document.text
    keys = [normalise(text[line.content_start : line.end]) for line in facts.lines]
    words = [key.count(" ") + 1 if key else 0 for key in keys]
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
