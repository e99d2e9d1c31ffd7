"""Building blocks the rule kinds share: regexes from phrase lists, word-list
variables, per-language data, timeouts, and turning a match into a Finding."""

from __future__ import annotations

import bisect
import contextlib
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import regex

from artlint.document import Document
from artlint.findings import Finding, Fix
from artlint.lazyre import compiled, lazy
from artlint.prefilter import Prefilter, branches, fold, opens_with_whole_word, prefilter
from artlint.records import dataclass
from artlint.rule import ANY_LANGUAGE, Rule

# Letters that differ only by accents; used for accent-insensitive phrases.
_ACCENT_CLASSES = {
    "a": "aàáâãäå",
    "c": "cç",
    "e": "eèéêë",
    "i": "iìíîï",
    "n": "nñ",
    "o": "oòóôõö",
    "u": "uùúûü",
    "y": "yýÿ",
    "s": "sß",
}
_ACCENT_OF = {ch: base for base, chars in _ACCENT_CLASSES.items() for ch in chars}
_VAR_RE = lazy(r"\{\{\s*([A-Za-z_][\w]*)\s*\}\}")
# Inline flags turning on full case folding (f, or version 1 with i).
_FULL_CASE_RE = compiled(r"\(\?[a-zA-Z-]*[fV]")
WORD_EDGE_BEFORE = r"(?<![\p{L}\p{N}_])"
WORD_EDGE_AFTER = r"(?![\p{L}\p{N}_])"


class RuleTimeout(Exception):
    """A rule's regex ran past its time budget on one article."""

    def __init__(self, rule: Rule) -> None:
        total = getattr(_budget, "seconds", None)
        if total is not None and _budget.deadline - time.monotonic() <= 0:
            what = f"ran longer than {total:g}s in all on this article (limit rule_seconds)"
        else:
            what = f"pattern ran longer than {rule.timeout:g}s"
        super().__init__(f"{rule.id}: {what}; rule skipped for this article")
        self.rule = rule


# Each regex call has the rule's own timeout; all of a rule's calls on one
# article share one budget too (Limits.rule_seconds), or a pattern just under
# its timeout, tried on every line, would run for minutes.  Per thread: Dask
# workers lint articles in threads.
_budget = threading.local()


@contextlib.contextmanager
def rule_budget(seconds: float | None) -> Iterator[None]:
    """Within this block, the regex calls of the running rule end by `seconds` from now."""
    saved = (getattr(_budget, "deadline", None), getattr(_budget, "seconds", None))
    _budget.deadline = time.monotonic() + seconds if seconds else None
    _budget.seconds = seconds or None
    try:
        yield
    finally:
        _budget.deadline, _budget.seconds = saved


def time_left(rule: Rule) -> float:
    """The timeout for the rule's next regex call: its own, or what is left of its budget."""
    deadline = getattr(_budget, "deadline", None)
    if deadline is None:
        return rule.timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise RuleTimeout(rule)
    return min(rule.timeout, left)


def phrase_to_regex(phrase: str, ignore_accents: bool = False) -> str:
    """A literal phrase as a regex: any run of blanks matches any whitespace,
    straight and curly apostrophes match each other."""
    return "".join(atom for atom, _ in _atoms(phrase, ignore_accents))


def phrase_atoms(phrase: str, ignore_accents: bool = False) -> tuple[str, ...]:
    """The phrase as regex atoms, one per character (a run of blanks is one)."""
    return tuple(atom for atom, _ in _atoms(phrase, ignore_accents))


def _atoms(phrase: str, ignore_accents: bool = False) -> list[tuple[str, frozenset[str] | None]]:
    """The phrase as regex atoms, each with the case-folded characters it
    matches (None: one that cannot be folded alone)."""
    atoms: list[tuple[str, frozenset[str] | None]] = []
    for char in phrase.strip():
        if char.isspace():
            if not atoms or atoms[-1][0] != r"\s+":
                atoms.append((r"\s+", frozenset([" "])))
        elif char in "'’":
            atoms.append(("['’]", frozenset("'’")))
        elif ignore_accents and char.lower() in _ACCENT_OF:
            letters = _ACCENT_CLASSES[_ACCENT_OF[char.lower()]]
            atoms.append(("[" + letters + letters.upper() + "]", _folded_set(letters + letters.upper())))
        else:
            atoms.append((regex.escape(char), _folded_set(char)))
    return atoms


def _folded_set(chars: str) -> frozenset[str] | None:
    folded = [fold(char) for char in chars]
    return None if any(f is None or len(f) != 1 for f in folded) else frozenset(folded)  # type: ignore[arg-type]


def alternation(items: Sequence[str], ignore_accents: bool = False) -> str:
    """Alternation of literal phrases, the longest first (so "e-mail address" beats "e-mail").

    As a prefix tree ("s(?:ome|everal)") when that matches exactly as the
    longest-first list: the regex engine then rejects a position on its first
    letters instead of trying every phrase.  It does when a longer phrase is
    always tried before a shorter one it extends (one atom per character) and
    no two branches of a node can match the same character (whatever the case
    flags)."""
    unique = sorted(set(items))
    atoms = [_atoms(item, ignore_accents) for item in unique]
    if all(len(a) == len(item) for a, item in zip(atoms, unique, strict=True)) and _distinct_branches(atoms):
        return trie_regex([tuple(atom for atom, _ in phrase) for phrase in atoms])
    return _longest_first(unique, ignore_accents)


def _longest_first(items: Sequence[str], ignore_accents: bool = False) -> str:
    ordered = sorted(set(items), key=lambda s: (-len(s), s))
    return "(?:" + "|".join(phrase_to_regex(item, ignore_accents) for item in ordered) + ")"


def _distinct_branches(phrases: Sequence[Sequence[tuple[str, frozenset[str] | None]]]) -> bool:
    """Whether no two branches of a prefix-tree node can match the same character."""
    children: dict[tuple[str, ...], dict[str, frozenset[str] | None]] = {}
    for atoms in phrases:
        for depth, (atom, chars) in enumerate(atoms):
            if chars is None:
                return False
            children.setdefault(tuple(a for a, _ in atoms[:depth]), {})[atom] = chars
    for siblings in children.values():
        seen: set[str] = set()
        for chars in siblings.values():
            if seen & chars:  # type: ignore[operator]
                return False
            seen |= chars  # type: ignore[arg-type]
    return True


def trie_regex(words: Sequence[Sequence[str]]) -> str:
    """Words given as regex atoms, as one prefix-factored alternation; where a
    word is the prefix of a longer one, the longer is tried first."""
    trie: dict[str, Any] = {}
    for atoms in set(map(tuple, words)):
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [atom + build(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(trie) + ")"


def expand_vars(pattern: str, variables: Mapping[str, Sequence[str]], where: str) -> str:
    """Replace {{name}} by an alternation of the word list `name`."""

    def substitute(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name not in variables:
            raise ValueError(f"{where}: unknown word list {{{{{name}}}}}")
        if _FULL_CASE_RE.search(pattern):  # "ß" may match "ss": keep the plain list
            return _longest_first(variables[name])
        return alternation(variables[name])

    return _VAR_RE.sub(substitute, pattern)


def expand_word_lists(pattern: str, variables: Mapping[str, Sequence[str]], where: str) -> str:
    """Replace {{name}} by the prefix tree of the word list `name`, always (the
    `gap` kind's patterns are written for it)."""

    def substitute(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name not in variables:
            raise ValueError(f"{where}: unknown word list {{{{{name}}}}}")
        return trie_regex([phrase_atoms(word) for word in variables[name]])

    return _VAR_RE.sub(substitute, pattern)


def per_language(value: Mapping[str, Sequence[Any]] | Sequence[Any] | None, language: str) -> list[Any]:
    """Items for `language` from a {lang: [...]} mapping (plus its "*" entry), or a plain list."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        items = list(value.get(language, []))
        if language != ANY_LANGUAGE:
            items += list(value.get(ANY_LANGUAGE, []))
        return items
    return list(value)


def languages_of(*values: Any) -> set[str]:
    """Languages named in {lang: [...]} mappings."""
    found: set[str] = set()
    for value in values:
        if isinstance(value, Mapping):
            found.update(value)
    return found


def compile_regex(source: str, flags: int, where: str) -> regex.Pattern[str]:
    try:
        return regex.compile(source, flags)
    except regex.error as error:
        raise ValueError(f"{where}: invalid regular expression: {error}") from None


def finditer(
    pattern: regex.Pattern[str], text: str, rule: Rule, pos: int = 0, endpos: int | None = None
) -> Iterator[regex.Match[str]]:
    try:
        yield from pattern.finditer(
            text, pos, len(text) if endpos is None else endpos, timeout=time_left(rule)
        )
    except TimeoutError:
        raise RuleTimeout(rule) from None


def search(
    pattern: regex.Pattern[str], text: str, rule: Rule, pos: int = 0, endpos: int | None = None
) -> regex.Match[str] | None:
    try:
        return pattern.search(text, pos, len(text) if endpos is None else endpos, timeout=time_left(rule))
    except TimeoutError:
        raise RuleTimeout(rule) from None


# -- several patterns as one ------------------------------------------------------------
@dataclass(frozen=True)
class PatternSet:
    """A rule's patterns, matching as their alternation "(?:p1)|(?:p2)|..." does:
    leftmost match first, the earliest pattern winning at one position, no two
    matches overlapping, empty matches as `finditer` allows them.

    The patterns run one by one, which the `regex` module does faster than
    their alternation, and a pattern whose matches start with known literal
    words (artlint.prefilter) is tried only where one stands in the document.
    """

    patterns: tuple[regex.Pattern[str], ...]
    filters: tuple[Prefilter, ...]  # what the text must hold for each pattern to match
    # For a pattern led by a word list (see leading_words): the folded first
    # words of its phrases, one of which every match starts with; else None.
    leads: tuple[frozenset[str] | None, ...] = ()


_NO_FILTER = Prefilter(None)


def compile_set(
    sources: Sequence[str],
    flags: int,
    where: str,
    leads: Sequence[frozenset[str] | None] = (),
) -> PatternSet:
    """The patterns (their {{vars}} already expanded) as a PatternSet; `leads`
    gives, for each source, its leading words (see leading_words) or None."""
    baseline = compile_regex("", flags, where).flags
    patterns: list[regex.Pattern[str]] = []
    pattern_leads: list[frozenset[str] | None] = []
    global_flags = False
    for number, source in enumerate(sources):
        lead = leads[number] if number < len(leads) else None
        if lead is not None and not opens_with_whole_word(source, flags):
            lead = None  # its first word may be part of a longer one, or be optional
        # A pattern led by a word list is looked for at those words, whole.
        parts = branches(source, flags) if lead is None else [source]
        split = None
        if len(parts) > 1:
            # Every item of the pattern is in some branch, so an error shows in
            # one; the pattern is then compiled whole, to name it.
            with contextlib.suppress(regex.error):
                split = [regex.compile(part, flags) for part in parts]
        if split is None:
            whole = compile_regex(source, flags, where)
            global_flags = global_flags or whole.flags != baseline
            if whole.flags != baseline:
                lead = None  # "(?a)", "(?w)": its word boundaries are not those looked up
            split = [whole]
        patterns.extend(split)
        pattern_leads.extend([lead] * len(split))
    if len(sources) > 1 and global_flags:
        # A pattern sets global flags ("(?s)"): in the alternation they apply to
        # every pattern, so keep the alternation.
        combined = compile_regex("|".join(f"(?:{s})" for s in sources), flags, where)
        return PatternSet((combined,), (Prefilter(None),))
    return PatternSet(
        tuple(patterns),
        tuple(prefilter(p.pattern, flags) for p in patterns),
        tuple(pattern_leads) if any(lead is not None for lead in pattern_leads) else (),
    )


# A pattern that opens with a word list, "\b{{name}}" or "\b(?i:{{name}})",
# followed by a blank ("(?=[ \t]", "[ \t]", "\s"): each match starts at a
# word of the text (a run of \w) that is the first run of one of its phrases.
_LED_BY_LIST_RE = lazy(
    r"\\b(?:\(\?i:\{\{\s*(\w+)\s*\}\}\)|\{\{\s*(\w+)\s*\}\})(?=\(\?=\[ \\t\]|\(\?=\\s|\[ \\t\]|\\s)"
)
_WORD_RUN_RE = compiled(r"\w+")


def leading_words(template: str, variables: Mapping[str, Sequence[str]]) -> frozenset[str] | None:
    """For a pattern written "\b{{name}}" + a blank (before its word lists are
    expanded): the case-folded first words of the list's phrases, one of which
    every match starts with, as a whole word; None for any other pattern."""
    led = _LED_BY_LIST_RE.match(template)
    if led is None:
        return None
    words: set[str] = set()
    for phrase in variables.get(led.group(1) or led.group(2), ()):
        first = _WORD_RUN_RE.match(phrase)
        folded = fold(first.group()) if first is not None else None
        if folded is None:
            return None  # a phrase that does not open with a word: look everywhere
        words.add(folded)
    return frozenset(words) if words else None


def scan(
    patterns: PatternSet,
    document: Document,
    rule: Rule | None = None,
    pos: int = 0,
    endpos: int | None = None,
) -> Iterator[regex.Match[str]]:
    """The matches in document.text[pos:endpos], as `finditer` of the alternation
    (with the rule's time limit on each regex call, when a rule is given)."""
    text = document.text
    end = len(text) if endpos is None else endpos
    count = len(patterns.patterns)
    if count == 1 and patterns.filters[0] == _NO_FILTER and not patterns.leads:
        if rule is None:
            yield from patterns.patterns[0].finditer(text, pos, end)
        else:
            yield from finditer(patterns.patterns[0], text, rule, pos, end)
        return
    heads = []
    for index in _live(patterns, document):
        head = _next(patterns, index, document, rule, pos, end, False)
        if head is not None:
            heads.append((index, head))
    while heads:
        best = heads[0][1]
        for _, head in heads:  # leftmost; at one position the earliest pattern
            if head.start() < best.start():
                best = head
        yield best
        pos = best.end()
        empty = best.start() == pos
        renewed = []
        for index, head in heads:
            start = head.start()
            if start < pos or (empty and start == pos and head.end() == pos):
                # After an empty match, the next one must not be empty at the same place.
                head = _next(patterns, index, document, rule, pos, end, empty)
                if head is None:
                    continue
            renewed.append((index, head))
        heads = renewed


def matches_in(patterns: PatternSet, document: Document, rule: Rule | None, pos: int, endpos: int) -> bool:
    """Whether one of the patterns matches in document.text[pos:endpos]."""
    return any(
        _next(patterns, index, document, rule, pos, endpos, False) is not None
        for index in _live(patterns, document)
    )


def _live(patterns: PatternSet, document: Document) -> list[int]:
    """The patterns that may match in this document: the words they need are in it
    (worked out once per document)."""
    folded = document.folded
    cached = folded.live.get(id(patterns))
    if cached is not None and cached[0] is patterns:
        return cached[1]
    has = folded.has
    leads = patterns.leads
    found = [
        index
        for index, wanted in enumerate(patterns.filters)
        if (
            not leads
            or leads[index] is None
            or folded.text is None
            or not leads[index].isdisjoint(folded.word_runs)
        )
        and (wanted.starts is None or has(wanted.starts))
        and all(has(words) for words in wanted.requires)
    ]
    # Kept with the set itself, so that its id cannot name another one meanwhile.
    folded.live[id(patterns)] = (patterns, found)
    return found


def _next(
    patterns: PatternSet,
    index: int,
    document: Document,
    rule: Rule | None,
    pos: int,
    end: int,
    advance: bool,
) -> regex.Match[str] | None:
    """Pattern `index`'s leftmost match at or after `pos` (not empty at `pos` if
    `advance`); `_live` has checked that the words it needs are in the text."""
    pattern = patterns.patterns[index]
    starts = patterns.filters[index].starts
    timeout = time_left(rule) if rule is not None else None
    text = document.text
    folded = document.folded
    lead = patterns.leads[index] if patterns.leads else None
    if lead is not None and folded.text is not None:
        offsets: list[int] | None = folded.word_places(lead)  # every match starts at one
    else:
        offsets = folded.starts(starts) if starts is not None else None  # None: many, search
    try:
        if offsets is None:
            if advance:  # as finditer does after an empty match: an empty one at pos is refused
                pattern = regex.compile(f"(?:{pattern.pattern})(?!\\G)", pattern.flags)
            return pattern.search(text, pos, end, timeout=timeout)
        # Matches start with a literal, so they are never empty.
        match = pattern.match
        for k in range(bisect.bisect_left(offsets, pos), len(offsets)):
            at = offsets[k]
            if at >= end:
                break
            found = match(text, at, end, timeout=timeout)
            if found is not None:
                return found
        return None
    except TimeoutError:
        if rule is None:
            raise
        raise RuleTimeout(rule) from None


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, **fields: Any) -> str:
    try:
        return template.format_map(_Fields(fields))
    except (ValueError, IndexError):
        return template


def make_finding(
    doc: Document,
    rule: Rule,
    start: int,
    end: int,
    message: str | None = None,
    fix: Fix | None = None,
    **fields: Any,
) -> Finding:
    """A finding of `rule` over document offsets [start, end)."""
    line, column = doc.position(start)
    if end > start:
        end_line, end_column = doc.position(end - 1)
        end_column += 1
    else:
        end_line, end_column = line, column
    fields.setdefault("match", doc.excerpt(start, end, 80))
    return Finding(
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=format_message(message if message is not None else rule.message, **fields),
        excerpt=doc.excerpt(start, end) if end > start else _context(doc, start),
        weight=rule.weight,
        fix=fix,
        confidence=rule.confidence,
    )


def _context(doc: Document, offset: int) -> str:
    """For a zero-width finding (a hole), a few words either side of the spot."""
    left = doc.text[max(0, offset - 40) : offset].split("\n")[-1]
    right = doc.text[offset : offset + 40].split("\n")[0]
    return (" ".join(left.split()[-4:]) + " ⟦?⟧ " + " ".join(right.split()[:4])).strip()


def line_fix(rule: Rule, doc: Document, start: int, end: int) -> Fix | None:
    if rule.fix == "delete-line":
        return Fix("delete-line", start, end)
    if rule.fix == "replace":
        return Fix("replace", start, end, rule.replacement)
    return None
