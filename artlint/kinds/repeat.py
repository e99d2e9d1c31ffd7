"""`repeat`: a line or block says again what another one said (a title
printed twice, a teaser, a duplicated paragraph).  The copies other than
the kept one are reported (see `report`); with `fix: delete-line` they are
the ones removed.

    scope: line | block   # default line
    min_words: 3          # shorter units (a lone "Share") are left to other rules
    template_copies: 3    # a short unit seen this often is a template, not a copy
    template_words: 8     # "short" for template_copies: fewer words than this
    zone: any | inside-text | outside-text | ...  # where the copies that count stand
                          # (the zones of the `line` kind; inside-text: between
                          # the first and the last prose line)
    report: later | earlier  # which copies are findings (default later)
    parallel_lists: false    # true: list items shared by two lists are not copies

Lines are compared after case folding, with punctuation and spacing ignored.
With a `zone`, only the copies that stand in it count: a title printed twice
above the text, a headline repeated in the links after it.
`report: later` reports every copy after the first, which is kept (a title
printed twice); `report: earlier` reports every copy before the last, which
is kept: inside an article's text the copies that come first are the
teasers and previews of the text that follows.  The message may name the
first copy as {first_line} and the last as {last_line}.
A short line that comes back again and again ("Available from Amazon" under
every product, "No stats registered." in every row of a table) is part of
the article's layout, so it is not reported; a title printed twice is.
With `parallel_lists`, two list items that say the same are parallel lists
("- Easy setup for all your Apple devices" under two products), not a copy:
a line is reported only when it or its kept copy stands outside a list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.line import in_zone, layout
from artlint.lazyre import compiled, lazy
from artlint.matching import line_fix, make_finding
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "repeat"
_NON_WORD_RE = compiled(r"[^\p{L}\p{N}]+")
# A list bullet or number before a line's words (heading and quote markers are not).
_BULLET_RE = lazy(r"[ \t\u00a0]*(?:[-*+•·▪►]|\d{1,3}[.)])[ \t\u00a0]")
_REPORTS = ("later", "earlier")
_UNITS_KEY = "artlint.kinds.repeat.units"


@dataclass(frozen=True)
class RepeatMatcher:
    scope: str
    min_words: int
    template_copies: int
    template_words: int
    zone: str
    report: str = "later"
    parallel_lists: bool = False


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> RepeatMatcher | None:
    report = spec.get("report", "later")
    if report not in _REPORTS:
        raise ValueError(f"report: {report!r} is not one of {list(_REPORTS)}")
    return RepeatMatcher(
        spec.get("scope", "line"),
        spec.get("min_words", 3),
        spec.get("template_copies", 3),
        spec.get("template_words", 8),
        spec.get("zone", "any"),
        report,
        bool(spec.get("parallel_lists", False)),
    )


def normalise(text: str) -> str:
    return _NON_WORD_RE.sub(" ", text.casefold()).strip()


def _keyed_units(document: Document, scope: str) -> list[tuple[str, int, int, int, int]]:
    """(normalised text, start, end, line number, words) of each line or
    block, computed once per document and scope: every `repeat` rule of that
    scope compares the same keys."""
    cache_key = f"{_UNITS_KEY}.{scope}"
    cached = document.metadata.get(cache_key)
    if isinstance(cached, list):
        return cached
    text = document.text
    if scope == "block":
        units = [(b.start, b.end, b.first_line) for b in document.blocks]
    else:
        units = [(ln.content_start, ln.end, ln.number) for ln in document.nonblank_lines]
    keyed: list[tuple[str, int, int, int, int]] = []
    for start, end, number in units:
        key = normalise(text[start:end])
        keyed.append((key, start, end, number, key.count(" ") + 1))
    document.metadata[cache_key] = keyed
    return keyed


def check(document: Document, rule: Rule, matcher: RepeatMatcher) -> Iterator[Finding]:
    text = document.text
    keyed = [
        (key, start, end, number)
        for key, start, end, number, words in _keyed_units(document, matcher.scope)
        if words >= matcher.min_words
    ]
    copies = Counter(key for key, _start, _end, _number in keyed)  # all copies: a template is one anywhere
    if matcher.zone != "any":
        keyed = [unit for unit in keyed if _copy_in_zone(document, unit[3], matcher.zone)]
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for key, start, _end, _number in keyed:
        first.setdefault(key, start)
        last[key] = start
    kept = first if matcher.report == "later" else last
    for key, start, end, number in keyed:
        if start == kept[key]:
            continue
        if copies[key] >= matcher.template_copies and key.count(" ") + 1 < matcher.template_words:
            continue
        if matcher.parallel_lists and _list_item(document, start) and _list_item(document, kept[key]):
            continue
        end_trimmed = start + len(text[start:end].rstrip())
        line = document.lines[number - 1]
        fix_end = document.lines[document.line_index(end)].end if matcher.scope == "block" else line.end
        yield make_finding(
            document,
            rule,
            start,
            end_trimmed,
            first_line=document.position(first[key])[0],
            last_line=document.position(last[key])[0],
            fix=line_fix(rule, document, line.start, fix_end),
        )


def _list_item(document: Document, start: int) -> bool:
    """Whether the unit starting at offset `start` opens with a list bullet or number."""
    line = document.lines[document.line_index(start)]
    return _BULLET_RE.match(document.text, line.start, line.content_start) is not None


def _copy_in_zone(document: Document, number: int, zone: str) -> bool:
    facts = layout(document)
    index = facts.index_of.get(number)
    if index is None:
        return False
    if zone == "inside-text":
        return facts.first_prose <= index <= facts.last_prose and facts.first_prose >= 0
    return in_zone(index, facts, zone)
