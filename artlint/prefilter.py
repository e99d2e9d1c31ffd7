"""Where can a match start?  Reading a pattern's first words, to run it fast.

The `regex` module finds a pattern led by one literal word quickly, but one led
by an alternation ("\\b(?:some|many|most)\\s+...") is tried at every position
of the text, which is most of what the claims rules cost.  Two helpers, both
working on the pattern's source:

- `branches` splits a pattern at a leading alternation or optional group
  into patterns that each start with one alternative ("\\bsome\\s+...",
  "\\bmany\\s+...").  Run one by one and merged (leftmost first, at one
  position the earlier branch), they match exactly as the pattern did: at a
  given start the pattern tried its alternatives in that same order, and the
  zero-width assertions before them (\\b, lookarounds) have no choices to undo.
- `prefilter` gives, case-folded, strings one of which every match starts
  with ("some"), and words every match holds ("believed" or "said").
  `FoldedText` looks them up in a case-folded copy of the document (`in`,
  `str.find`: fast substring searches in C), so a branch whose words are absent
  is not run at all, and one whose first word is rare is tried only where that
  word stands.

The reader is conservative: a construct it does not know ends the literal
prefix (shorter strings: more places to try, never a missed one), and a
pattern it cannot read in full, or whose groups are numbered in a way that
splitting would change (backreferences, conditionals), is kept whole.

Case folding must agree with the `regex` module's case-insensitive matching:
two characters it matches with each other must fold to the same character.
`str.lower` does, except for a few characters (dotless i, long s, Greek and
Cyrillic variants) that `_FOLD` maps onto their class; tests/test_prefilter.py
checks this against the installed `regex` over all of Unicode.  A text whose
lower-case form changes length (a dotted capital I) is not folded: its
patterns are run the usual way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from functools import cached_property

import regex

from artlint.lazyre import compiled, lazy
from artlint.records import dataclass

# Characters the `regex` module matches case-insensitively with others that
# `str.lower` does not give: each to one member of its class (lower-cased).
_FOLD = str.maketrans(
    "\u0131\u017f\u03b9\u03bc\u03c3\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1c80\u1c81\u1c82"
    "\u1c83\u1c84\u1c85\u1c86\u1c87\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb06",
    "\u0069\u0073\u0345\u00b5\u03c2\u03b2\u03b8\u03c6\u03c0\u03ba\u03c1\u03b5\u0432\u0434\u043e"
    "\u0441\u0442\u0442\u044a\u0463\u1e61\u0345\u0390\u03b0\u1c88\ufb05",
)
_FOLDED_AWAY = tuple(chr(c) for c in _FOLD)

MAX_LITERALS = 64  # a prefix with more alternatives than this stops before them
MAX_BRANCHES = 48  # a pattern that would split into more stays whole
# A regex call costs about as much as scanning a few kilobytes (its timeout
# set-up), so: a pattern is tried at its literal's places when they are this
# few, else searches the text itself (the regex module skips to a literal fast).
FEW_STARTS = 8
MAX_REQUIRED_WORDS = 4  # looking a longer list up costs more than it saves
MIN_REQUIRED = 3  # shorter literals are in every text: checking them saves nothing
MAX_REQUIRED = 3
_BOUNDS_RE = lazy(r"\{(\d*)(,(\d*))?\}")
_WORD_RUN_RE = compiled(r"\w+")
_WORD_CHAR_RE = compiled(r"\w")
_SCOPED_FLAGS_RE = lazy(r"\(\?[aimsu]*(?:-[aimsu]+)?:")
# Free spacing, full case folding ("ss" for "ß"), POSIX (longest) or fuzzy
# matching, searching backwards: not for this reader.
_UNREADABLE_FLAGS = (
    regex.VERBOSE
    | regex.FULLCASE
    | regex.VERSION1
    | regex.POSIX
    | regex.BESTMATCH
    | regex.ENHANCEMATCH
    | regex.REVERSE
)


def fold(text: str) -> str | None:
    """`text` case-folded character for character (same length), or None when
    that is impossible (a character whose lower case is longer)."""
    return _folded(text)[0]


def _folded(text: str) -> tuple[str | None, bool]:
    """fold(text), and whether a character was mapped beyond `str.lower`."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None, False
    if not lowered.isascii() and any(char in lowered for char in _FOLDED_AWAY):
        return lowered.translate(_FOLD), True  # rare, and slower than the test above
    return lowered, False


def whole_word_places(
    text: str, words: Iterable[str], word_char: regex.Pattern[str]
) -> list[tuple[int, str]]:
    """(offset, word) of every place where one of `words` stands in `text` as a
    whole word (no `word_char` on either side), in order."""
    found: list[tuple[int, str]] = []
    for word in words:
        size = len(word)
        at = text.find(word)
        while at != -1:
            end = at + size
            if (at == 0 or not word_char.match(text, at - 1)) and not word_char.match(text, end):
                found.append((at, word))
            # Past this place: a whole word cannot start inside another place of itself.
            at = text.find(word, end)
    found.sort()
    return found


class FoldedText:
    """A document's case-folded text and where literals occur in it (computed on demand)."""

    def __init__(self, text: str) -> None:
        self.text, mapped = _folded(text)
        # True when folding was plain `str.lower` (no character mapped onto its
        # class by _FOLD): what lower-cases words may then look them up here.
        self.lower_only = self.text is not None and not mapped
        self._has: dict[str, bool] = {}
        self._where: dict[str, list[int] | None] = {}
        self._starts: dict[tuple[str, ...], list[int] | None] = {}
        self._places: dict[str, list[int]] = {}
        self._word_places: dict[int, tuple[frozenset[str], list[int]]] = {}
        # id of a matching.PatternSet -> (it, its patterns whose words are all in the text)
        self.live: dict[int, tuple[object, list[int]]] = {}

    def has(self, literals: tuple[str, ...]) -> bool:
        """Whether one of the literals (folded, without blanks, as `prefilter` gives
        them) occurs; True when the text could not be folded."""
        if self.text is None:
            return True
        known = self._has
        for literal in literals:
            found = known.get(literal)
            if found is None:
                found = self._occurs(literal)
            if found:
                return True
        return False

    def present(self, literals: tuple[str, ...]) -> list[str]:
        """The literals (as for `has`) that occur, in order; all of them when the
        text could not be folded.  One call for a line rule's whole list of needles."""
        if self.text is None:
            return list(literals)
        known = self._has
        found = []
        for literal in literals:
            occurs = known.get(literal)
            if occurs is None:
                occurs = self._occurs(literal)
            if occurs:
                found.append(literal)
        return found

    def _occurs(self, literal: str) -> bool:
        """Whether `literal` occurs, looked up once and remembered (the text is folded)."""
        known = self._has
        # Its first character first: found at once when common, and when
        # rare ("<", "$") it rules out every literal it starts at one scan.
        initial = literal[0]
        found = known.get(initial)
        if found is None:
            found = known[initial] = initial in self.text  # type: ignore[operator]
        if found and len(literal) > 1:
            # A literal holds no blank (see _fold_literal), so it stands inside
            # one blank-free word: look among the distinct words, about half the text.
            found = literal in self.words
        known[literal] = found
        return found

    @cached_property
    def words(self) -> str:
        """The distinct blank-separated words of the folded text, one per line."""
        return "\n".join(set(self.text.split())) if self.text is not None else ""

    @cached_property
    def word_runs(self) -> frozenset[str]:
        """The distinct words (runs of \\w) of the folded text, read from its
        distinct blank-separated words (a run never crosses a blank)."""
        return frozenset(_WORD_RUN_RE.findall(self.words))

    def word_places(self, words: frozenset[str]) -> list[int]:
        """Sorted offsets where one of `words` (folded) stands as a whole word
        (a whole run of \\w)."""
        key = id(words)
        cached = self._word_places.get(key)
        if cached is not None and cached[0] is words:
            return cached[1]
        found = [at for at, _ in whole_word_places(self.text or "", words & self.word_runs, _WORD_CHAR_RE)]
        self._word_places[key] = (words, found)  # kept with it, so that its id names it
        return found

    def places(self, literal: str) -> list[int]:
        """Every offset where `literal` (folded, as `prefilter` gives it) starts."""
        found = self._places.get(literal)
        if found is None:
            found = []
            text = self.text or ""
            at = text.find(literal)
            while at != -1:
                found.append(at)
                at = text.find(literal, at + 1)
            self._places[literal] = found
        return found

    def starts(self, literals: tuple[str, ...]) -> list[int] | None:
        """Sorted offsets where one of `literals` starts; None when there are more
        than FEW_STARTS (or the text could not be folded)."""
        if self.text is None:
            return None
        if literals in self._starts:
            return self._starts[literals]
        positions: set[int] = set()
        result: list[int] | None = None
        for literal in literals:
            found = self._find(literal)
            if found is None:
                break
            positions.update(found)
        else:
            result = sorted(positions) if len(positions) <= FEW_STARTS else None
        self._starts[literals] = result
        return result

    def _find(self, literal: str) -> list[int] | None:
        """The offsets of `literal`, or None when there are more than FEW_STARTS."""
        if literal in self._where:
            return self._where[literal]
        text = self.text or ""
        found: list[int] = []
        at = text.find(literal)
        while at != -1 and len(found) <= FEW_STARTS:
            found.append(at)
            at = text.find(literal, at + 1)
        result = found if len(found) <= FEW_STARTS else None
        self._where[literal] = result
        self._has[literal] = bool(found)
        return result


# A prefix: the literal text read so far, and whether later items still extend it.
_Prefixes = set[tuple[str, bool]]


# -- reading a pattern ------------------------------------------------------------------
class _Unknown(Exception):
    """A construct the reader does not handle."""


@dataclass
class _Node:
    """One item of a pattern: its source (without its quantifier) and what it is."""

    kind: str  # zero (an assertion, a lookaround), char, class, group, other
    source: str
    chars: tuple[str, ...] = ()  # char: the character; class: its members when few and plain
    # class: (escapes among \d and \w, plain characters) when it holds nothing else (no
    # negation, range, set operation or other escape), else None
    members: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    body: list[list[_Node]] = field(default_factory=list)  # group, lookaround: the alternatives
    plain: bool = False  # group: "(?:...)", which may be split and unwrapped
    captures: bool = False  # a capturing group: this one or one inside it
    quantifier: str = ""
    low: int = 1
    high: float = 1

    @property
    def text(self) -> str:
        return self.source + self.quantifier


@dataclass
class _Reading:
    alternatives: list[list[_Node]]
    numbered: bool  # a backreference by number, a conditional, recursion: group numbers matter


def _read(source: str, flags: int) -> _Reading | None:
    if flags & _UNREADABLE_FLAGS or "\\G" in source or "\\K" in source:
        return None  # \G and \K tie a match to where the search started
    reader = _Reader(source)
    try:
        alternatives, end = reader.alternatives(0)
    except _Unknown:
        return None
    if end != len(source):
        return None
    return _Reading(alternatives, reader.numbered)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.numbered = False

    def alternatives(self, at: int) -> tuple[list[list[_Node]], int]:
        """Alternatives from `at` to the closing parenthesis (or the end), and its offset."""
        result = []
        while True:
            sequence, at = self.sequence(at)
            result.append(sequence)
            if at < len(self.source) and self.source[at] == "|":
                at += 1
                continue
            return result, at

    def sequence(self, at: int) -> tuple[list[_Node], int]:
        source = self.source
        nodes = []
        while at < len(source) and source[at] not in "|)":
            node, at = self.item(at)
            if at < len(source) and source[at] in "?*+{":
                node.low, node.high, end = _quantifier(source, at)
                node.quantifier = source[at:end]
                at = end
            nodes.append(node)
        return nodes, at

    def item(self, at: int) -> tuple[_Node, int]:
        source = self.source
        char = source[at]
        if char == "\\":
            if at + 1 >= len(source):
                raise _Unknown
            escaped = source[at + 1]
            if escaped in "bBAZ":
                return _Node("zero", source[at : at + 2]), at + 2
            if escaped.isalnum() or escaped == "_":  # \s, \w, \p{L}, \1, \x41, ...
                end = self._escape_end(at)
                if escaped.isdigit() or escaped == "g":
                    self.numbered = True
                return _Node("other", source[at:end]), end
            return _Node("char", source[at : at + 2], (escaped,)), at + 2
        if char in "^$":
            return _Node("zero", char), at + 1
        if char == ".":
            return _Node("other", char), at + 1
        if char == "[":
            return self._class(at)
        if char == "(":
            return self._group(at)
        if char in "\\.^$*+?{}[]|()":  # a quantifier with nothing before it, a brace, ...
            raise _Unknown
        return _Node("char", char, (char,)), at + 1

    def _escape_end(self, at: int) -> int:
        source = self.source
        escaped = source[at + 1]
        if escaped in "pPNx" and at + 2 < len(source) and source[at + 2] == "{":
            close = source.find("}", at)
            if close == -1:
                raise _Unknown
            return close + 1
        if escaped in "pP":  # \pL
            return at + 3
        if escaped == "g" and at + 2 < len(source) and source[at + 2] == "<":
            close = source.find(">", at)
            if close == -1:
                raise _Unknown
            return close + 1
        lengths = {"x": 4, "u": 6, "U": 10}
        if escaped in lengths:
            return at + lengths[escaped]
        if escaped.isdigit():
            end = at + 1
            while end < len(source) and source[end].isdigit():
                end += 1
            return end
        return at + 2

    def _class(self, at: int) -> tuple[_Node, int]:
        """A character class; its members when it lists a few plain characters ("['’]")."""
        source = self.source
        end = at + 1
        negated = end < len(source) and source[end] == "^"
        if negated:
            end += 1
        members: list[str] | None = []
        plain: list[str] = []  # every plain character, beside the \d and \w escapes
        escapes: list[str] | None = None if negated else []
        if end < len(source) and source[end] == "]":  # a "]" first is a member
            members.append("]")
            plain.append("]")
            end += 1
        while end < len(source) and source[end] != "]":
            char = source[end]
            if char == "\\":
                if end + 1 < len(source) and not source[end + 1].isalnum():
                    if members is not None:
                        members.append(source[end + 1])
                    plain.append(source[end + 1])
                    end += 2
                    continue
                members = None
                if escapes is not None and source[end + 1 : end + 2] in ("d", "w"):
                    escapes.append(source[end + 1])
                else:
                    escapes = None  # \s, \p{..}, \x41, ...
                end = self._escape_end(end)
                continue
            if char == "[":  # a nested set or a POSIX class: too much for this reader
                raise _Unknown
            if char in "-&~|":
                members = escapes = None  # a range or a set operation
            elif members is not None:
                members.append(char)
            plain.append(char)
            end += 1
        if end >= len(source):
            raise _Unknown
        listed = () if negated or not members or len(members) > 8 else tuple(members)
        parts = None if escapes is None else (tuple(escapes), tuple(plain))
        return _Node("class", source[at : end + 1], listed, members=parts), end + 1

    def _group(self, at: int) -> tuple[_Node, int]:
        source = self.source
        plain = captures = False
        zero = False
        if source.startswith("(?", at):
            head = source[at + 2 : at + 4]
            if head[:1] in ("=", "!"):
                zero, body = True, at + 3
            elif head in ("<=", "<!"):
                zero, body = True, at + 4
            elif head[:1] in (":", ">", "|"):
                plain, body = head[:1] == ":", at + 3
            elif source.startswith(("(?P<", "(?<"), at):
                close = source.find(">", at)
                if close == -1:
                    raise _Unknown
                captures, body = True, close + 1
            else:
                flags = _SCOPED_FLAGS_RE.match(source, at)
                if flags is None:  # global flags, comments, conditionals, recursion, free spacing
                    raise _Unknown
                body = flags.end()
        else:
            captures, body = True, at + 1
        alternatives, close = self.alternatives(body)
        if close >= len(source) or source[close] != ")":
            raise _Unknown
        captures = captures or any(node.captures for seq in alternatives for node in seq)
        node = _Node(
            "zero" if zero else "group",
            source[at : close + 1],
            body=alternatives,
            plain=plain,
            captures=captures,
        )
        return node, close + 1


def _quantifier(source: str, at: int) -> tuple[int, float, int]:
    """(least, most, end) of the quantifier at `at`, its lazy or possessive mark included."""
    char = source[at]
    if char == "{":
        bounds = _BOUNDS_RE.match(source, at)
        if bounds is None or bounds.group() == "{}":  # a literal brace, fuzzy matching
            raise _Unknown
        low = int(bounds.group(1) or 0)
        if bounds.group(2) is None:
            high = float(low)
        else:
            high = float(bounds.group(3)) if bounds.group(3) else float("inf")
        end = bounds.end()
    else:
        low, high = {"?": (0, 1.0), "*": (0, float("inf")), "+": (1, float("inf"))}[char]
        end = at + 1
    if end < len(source) and source[end] in "?+":
        end += 1
    return low, high, end


# -- literal prefixes --------------------------------------------------------------------


@dataclass(frozen=True)
class Prefilter:
    """What the text must hold for a pattern to match: case-folded literals."""

    starts: tuple[str, ...] | None  # every match starts with one of these
    requires: tuple[tuple[str, ...], ...] = ()  # each: one of these occurs in every match


def prefilter(source: str, flags: int = 0) -> Prefilter:
    reading = _read(source, flags)
    if reading is None:
        return Prefilter(None)
    starts = _literals(_alternatives_prefixes(reading.alternatives))
    requires: list[tuple[str, ...]] = []
    if len(reading.alternatives) == 1:
        sequence = reading.alternatives[0]
        for index in range(1, len(sequence)):
            before = sequence[index - 1]
            if before.kind == "char" and not before.quantifier:
                continue  # inside a word already read: "tory" after "story"
            # What the rest of the pattern from here starts with is in every match too.
            found = _literals(_sequence_prefixes(sequence[index:]))
            if (
                found
                and len(found) <= MAX_REQUIRED_WORDS
                and min(map(len, found)) >= MIN_REQUIRED
                and found != starts
                and found not in requires
            ):
                requires.append(found)
    requires.sort(key=lambda literals: -min(map(len, literals)))
    return Prefilter(starts, tuple(requires[:MAX_REQUIRED]))


def contained_literals(source: str, flags: int = 0) -> tuple[str, ...] | None:
    """Case-folded strings one of which every match of `source` holds (anywhere
    in it), or None when the reader cannot name such a set that is worth
    looking up (short or too many strings).  A `line` rule tries its regex only
    on the lines that hold one."""
    reading = _read(source, flags)
    if reading is None:
        return None
    return _held_by_alternatives(reading.alternatives)


def _held_by_alternatives(alternatives: list[list[_Node]]) -> tuple[str, ...] | None:
    held: set[str] = set()
    for sequence in alternatives:
        found = _held_by_sequence(sequence)
        if found is None:
            return None
        held.update(found)
    result = _minimal(held)
    return result if len(result) <= MAX_LITERALS else None


def _held_by_sequence(sequence: list[_Node]) -> tuple[str, ...] | None:
    """The best set of literals one of which every match of `sequence` holds:
    what the sequence starts with from some item on, or one of the literals of
    each alternative of a group every match goes through."""
    best: tuple[str, ...] | None = None
    for index, node in enumerate(sequence):
        found = _literals(_sequence_prefixes(sequence[index:]))
        if node.kind == "group" and node.low >= 1:
            inner = _held_by_alternatives(node.body)
            if inner is not None and (found is None or _better(inner, found)):
                found = inner
        if found and all(map(_worth_looking_up, found)) and (best is None or _better(found, best)):
            best = found
    return best


def _worth_looking_up(literal: str) -> bool:
    """Long enough to be rare, or a symbol ("©", "|"): short words are in every text."""
    return len(literal) >= MIN_REQUIRED or not any(char.isalnum() for char in literal)


def _better(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Fewer places to look: longer shortest literal (a symbol counts as long),
    then fewer literals."""
    return (_rarity(one), -len(one)) > (_rarity(other), -len(other))


def _rarity(literals: tuple[str, ...]) -> int:
    return min(len(literal) if any(c.isalnum() for c in literal) else MIN_REQUIRED for literal in literals)


def _minimal(literals: set[str]) -> tuple[str, ...]:
    """The literals without those that hold another one (its places are found already)."""
    minimal: list[str] = []
    for literal in sorted(literals, key=len):
        if not any(shorter in literal for shorter in minimal):
            minimal.append(literal)
    return tuple(sorted(minimal))


def opens_with_whole_word(source: str, flags: int = 0) -> bool:
    """Whether every match of `source` opens with "\\b", a group, then a blank
    that must be there ("[ \\t]", "\\s", once or more, or a lookahead each of
    whose alternatives starts so): the group's first word is then a whole word
    of the text.  One alternative at the top only."""
    reading = _read(source, flags)
    if reading is None or len(reading.alternatives) != 1:
        return False
    sequence = reading.alternatives[0]
    if len(sequence) < 3:
        return False
    edge, group, after = sequence[:3]
    if edge.kind != "zero" or edge.source != "\\b" or edge.quantifier:
        return False
    if group.kind != "group" or group.quantifier or group.captures:
        return False
    if not group.plain and _SCOPED_FLAGS_RE.match(group.source) is None:
        return False
    return _opens_with_blank(after)


def _opens_with_blank(node: _Node) -> bool:
    if node.kind in ("class", "other"):
        return node.source in ("[ \\t]", "\\s") and node.low >= 1
    if node.kind == "zero" and node.source.startswith("(?=") and not node.quantifier:
        return all(alternative and _opens_with_blank(alternative[0]) for alternative in node.body)
    return False


def start_literals(source: str, flags: int = 0) -> tuple[str, ...] | None:
    """Case-folded strings one of which every match of `source` starts with, or
    None when a match could start with anything (or the reader cannot tell)."""
    return prefilter(source, flags).starts


def _literals(prefixes: _Prefixes) -> tuple[str, ...] | None:
    folded: set[str] = set()
    for text, _open in prefixes:
        literal = _fold_literal(text)
        if not literal:
            return None
        folded.add(literal)
    # A literal that another one starts with finds all of its places already.
    minimal: list[str] = []
    for literal in sorted(folded, key=len):
        if not any(literal.startswith(shorter) for shorter in minimal):
            minimal.append(literal)
    return tuple(sorted(minimal))


def _fold_literal(text: str) -> str:
    """The folded literal, cut before a character that cannot be folded alone
    and before a blank (so that it stands inside one word: see FoldedText.has)."""
    out = []
    for char in text:
        lowered = char.lower()
        if len(lowered) != 1 or char.isspace():
            break
        out.append(lowered.translate(_FOLD))
    return "".join(out)


def _alternatives_prefixes(alternatives: list[list[_Node]]) -> _Prefixes:
    result: _Prefixes = set()
    for sequence in alternatives:
        result |= _sequence_prefixes(sequence)
    return result


def _sequence_prefixes(sequence: list[_Node]) -> _Prefixes:
    prefixes: _Prefixes = {("", True)}
    for node in sequence:
        if not any(is_open for _, is_open in prefixes):
            break
        if node.kind == "zero":
            if (node.low, node.high) != (1, 1):
                prefixes = _close(prefixes)
            continue
        if node.kind == "char" or (node.kind == "class" and node.chars):
            item: _Prefixes = {(char, True) for char in node.chars}
        elif node.kind == "group":
            item = _alternatives_prefixes(node.body)
        else:
            prefixes = _close(prefixes)
            continue
        taken = _extend(prefixes, item, keep_open=node.high == 1)
        if node.low == 0:  # "x?", "(?:...)?", "x*": with and without it
            taken |= prefixes
        prefixes = taken if len(taken) <= MAX_LITERALS else _close(prefixes)
    return prefixes


def _extend(prefixes: _Prefixes, item: _Prefixes, keep_open: bool) -> _Prefixes:
    """Each open prefix followed by each of the item's; closed after an item that may repeat."""
    combined: _Prefixes = set()
    for text, is_open in prefixes:
        if not is_open:
            combined.add((text, False))
            continue
        for more, more_open in item:
            combined.add((text + more, more_open and keep_open))
    return combined


def _close(prefixes: _Prefixes) -> _Prefixes:
    return {(text, False) for text, _ in prefixes}


# -- splitting at a leading alternation ------------------------------------------------
def branches(source: str, flags: int = 0) -> list[str]:
    """Patterns that, run one by one and merged (leftmost match first, at one
    position the earlier pattern), match exactly as `source` does; each starts
    with one alternative of its leading alternation.  [source] when it has none
    or cannot be split safely."""
    reading = _read(source, flags)
    if reading is None or reading.numbered:
        return [source]
    result: list[str] = []
    # _implied reads \\w and \\d as Unicode classes: not so under ASCII or LOCALE
    drop_lookaheads = not flags & (regex.ASCII | regex.LOCALE)
    for sequence in reading.alternatives:
        result.extend(_split(sequence, drop_lookaheads))
        if len(result) > MAX_BRANCHES:
            return [source]
    return result


def _split(sequence: list[_Node], drop_lookaheads: bool = True) -> list[str]:
    # Zero-width assertions first: they have no choices to undo (a capture
    # inside a lookaround would have), so each branch can repeat them.
    lead = 0
    while (
        lead < len(sequence)
        and sequence[lead].kind == "zero"
        and sequence[lead].quantifier == ""
        and not sequence[lead].captures
    ):
        lead += 1
    if lead < len(sequence):
        node = sequence[lead]
        before, after = sequence[:lead], sequence[lead + 1 :]
        if node.kind == "group" and node.plain and not node.quantifier:
            # (?:a|b)c: the alternatives in order, each followed by the rest.
            found: list[str] = []
            for alternative in node.body:
                found.extend(_split(before + alternative + after, drop_lookaheads))
                if len(found) > MAX_BRANCHES:
                    return ["".join(node.text for node in sequence)]
            return found
        if node.kind == "group" and node.plain and node.quantifier == "?":
            # (?:a|b)?c, greedy: with the group first, then without it.
            with_group = [_Node("group", node.source, body=node.body, plain=True, captures=node.captures)]
            with_it = _split(before + with_group + after, drop_lookaheads)
            return with_it + _split(before + after, drop_lookaheads)
    if drop_lookaheads:
        sequence = _without_implied_lookaheads(sequence)
    return ["".join(node.text for node in sequence)]


def _without_implied_lookaheads(sequence: list[_Node]) -> list[_Node]:
    """The branch without a leading one-character lookahead that its first
    character always satisfies: "(?=[\\d\\w])\\b\\d+" is "\\b\\d+".  Written to spare
    the alternation a scan, the lookahead only slows the branch down: the
    `regex` module skips fast to where a pattern's first character stands, but
    not when the pattern opens with a lookaround (17x on a real claims rule)."""
    lead = 0
    while lead < len(sequence) and sequence[lead].kind == "zero":
        lead += 1
    if lead == len(sequence) or sequence[lead].low < 1:
        return sequence  # nothing, or maybe nothing, is consumed where the lookahead looks
    first = sequence[lead]
    return [node for node in sequence[:lead] if not _implied(node, first)] + sequence[lead:]


def _implied(node: _Node, first: _Node) -> bool:
    """Whether `node` is "(?=C)", C one character (class), and every character
    `first` can match is in C (both under the same flags)."""
    if not node.source.startswith("(?=") or node.quantifier or len(node.body) != 1 or len(node.body[0]) != 1:
        return False
    inner = node.body[0][0]
    allowed = None if inner.quantifier else _class_members(inner)
    if allowed is None:
        return False
    escapes, chars = allowed
    if first.kind == "other":
        return (first.source == "\\w" and "w" in escapes) or (first.source == "\\d" and bool(escapes))
    if first.kind in ("char", "class") and first.chars:
        # \w holds every letter (with its other cases) and decimal digit, \d the digits
        return all(
            char in chars
            or ("w" in escapes and (char.isalpha() or char.isdecimal() or char == "_"))
            or ("d" in escapes and char.isdecimal())
            for char in first.chars
        )
    return False


def _class_members(node: _Node) -> tuple[set[str], set[str]] | None:
    """(escapes among d and w, plain characters) of a one-character item made of
    nothing else; None for anything else (a range, a property, a negation)."""
    if node.kind == "char":
        return set(), set(node.chars)
    if node.kind == "other":
        return ({node.source[1]}, set()) if node.source in ("\\d", "\\w") else None
    if node.kind != "class" or node.members is None:
        return None
    escapes, chars = node.members
    return set(escapes), set(chars)
