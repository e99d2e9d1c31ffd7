"""`line`: a whole line is residue (a form, a widget, a credit), judged by
what it says, how long it is and where it stands among the other lines.

    phrases:  {en: [...]}          # the line is one of these, or several glued (see `match`)
    patterns: {en: [...]}          # or matches one of these
    match: full | start | contains # how phrases/patterns must cover the line (default full;
                                   # contains: anywhere in it, from the start of a word)
    max_words: 12                  # only lines this short (blank: any length)
    min_words: 0
    zone: any | head | tail | edges            # the first/last `zone_lines` non-blank lines
        | before-text | after-text | outside-text  # before the first / after the last prose line
    zone_lines: 6
    zone_margin: 0                 # *-text zones: leave out the N lines touching the text
    unless: {en: [...]}            # skip lines that also match these
    extend: none | list | rest     # the line opens a section (see below)
    min_run: 1                     # report only runs of this many adjacent matching lines
    skip_lists: false              # with min_run: not a run cut from one template (see below)
    context: none | text | beside | between | after | before  # judge by the residue around (see below)
    context_lines: 3               # between: the longest gap a rule may fill
    context_ignore: [rule ids]     # findings of these rules are not context
    fix: delete-line

Context.  A *prose line* has at least 10 words and ends a sentence (with a
full stop, or with ? or ! from 16 words: a shorter question alone on its
line is a headline), or has at least 25 words and a sentence mark somewhere
(or 50 words): a headline, a menu item, a caption or a tag cloud rarely
does.  The article's text runs from its first to its last prose line.

`extend: list` makes a matching line (a "Related articles" or "Tags" header)
report the list it heads: the non-prose lines after it when they run to the
end of the article, or else only the headline-like ones (4+ words) right
under it, so that a subheading or a table of the article is kept.

`extend: rest` reports the line and everything after it (a comment
section), but only when the line stands in the tail: fewer prose words
follow it than precede it.

`min_run: N` keeps only runs of N or more adjacent matching lines (a
navigation menu is many short lines; one short line alone may be a
heading).  `skip_lists: true` spares a run whose lines, at least two and
half of them, share one template (artlint/analysis/lists.py): the article's
own fixture list, ranking or table, whose items set names and figures in
the same small words and signs, where headlines of other stories each say
something else.

Context between rules.  `context` makes the rule judge a line by the
residue the *other* rules of its category found around it (the engine
checks such rules after all others and hands them those findings; only
findings that cover whole lines count):
- `beside`: the line just above or just below is residue (an author's name
  under a byline);
- `between`: the line fills a gap of at most `context_lines` lines, all
  matching, between two residue lines (an author's name between a byline
  and a share button, a page number inside a pager);
- `after`: a residue line stands before it in its zone (with `zone:
  after-text`: once the page's footer has begun, the short lines after it
  belong to it);
- `before`: a residue line stands after it in its zone (with `zone:
  before-text`: the labels above the page's header residue);
- `text`: no neighbour is needed, but the zones are judged on the text
  the other rules left (a run of headlines above a newsletter form, which
  is prose, stands after the article's text).  These rules are checked
  after the plain ones (among themselves in rule id order) and before the
  neighbour ones, which count their findings as residue.
`context_ignore` leaves out the findings of rules that judge a line by its
shape alone (a run of headlines, a block printed twice, a copy of another
line): residue, but not proof that the page's footer has begun or that the
article's text starts later than its first prose line.
For such a rule the article's text runs from its first to its last prose
line that no other rule reported (the comments under an article are prose
too).  Only the findings of the rules that run with it count: selected alone, such
a rule has nothing to judge by (select its category), except that a `text`
rule then judges the zones as a plain rule does.  A neighbour rule does not
report lines that other rules already report; a `text` rule may, as a plain
rule does.

Every line of a section or a run is a finding of its own (so each can be
fixed or suppressed alone); those after the first say which line opened
the section.

Bullets, heading markers and trailing punctuation around the line do not
count: "- Leave a Reply:" is the line "Leave a Reply".

A pattern sees one line at a time (its whitespace never reaches the next line).

Speed: the per-document facts (word counts, prose lines) are computed once
and shared by every `line` rule; each rule's phrases and patterns form one
regex, tried only on the lines whose length and place fit the rule, and
anchored at the line start unless `match: contains`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

import regex

from artlint.analysis.lists import shared_template
from artlint.document import Document, Line
from artlint.findings import Finding
from artlint.kinds.unless import compile_patterns
from artlint.lazyre import compiled
from artlint.matching import (
    WORD_EDGE_AFTER,
    WORD_EDGE_BEFORE,
    RuleTimeout,
    alternation,
    format_message,
    line_fix,
    make_finding,
    per_language,
    search,
    time_left,
)
from artlint.prefilter import contained_literals
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "line"
# What may stand around the words of a line without counting (never a line break).
_TRAIL = r"[^\S\n]*(?:[.!?:;…*|»«\"'”“()\[\]·•–—/-][^\S\n]*)*"
# Words: letters/digits runs; each CJK character counts as half a word, as
# those scripts write a sentence without spaces.
_WORD_RE = compiled(r"[\p{L}\p{N}]+")
_CJK_RE = compiled(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
# A sentence end: terminal punctuation, optionally closed by quotes or brackets.
# An ellipsis is not one: a teaser cut short ("The company said...") ends so.
_SENTENCE_END_RE = compiled(r"(?<![.…])([.!?])['\"”’»)\]]*[^\S\n]*$")
_SENTENCE_MARK_RE = compiled(r"[.!?。！？]")
PROSE_WORDS = 10
QUESTION_WORDS = 16  # a line ending in ? or ! is prose from this length
LONG_WORDS = 25
LIST_LINES = 30  # a list of links longer than this is not taken whole
HEADLINE_WORDS = 4  # a list item inside the text must look like a headline
_LAYOUT_KEY = "artlint.kinds.line.layout"
_EDGES_KEY = "artlint.kinds.line.edges"
_STARTS_KEY = "artlint.kinds.line.starts"


@dataclass(frozen=True)
class LineMatcher:
    pattern: regex.Pattern[str]
    unless: regex.Pattern[str] | None
    max_words: int | None
    min_words: int
    zone: str
    zone_lines: int
    zone_margin: int
    extend: str
    min_run: int
    mode: str
    context: str = "none"
    context_lines: int = 3
    # Folded literals one of which every match holds: only the lines holding
    # one are tried (None: every line).
    needles: tuple[str, ...] | None = None
    context_ignore: frozenset[str] = frozenset()
    skip_lists: bool = False

    @property
    def uses_findings(self) -> bool:
        """The engine checks this rule last, with the findings of the others."""
        return self.context != "none"

    @property
    def stage(self) -> int:
        """When the engine checks the rule: 0 with the others, 1 after them
        (`context: text`), 2 last (by its neighbours, which may be stage-1 findings)."""
        return 0 if self.context == "none" else 1 if self.context == "text" else 2


@dataclass(frozen=True)
class Layout:
    """Per-document facts about its non-blank lines, shared by all `line` rules."""

    lines: list[Line]  # the non-blank lines
    index_of: dict[int, int]  # document line number -> index in `lines`
    words: list[int]
    prose: list[bool]
    prose_words_before: list[int]  # prose words on the lines before each line
    prose_words_total: int
    first_prose: int  # -1 when there is none
    last_prose: int


def layout(document: Document) -> Layout:
    """The document's layout, computed once and kept with the document."""
    cached = document.metadata.get(_LAYOUT_KEY)
    if isinstance(cached, Layout):
        return cached
    text = document.text
    lines = document.nonblank_lines
    words: list[int] = []
    prose: list[bool] = []
    before: list[int] = []
    total = 0
    for line in lines:
        content = text[line.content_start : line.end]
        count = len(_WORD_RE.findall(content))
        if count < LONG_WORDS and not content.isascii():
            count += len(_CJK_RE.findall(content)) // 2
        if count >= LONG_WORDS:
            # A long line is text unless it is a bare list (a tag cloud): no
            # sentence mark anywhere.
            is_prose = count >= 2 * LONG_WORDS or _SENTENCE_MARK_RE.search(content) is not None
        else:
            end = _SENTENCE_END_RE.search(content)
            # A short question or exclamation alone on its line is a headline
            # or a call ("Could an astronaut use gravity to get around?").
            is_prose = (
                count >= PROSE_WORDS and end is not None and (count >= QUESTION_WORDS or end.group(1) == ".")
            )
        words.append(count)
        prose.append(is_prose)
        before.append(total)
        if is_prose:
            total += count
    prose_indexes = [i for i, flag in enumerate(prose) if flag]
    result = Layout(
        lines=lines,
        index_of={line.number: i for i, line in enumerate(lines)},
        words=words,
        prose=prose,
        prose_words_before=before,
        prose_words_total=total,
        first_prose=prose_indexes[0] if prose_indexes else -1,
        last_prose=prose_indexes[-1] if prose_indexes else -1,
    )
    document.metadata[_LAYOUT_KEY] = result
    return result


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> LineMatcher | None:
    phrases = per_language(spec.get("phrases"), language)
    patterns = per_language(spec.get("patterns"), language)
    if not phrases and not patterns:
        return None
    mode = spec.get("match", "full")
    alternatives = list(patterns)
    if phrases:
        listed = alternation(phrases, spec.get("ignore_accents", False))
        if mode == "full":
            # Tabs and buttons often come glued on one line ("Most Read Most
            # Shared", "MeistgelesenEmpfohlen"): a line of listed phrases is one.
            listed = f"{listed}(?:[^\\S\\n]*[|/•·,]?[^\\S\\n]*{listed})*"
        else:
            # A phrase is whole words: "subscribe now" is not in "unsubscribe now".
            listed = f"{listed}{WORD_EDGE_AFTER}"
        alternatives.append(listed)
    body = "|".join(f"(?:{p})" for p in alternatives)
    if mode == "contains":
        # Residue starts a word; the guard also spares the regex most positions.
        body = f"{WORD_EDGE_BEFORE}(?:{body})"
    if mode == "full":
        body = f"^{_TRAIL}(?:{body}){_TRAIL}$"
    elif mode == "start":
        body = f"^{_TRAIL}(?:{body})"
    flags = regex.MULTILINE | (0 if spec.get("case_sensitive", False) else regex.IGNORECASE)
    unless_patterns = per_language(spec.get("unless"), language)
    pattern = compile_patterns([body], variables, f"{where}: patterns", flags)
    return LineMatcher(
        pattern,
        compile_patterns(unless_patterns, variables, f"{where}: unless", flags) if unless_patterns else None,
        spec.get("max_words"),
        spec.get("min_words", 0),
        spec.get("zone", "any"),
        spec.get("zone_lines", 6),
        spec.get("zone_margin", 0),
        spec.get("extend", "none"),
        spec.get("min_run", 1),
        mode,
        spec.get("context", "none"),
        spec.get("context_lines", 3),
        contained_literals(pattern.pattern, pattern.flags),
        frozenset(spec.get("context_ignore", ())),
        bool(spec.get("skip_lists", False)),
    )


def in_zone(index: int, facts: Layout, zone: str, size: int = 6, margin: int = 0) -> bool:
    """Whether non-blank line `index` stands in `zone` (see the module docstring);
    `margin` keeps the lines that touch the text out of the *-text zones."""
    total = len(facts.lines)
    if zone == "any":
        return True
    if zone == "head":
        return index < size
    if zone == "tail":
        return index >= total - size
    if zone == "edges":
        return index < size or index >= total - size
    if facts.first_prose < 0:
        return False  # no article text to stand outside of
    before = index < facts.first_prose - margin
    after = index > facts.last_prose + margin
    if zone == "before-text":
        return before
    if zone == "after-text":
        return after
    return before or after  # outside-text


def _matching_lines(
    document: Document,
    rule: Rule,
    matcher: LineMatcher,
    facts: Layout,
    indexes: Iterable[int] | None = None,
) -> list[int]:
    """Indexes (into the non-blank lines) of the lines the rule holds for,
    among `indexes` (default: all, in order).

    Cheap tests first (word count, zone), then the regex on that line alone:
    anchored (`match`) for full and start, so a line that does not begin
    right fails at once; a scan of the whole text would try every position.
    """
    text = document.text
    call = matcher.pattern.search if matcher.mode == "contains" else matcher.pattern.match
    low, high = matcher.min_words, matcher.max_words
    hits: list[int] = []
    lines = facts.lines
    eligible = [
        index
        for index in (range(len(lines)) if indexes is None else indexes)
        if low <= facts.words[index] <= (high if high is not None else facts.words[index])
        and (
            matcher.zone == "any"
            or in_zone(index, facts, matcher.zone, matcher.zone_lines, matcher.zone_margin)
        )
    ]
    if matcher.needles is not None and len(eligible) > 1:
        # A needle absent from the text is ruled out among its distinct words
        # (and remembered for the other rules), a present one found with
        # str.find: far less than a regex call on each line (10-50 us each).
        candidates = _lines_holding(document, facts, matcher.needles)
        if candidates is not None:
            eligible = [index for index in eligible if index in candidates]
    for index in eligible:
        line = lines[index]
        try:
            found = call(text, line.start, line.end, timeout=time_left(rule))
        except TimeoutError:
            raise RuleTimeout(rule) from None
        if found is None:
            continue
        if matcher.unless is not None and search(matcher.unless, text, rule, line.content_start, line.end):
            continue
        hits.append(index)
    return hits


def _lines_holding(document: Document, facts: Layout, needles: tuple[str, ...]) -> set[int] | None:
    """Indexes of the non-blank lines where one of `needles` stands (a literal
    holds no blank, so it lies inside one line); None when all must be tried."""
    folded = document.folded
    if folded.text is None:
        return None
    starts = _line_starts(document, facts)
    places: list[int] = []
    # Most are absent: ruled out among the distinct words, half the text.
    for literal in folded.present(needles):
        places.extend(folded.places(literal))
        if len(places) > len(starts):
            return None  # about every line holds one: no use sorting them out
    return {bisect_right(starts, at) - 1 for at in places}


def _line_starts(document: Document, facts: Layout) -> list[int]:
    cached = document.metadata.get(_STARTS_KEY)
    if cached is None:
        cached = document.metadata[_STARTS_KEY] = [line.start for line in facts.lines]
    return cached


def _sections(
    document: Document, hits: list[int], facts: Layout, matcher: LineMatcher
) -> Iterator[tuple[int, int]]:
    """(first, last) non-blank line indexes of each finding."""
    if matcher.min_run > 1:
        start = 0
        for position in range(1, len(hits) + 1):
            if position == len(hits) or hits[position] != hits[position - 1] + 1:
                first, last = hits[start], hits[position - 1]
                if position - start >= matcher.min_run and not (
                    matcher.skip_lists and _one_template(document, facts, first, last)
                ):
                    yield first, last
                start = position
        return
    covered = -1
    total = len(facts.lines)
    for index in hits:
        if index <= covered:
            continue  # already inside a section an earlier line opened
        last = index
        if matcher.extend == "list":
            last = _list_end(index, facts)
        elif matcher.extend == "rest":
            before = facts.prose_words_before[index]
            after = facts.prose_words_total - before - (facts.words[index] if facts.prose[index] else 0)
            if after < before:
                last = total - 1
        covered = last
        yield index, last


def _one_template(document: Document, facts: Layout, first: int, last: int) -> bool:
    """Whether the run stands in a list cut from one template: judged on the
    whole block of non-prose lines around it, so that a menu whose two items
    happen to agree is not taken for a list, and a fixture list broken by a
    longer line still is."""
    while first > 0 and not facts.prose[first - 1]:
        first -= 1
    while last + 1 < len(facts.lines) and not facts.prose[last + 1]:
        last += 1
    text = document.text
    lines = facts.lines[first : last + 1]
    return shared_template([text[line.content_start : line.end] for line in lines])


def _list_end(index: int, facts: Layout) -> int:
    """Last line of the list headed by line `index`.

    The list is the run of non-prose lines after the header.  When it runs to
    the end of the article, all of it is taken (a footer of links); when text
    follows, or the run is longer than LIST_LINES, only the headline-like
    items right under the header are (a subheading or a table that follows
    belongs to the article).
    """
    total = len(facts.lines)
    end = index + 1
    while end < total and not facts.prose[end] and end - index <= LIST_LINES:
        end += 1
    if end == total:
        return total - 1
    last = index
    while last + 1 < end and facts.words[last + 1] >= HEADLINE_WORDS:
        last += 1
    return last


def _line_edges(
    document: Document, facts: Layout
) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
    """(line, column) where each non-blank line's content starts and ends, as
    findings give them (source positions), mapped to the line's index;
    computed once per document."""
    cached = document.metadata.get(_EDGES_KEY)
    if cached is not None:
        return cached
    text = document.text
    starts: dict[tuple[int, int], int] = {}
    ends: dict[tuple[int, int], int] = {}
    for index, line in enumerate(facts.lines):
        end = line.start + len(text[line.start : line.end].rstrip())
        starts[document.position(line.content_start)] = index
        if end > line.content_start:
            last = document.position(end - 1)
            ends[(last[0], last[1] + 1)] = index
    document.metadata[_EDGES_KEY] = (starts, ends)
    return starts, ends


def _residue_lines(
    document: Document,
    facts: Layout,
    category: str,
    prior: Sequence[Finding],
    ignore: frozenset[str] = frozenset(),
) -> list[bool] | None:
    """Which non-blank lines the earlier findings of `category` (but not of
    the rules in `ignore`) cover whole (a finding inside a sentence, such as a
    stray entity, does not make its line residue); None when there is no such
    finding."""
    found = [f for f in prior if f.category == category and f.rule not in ignore]
    if not found:
        return None
    starts, ends = _line_edges(document, facts)
    residue = [False] * len(facts.lines)
    any_line = False
    for finding in found:
        first = starts.get((finding.line, finding.column))
        last = ends.get((finding.end_line, finding.end_column))
        if first is not None and last is not None:
            any_line = True
            for index in range(first, last + 1):
                residue[index] = True
    return residue if any_line else None


def _without_residue(facts: Layout, residue: list[bool]) -> Layout:
    """The layout with the article's text narrowed to its first and last prose
    lines that no other rule reported (a comment or a teaser is prose too)."""
    kept = [i for i, flag in enumerate(facts.prose) if flag and not residue[i]]
    first, last = (kept[0], kept[-1]) if kept else (-1, -1)
    if (first, last) == (facts.first_prose, facts.last_prose):
        return facts
    return replace(facts, first_prose=first, last_prose=last)


def _in_context(
    document: Document, rule: Rule, matcher: LineMatcher, facts: Layout, residue: list[bool]
) -> list[int]:
    """The matching lines that stand where `matcher.context` asks, among
    `residue`; only the lines the context allows are matched at all."""
    total = len(facts.lines)
    if matcher.context == "text":
        return _matching_lines(document, rule, matcher, facts)
    if matcher.context in ("after", "before"):
        # walk away from the text: "after" down from its end, "before" up from its start
        order = range(total) if matcher.context == "after" else range(total - 1, -1, -1)
        opened = False
        allowed: list[int] = []
        for index in order:
            if residue[index]:
                opened = opened or in_zone(
                    index, facts, matcher.zone, matcher.zone_lines, matcher.zone_margin
                )
            elif opened:
                allowed.append(index)
        return _matching_lines(document, rule, matcher, facts, sorted(allowed))
    if matcher.context == "beside":
        allowed = [
            i
            for i in range(total)
            if not residue[i] and ((i > 0 and residue[i - 1]) or (i + 1 < total and residue[i + 1]))
        ]
        return _matching_lines(document, rule, matcher, facts, allowed)
    # between: each gap of non-residue lines closed by residue on both sides,
    # reported only when every line of it matches
    gaps: list[range] = []
    index = 0
    while index < total:
        if residue[index]:
            index += 1
            continue
        end = index
        while end < total and not residue[end]:
            end += 1
        if index > 0 and end < total and end - index <= matcher.context_lines:
            gaps.append(range(index, end))
        index = end
    matching = set(_matching_lines(document, rule, matcher, facts, [i for gap in gaps for i in gap]))
    return [i for gap in gaps if all(i in matching for i in gap) for i in gap]


def check(
    document: Document, rule: Rule, matcher: LineMatcher, prior: Sequence[Finding] = ()
) -> Iterator[Finding]:
    """Findings of a `line` rule; `prior` holds the findings of the other
    rules when the rule judges by context (`uses_findings`)."""
    facts = layout(document)
    if matcher.uses_findings:
        residue = _residue_lines(document, facts, rule.category, prior, matcher.context_ignore)
        if residue is not None:
            facts = _without_residue(facts, residue)
            hits = _in_context(document, rule, matcher, facts, residue)
        elif matcher.context == "text":
            hits = _matching_lines(document, rule, matcher, facts)
        else:
            return  # no residue around: nothing to judge by (and nothing to scan)
    else:
        hits = _matching_lines(document, rule, matcher, facts)
    if not hits:
        return
    text = document.text
    for first, last in _sections(document, hits, facts, matcher):
        opened_at = document.position(facts.lines[first].start)[0]
        for index in range(first, last + 1):
            line = facts.lines[index]
            start = line.content_start
            end = max(start, line.start + len(text[line.start : line.end].rstrip()))
            message = None
            if index != first:
                # Each line of a section is its own finding (one line, one fix,
                # one suppression comment), tied to the line that opened it.
                message = format_message(rule.message, match=document.excerpt(start, end, 80))
                message += f" (in the section from line {opened_at})"
            yield make_finding(
                document,
                rule,
                start,
                end,
                message=message,
                fix=line_fix(rule, document, line.start, line.end),
            )
