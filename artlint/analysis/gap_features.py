"""Features of a candidate gap: the spot right after a preposition or an article,
where a scraper that dropped the text of a link leaves "in on Thursday", "nach
auf", "de qui".  Each candidate is described by the word classes of the tokens
around it (rules/languages/*.yaml), their shape and their place in the sentence;
a learned model (kind `gap-scorer`, trained by bench/train_holes.py) judges it.

Only the classes of the words are features, never the words themselves: the
model learns which kinds of word may follow a preposition in each language,
not a list of phrases.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import field
from functools import cached_property, lru_cache

from artlint.lazyre import compiled
from artlint.records import dataclass

# A token: a word (inner apostrophes and hyphens) or one punctuation mark.
_TOKEN_RE = compiled(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*|[^\s\p{L}\p{N}]")
_SENTENCE_END = frozenset(".!?…")
_OPENING = frozenset('([{"“«‘„')

LANGUAGES = ("en", "fr", "de")

# The token classes, in the order of their features (one flag each).
_CLASSES = (
    "comma",
    "stop",  # . ! ? …
    "punct",  # any other mark: ; : — ) ...
    "opening",  # ( " « : what follows may be the name itself
    "preposition",
    "conjunction",
    "auxiliary",
    "verb",  # finite verbs and reporting verbs of the language
    "pronoun",
    "relative",
    "determiner",
    "capitalised",
    "digit",
    "lower",  # any other lowercase word
)
_SUFFIXES = ("ed", "ing", "ly", "s", "en", "ent", "er")
# Right words whose pair with the left word is counted (closed classes): an open-class
# word is described by its class and ending only.
PAIRED = frozenset({"preposition", "conjunction", "auxiliary", "verb", "pronoun", "relative"})

FEATURES: tuple[str, ...] = (
    *(f"lang_{code}" for code in LANGUAGES),
    "left_object_preposition",
    "left_article",
    "left_capitalised",
    "left_length",
    *(f"right_{name}" for name in _CLASSES),
    *(f"right_suffix_{suffix}" for suffix in _SUFFIXES),
    "right_length",
    "right_same_as_left",
    "pair_log_share",  # log10 of how often edited prose puts this right word after this left one
    "pair_seen",
    *(f"next_{name}" for name in _CLASSES),
    "next_none",
    *(f"previous_{name}" for name in _CLASSES),
    "previous_none",
    "previous_suffix_ed",
    "previous_stranding_head",
    "in_fixed_expression",
    "tokens_into_sentence",
    "tokens_to_line_end",
)


@dataclass(frozen=True)
class WordClasses:
    """The word lists of one language the features read (from its word_classes)."""

    language: str
    prepositions: frozenset[str]
    object_prepositions: frozenset[str]
    articles: frozenset[str]
    determiners: frozenset[str]
    conjunctions: frozenset[str]
    auxiliaries: frozenset[str]
    verbs: frozenset[str]
    pronouns: frozenset[str]
    relatives: frozenset[str]
    stranding_heads: frozenset[str]
    fixed: frozenset[tuple[str, ...]]
    # How often, in edited prose, a function word follows a preposition or an article:
    # {left: {"": times the left word was seen, right: times followed by it}}.
    pairs: Mapping[str, Mapping[str, int]]
    # token -> its class, filled as tokens are met (a pure function of the token).
    _classes: dict[str, str] = field(default_factory=dict, compare=False, repr=False, hash=False)

    @cached_property
    def left_words(self) -> frozenset[str]:
        """The words a candidate spot stands after: prepositions and articles (case-folded)."""
        return self.prepositions | self.articles

    @cached_property
    def _fixed_words(self) -> frozenset[str]:
        """Every word of a fixed expression: one spanning a spot holds its left word."""
        return frozenset(word for expression in self.fixed for word in expression)

    @classmethod
    def from_variables(
        cls,
        language: str,
        variables: Mapping[str, Sequence[str]],
        pairs: Mapping[str, Mapping[str, int]] | None = None,
    ) -> WordClasses:
        def words(*names: str) -> frozenset[str]:
            return frozenset(w.casefold() for name in names for w in variables.get(name, ()))

        return cls(
            language=language,
            prepositions=words("prepositions", "object_prepositions", "contracted_articles"),
            object_prepositions=words("object_prepositions"),
            articles=words("articles", "contracted_articles"),
            determiners=words("determiners"),
            conjunctions=words("conjunctions"),
            auxiliaries=words("auxiliaries"),
            verbs=words("finite_verbs", "reporting_verbs", "irregular_pasts", "clause_verbs"),
            pronouns=words("subject_pronouns", "standalone_words"),
            relatives=words("relatives", "wh_words"),
            stranding_heads=words("stranding_heads"),
            fixed=frozenset(tuple(e.casefold().split()) for e in variables.get("fixed_expressions", ())),
            pairs=pairs or {},
        )

    def left_ok(self, word: str) -> bool:
        """A candidate stands after a preposition or an article."""
        return word.casefold() in self.left_words

    def token_class(self, token: str) -> str:
        known = self._classes.get(token)
        if known is None:
            if len(self._classes) >= _MEMO_SIZE:
                self._classes.clear()
            known = self._classes[token] = self._token_class(token)
        return known

    def _token_class(self, token: str) -> str:
        first = token[0]
        if not (first.isalnum()):
            if token == ",":
                return "comma"
            if token in _SENTENCE_END:
                return "stop"
            return "opening" if token in _OPENING else "punct"
        if first.isdigit():
            return "digit"
        folded = token.casefold()
        if first.isupper() and self.language == "de" and folded not in self.pronouns:
            # German nouns are capitalised: a capital says little but "not a function word".
            return "capitalised"
        for name, words in (
            ("determiner", self.determiners),
            ("preposition", self.prepositions),
            ("conjunction", self.conjunctions),
            ("auxiliary", self.auxiliaries),
            ("verb", self.verbs),
            ("relative", self.relatives),
            ("pronoun", self.pronouns),
        ):
            if folded in words:
                return name
        return "capitalised" if first.isupper() else "lower"


_WORDS = frozenset(
    {"preposition", "conjunction", "auxiliary", "verb", "pronoun", "relative", "capitalised", "lower"}
)


_MEMO_SIZE = 100_000  # distinct tokens whose class is remembered
# The one-hot row of each class ("" for none).
_FLAG_ROWS = {name: tuple(1.0 if name == c else 0.0 for c in _CLASSES) for name in ("", *_CLASSES)}


def _flags(name: str) -> tuple[float, ...]:
    return _FLAG_ROWS[name]


def candidates(text: str, classes: WordClasses) -> Iterator[tuple[int, tuple[float, ...]]]:
    """(spot, feature row) of each candidate gap: the start of the token after a
    preposition or an article on the same line, unless it is an article or a
    number (what normally follows) or a capitalised word outside German (a name)."""
    language = [1.0 if classes.language == code else 0.0 for code in LANGUAGES]
    left_words = classes.left_words
    german = classes.language == "de"
    for line_start, line in _lines(text):
        words = _TOKEN_RE.findall(line)
        tokens: list[tuple[int, str]] | None = None  # with their offsets, once a line has a candidate
        sentence_start = 0
        for i in range(len(words) - 1):
            token = words[i]
            if i and words[i - 1] in _SENTENCE_END:
                sentence_start = i
            if not token[0].isalpha() or token.casefold() not in left_words:
                continue
            right_class = classes.token_class(words[i + 1])
            # A collapsed deletion leaves a word, or a blank before punctuation, which is
            # entities.space-before-punctuation's; an article or a number normally follows.
            if right_class not in _WORDS or (right_class == "capitalised" and not german):
                continue
            if tokens is None:
                tokens = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(line)]
            yield (
                line_start + tokens[i + 1][0],
                _row(tokens, i, sentence_start, classes, language, right_class),
            )


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _row(
    tokens: Sequence[tuple[int, str]],
    i: int,
    sentence_start: int,
    classes: WordClasses,
    language: list[float],
    right_class: str,
) -> tuple[float, ...]:
    left = tokens[i][1]
    right = tokens[i + 1][1]
    folded_right = right.casefold()
    following = tokens[i + 2][1] if i + 2 < len(tokens) else None
    previous = tokens[i - 1][1] if i > 0 else None
    # A fixed expression spanning the spot ("keep track of and", "par contre").
    fixed = False
    if left.casefold() in classes._fixed_words:
        low = max(0, i - 2)
        folded = [t.casefold() for _, t in tokens[low : i + 3]]
        at = i - low
        fixed = any(
            tuple(folded[a:b]) in classes.fixed for a in range(at + 1) for b in range(at + 2, len(folded) + 1)
        )
    row: list[float] = [
        *language,
        1.0 if left.casefold() in classes.object_prepositions else 0.0,
        1.0 if left.casefold() in classes.articles else 0.0,
        1.0 if left[0].isupper() else 0.0,
        float(len(left)),
        *_flags(right_class),
        *_suffix_flags(right),
        float(len(right)),
        1.0 if folded_right == left.casefold() else 0.0,
        *_pair(classes, left.casefold(), folded_right, right_class),
        *(_flags(classes.token_class(following)) if following else _flags("")),
        1.0 if following is None else 0.0,
        *(_flags(classes.token_class(previous)) if previous else _flags("")),
        1.0 if previous is None else 0.0,
        1.0 if previous and previous[0].islower() and previous.casefold().endswith("ed") else 0.0,
        1.0 if previous and previous.casefold() in classes.stranding_heads else 0.0,
        1.0 if fixed else 0.0,
        float(i - sentence_start),
        float(len(tokens) - i),
    ]
    return tuple(row)


@lru_cache(maxsize=_MEMO_SIZE)
def _suffix_flags(word: str) -> tuple[float, ...]:
    folded = word.casefold()
    return tuple(1.0 if word[0].islower() and folded.endswith(s) else 0.0 for s in _SUFFIXES)


def _pair(classes: WordClasses, left: str, right: str, right_class: str) -> tuple[float, float]:
    counts = classes.pairs.get(left)
    if right_class not in PAIRED or not counts:
        return 0.0, 0.0
    return math.log10((counts.get(right, 0) + 0.5) / (counts.get("", 0) + 1)), 1.0


def count_pairs(texts: Sequence[str], classes: WordClasses) -> dict[str, dict[str, int]]:
    """The pair table of WordClasses.pairs, counted on edited prose (bench/train_holes.py)."""
    pairs: dict[str, dict[str, int]] = {}
    for text in texts:
        for line in text.split("\n"):
            tokens = [m.group() for m in _TOKEN_RE.finditer(line)]
            for left, right in itertools.pairwise(tokens):
                if not left[0].isalpha() or not classes.left_ok(left):
                    continue
                counts = pairs.setdefault(left.casefold(), {"": 0})
                counts[""] += 1
                if classes.token_class(right) in PAIRED:
                    counts[right.casefold()] = counts.get(right.casefold(), 0) + 1
    return pairs
