"""Who the article names: the holes the `entities` rules found, and how many
distinct names it mentions per 1,000 words.  An article that names nobody
(a scraper stripped every linked name, or the text never said who) scores
near zero, which CI can threshold.

A name is a run of capitalised words ("Mark Zuckerberg", "Bank of America",
"Université de Montréal"), counted once however often it recurs.  A word that
only starts a sentence or a line is capitalised for that reason alone, so it is
left out ("Meta a récemment lancé" counts nothing; "Selon Mark Zuckerberg"
counts "Mark Zuckerberg").
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from typing import Any

from artlint.document import Document
from artlint.findings import Finding
from artlint.lazyre import compiled

CATEGORY = "entities"

# A capitalised word; a full stop belongs to it only inside ("U.S"), so a name
# never runs across the end of a sentence.
_WORD = r"\p{Lu}(?:[\p{L}\p{M}\p{N}'’\-]|[.&](?=\p{L}))*"
# Lowercase particles that sit inside names, only between two capitalised words.
_PARTICLE = r"(?:de|du|des|la|le|les|von|van|der|den|di|da|dos|del|of|the|al|bin|&)"
# The capital is tested first: most positions fail there at once.
_NAME_RE = compiled(rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{N}}'’\-]){_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD})*")
# What may stand between a sentence start and its first word (quotes, brackets, bullets).
_LEAD_RE = compiled(r"[\s\p{P}\p{S}]*")
# A quotation or a colon starts a sentence of its own ("a déclaré : « Une fois ...").
_OPENER_RE = compiled(r"(?:[:«“\"‘(\[]|--|[—–])[ \t\u00a0]*$")
_TRAILING = "'’-&"
_OPENER_CHARS = frozenset(':«“"‘([-—–')  # one of them stands in every opener


def measure(
    document: Document, findings: Sequence[Finding], checked: Collection[str]
) -> dict[str, Any] | None:
    if CATEGORY not in checked:
        return None
    holes = sum(1 for f in findings if f.category == CATEGORY)
    count = len(names(document))
    words = document.word_count
    return {
        "holes": holes,
        "names": count,
        "names_per_1000_words": round(1000 * count / words, 2) if words else 0.0,
    }


def names(document: Document) -> set[str]:
    """The distinct capitalised name sequences, outside sentence and line starts."""
    text = document.text
    starts = sorted({*document.sentence_starts, *(line.content_start for line in document.lines)})
    # Where the first word of each sentence and line stands: a name found there
    # opens it (only quotes, brackets and blanks come before it).
    openings = {_LEAD_RE.match(text, start).end() for start in starts}
    found: set[str] = set()
    for match in _NAME_RE.finditer(text):
        start = match.start()
        name = match.group()
        just_before = text[max(0, start - 4) : start]
        if start in openings or (
            not _OPENER_CHARS.isdisjoint(just_before) and _after_opener(text, starts, start)
        ):
            words = name.split()[1:]
            while words and not words[0][:1].isupper():
                words = words[1:]  # a particle left at the front
            name = " ".join(words)
        elif " " in name or "\t" in name:
            name = " ".join(name.split())
        name = name.rstrip(_TRAILING)
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        if len(name) >= 2:
            found.add(name.casefold())
    return found


def _after_opener(text: str, starts: list[int], offset: int) -> bool:
    """True when a quotation mark, a colon or a dash opens a sentence just before `offset`."""
    index = bisect.bisect_right(starts, offset) - 1
    begin = starts[index] if index >= 0 else 0
    return _OPENER_RE.search(text, max(begin, offset - 4), offset) is not None
