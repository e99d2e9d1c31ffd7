"""Split text into blocks, sentences and words, for French, English and kin.

Positions are offsets into the document text. The rules that decide where a
sentence ends are language data (abbreviations); the mechanics are shared.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from artlint.lazyre import compiled

# A word: letters or digits, with inner apostrophes, hyphens and decimal marks
# ("aujourd'hui", "e-mail", "3.6", "14,8").
WORD_RE = compiled(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[''’\-.,][\p{L}\p{M}\p{N}]+)*")

# Candidate sentence end: terminal punctuation, optional closing quotes or
# brackets (French puts a space before »), then whitespace and a likely
# sentence start, or the end of the block.
_BOUNDARY_RE = compiled(
    r"""(?P<end>[.!?…]+(?:[\s\u00a0\u202f]*[»”"’')\]])*)
        (?P<gap>\s+)
        (?=[\p{Lu}\p{N}«“"‘'(\[¿¡\-–—•])""",
    regex.VERBOSE,
)
_TOKEN_BEFORE_RE = compiled(r"([\p{L}\p{N}.]+)$")
_TOKEN_WINDOW = 40


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def _is_abbreviation(
    token: str, abbreviations: frozenset[str], numeral: frozenset[str] = frozenset(), following: str = ""
) -> bool:
    """True when `token` (the text before a period) ends an abbreviation, not a sentence."""
    if not token:
        return False
    bare = token.rstrip(".")
    if bare.lower() in numeral:
        return following[:1].isdigit()
    if len(bare) == 1 and bare.isalpha():
        return True  # an initial: "J. K. Rowling", "M. Dupont"
    if "." in bare and all(len(part) <= 2 for part in bare.split(".")):
        return True  # "U.S", "p.ex", "e.g"
    return bare.lower() in abbreviations


def sentence_spans(
    text: str, start: int, end: int, abbreviations: frozenset[str], numeral: frozenset[str] = frozenset()
) -> Iterable[tuple[int, int]]:
    """Yield (start, end) of each sentence in text[start:end], trimmed of blanks."""
    block = text[start:end]
    cursor = 0
    for match in _BOUNDARY_RE.finditer(block):
        if match.group("end").startswith("."):
            before = _token_before(block, match.start())
            following = block[match.end() : match.end() + 1]
            if before and _is_abbreviation(before.group(1), abbreviations, numeral, following):
                continue
        span = _trim(block, cursor, match.end("end"))
        if span:
            yield start + span[0], start + span[1]
        cursor = match.end()
    span = _trim(block, cursor, len(block))
    if span:
        yield start + span[0], start + span[1]


def _token_before(block: str, end: int) -> regex.Match[str] | None:
    """The run of letters, digits and periods that ends at `end`.  Searched in
    a window before `end` (a search from the block start tries every word of
    it); only a run that fills the window needs the whole block."""
    low = max(0, end - _TOKEN_WINDOW)
    found = _TOKEN_BEFORE_RE.search(block, low, end)
    if found is not None and found.start() == low and low > 0:
        found = _TOKEN_BEFORE_RE.search(block, 0, end)
    return found


def _trim(block: str, lo: int, hi: int) -> tuple[int, int] | None:
    while lo < hi and block[lo].isspace():
        lo += 1
    while hi > lo and block[hi - 1].isspace():
        hi -= 1
    return (lo, hi) if hi > lo else None
