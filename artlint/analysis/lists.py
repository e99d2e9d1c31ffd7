"""The article's own lists: runs of lines cut from one template.

A fixture list ("Bolton v Arsenal or Sheffield United"), a ranking
("3 Lleyton Hewitt (Australia)"), a table of results printed one row per
line: each line sets names and figures in the same frame of small words and
signs.  Headlines of other stories do not: each says something else in other
words.  A line's template keeps that frame (lowercase words, figures as `9`,
signs) and folds each run of capitalised words into one slot `A`, so
"Newcastle v Tottenham" and "Oldham v Bolton" share `A v A`, while
"Tillerson takes swipe at Trump over Ukraine dealings" has a template of its
own.  Scripts without case give no slot, so their lines have no template and
are never spared by this test (precision of the residue rules is kept there
by their other conditions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from artlint.lazyre import compiled

_TOKEN_RE = compiled(
    r"(\p{N}+(?:[.,:/]\p{N}+)*)"  # a figure, with its separators
    r"|(\p{Lu}[\p{L}\p{M}'’.\-]*)"  # a capitalised word: a slot
    r"|(\p{Ll}[\p{L}\p{M}'’\-]*)"  # a lowercase word: part of the frame
    r"|([^\s\p{L}\p{N}\p{M}])"  # a sign
)
SLOT = "A"


def template(content: str) -> str | None:
    """The frame of a line, or None when it has none (no slot, or nothing but slots)."""
    symbols: list[str] = []
    for match in _TOKEN_RE.finditer(content):
        figure, capitalised, lowercase, sign = match.groups()
        symbol = "9" if figure else SLOT if capitalised else lowercase.casefold() if lowercase else sign
        if symbol == SLOT and symbols and symbols[-1] == SLOT:
            continue
        symbols.append(symbol)
    if SLOT not in symbols or all(symbol == SLOT for symbol in symbols):
        return None
    return " ".join(symbols)


def framed(found: str | None) -> bool:
    """Whether a template frames its slots: a figure, or a word or sign between
    two slots ("A v A", "9 A (A)").  "A us" ("About us", "Contact us") frames
    nothing: a menu's items share such endings without being one list."""
    if found is None:
        return False
    symbols = found.split(" ")
    if "9" in symbols:
        return True
    slots = [index for index, symbol in enumerate(symbols) if symbol == SLOT]
    return len(slots) >= 2 and slots[-1] - slots[0] > 1


def shared_template(contents: Sequence[str], least: int = 2) -> bool:
    """Whether these adjacent lines are items of one list: at least `least` of
    them, and at least half, share a template that frames its slots."""
    counts = Counter(found for found in map(template, contents) if framed(found))
    if not counts:
        return False
    top = counts.most_common(1)[0][1]
    return top >= least and 2 * top >= len(contents)


def in_template_runs(contents: Sequence[str]) -> list[bool]:
    """For each of these lines (adjacent non-blank lines, in order), whether it
    shares a framing template with the line before or after it."""
    templates = [found if framed(found) else None for found in map(template, contents)]
    marks = [False] * len(templates)
    for index in range(1, len(templates)):
        if templates[index] is not None and templates[index] == templates[index - 1]:
            marks[index] = marks[index - 1] = True
    return marks
