"""Who says so?  Attribution analysis of a document, sentence by sentence.

A sentence is *attributed* when it says who said, wrote or found what it
reports:
- a reporting verb with an identified speaker before or after it ("Smith
  said", "said the company", "he told", "a déclaré le ministre",
  "explique-t-il"), a pronoun standing for a source named before;
- a source marker with an identified source after it ("according to
  Reuters", "selon lui"), or a setting ("in a statement");
- a direct quotation whose speaker is given in its sentence or the one right
  before or after it (every sentence the quotation covers is attributed);
- a citation or a link ("(12)", "[3]", a URL).
A speaker is *vague* when it is a stand-in for a source ("experts say",
"according to reports", "selon certains"): such a sentence is not attributed.

The word lists are data: the `vars` of rules/sourcing.yaml (see the comment
there); a language is supported once it has `speech_verbs` there.  The
lexicon of a language is compiled once per process (read-only package data,
like the bundled schemas); the analysis of a document is computed once and
kept with the document (`Document.metadata`), so the rules that ask whether a
sentence is attributed and the `metrics.sourcing` provider share it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import regex

from artlint.document import Document
from artlint.lazyre import compiled
from artlint.matching import (
    WORD_EDGE_AFTER,
    WORD_EDGE_BEFORE,
    PatternSet,
    alternation,
    compile_set,
    phrase_to_regex,
    scan,
)
from artlint.prefilter import whole_word_places
from artlint.records import dataclass
from artlint.resources import rules_dir

LEXICON_PACK = "sourcing.yaml"
METADATA_KEY = "attribution"
MIN_QUOTE_WORDS = 4  # shorter quoted spans are titles, terms or scare quotes
BEFORE_WORDS = 10  # how far back from a reporting verb its speaker may stand
AFTER_WORDS = 6  # how far after it ("said the company's chief executive")
PRONOUN_GAP = 3  # words allowed between a pronoun and its verb ("he also said")
GENERIC_START = 3  # a noun no list knows is a speaker only this close to its clause's start
VAGUE_HEAD_WORDS = (
    6  # words allowed between a vague speaker and its verb ("critics of the plan have long said")
)
RESOLVE_SENTENCES = 5  # how far back a pronoun looks for the source it stands for
PRONOUN_SENTENCES = 2  # how far back "they" looks for the vague group it stands for
CLAIM_WINDOW = 1  # sentences on each side of a claim that may hold its source
FRAME_WORDS = 5  # the most words between the comma and the verb of a closing frame ("..., one of them said")
UNCLOSED_QUOTE_SENTENCES = 3  # the most sentences a quotation with no closing mark covers
OPENER_CHARS = 40  # a speaker this close to a sentence start can own the quotation before it

IDENTIFIED = ("named", "role", "pronoun")  # other statuses: vague, passive, negated, none
_SPEAKER_KINDS = ("speech", "evidence", "marker")
_NEVER = compiled(r"(?!x)x")  # cues that have a speaker to classify
_TOKEN_RE = compiled(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’\-.&]*")
_CONNECTORS = frozenset(
    ["of", "de", "du", "des", "van", "von", "der", "den", "al", "bin", "di", "da", "la", "le", "&", "y"]
)
_QUOTE_END_RE = compiled(r"[\"”»]")
_CLAUSE_END_RE = compiled(r"[;:!?()\[\]“”«»\"]|—|–")
# Opening and closing marks; scraped text mixes straight and curly quotes ("...” ).
_QUOTE_PAIRS: Mapping[str, str] = {'“"': '”"', "«": "»"}
# The words a capitalised word is compared with: one written in lower case
# (not preceded by a letter, an apostrophe or a hyphen), and one capitalised
# after a word, a digit or a comma (not at a sentence start).  Both run as far
# as letters, marks, apostrophes and hyphens go.
_WORD_CHAR_RE = compiled(r"[\p{L}\p{M}'’\-]")
_LOWER_WORD_RE = compiled(r"\p{Ll}[\p{L}\p{M}'’\-]*")
# A capitalised word after a word, a digit or a comma: not at a sentence start.
_MIDCAP_WORD_RE = compiled(r"\p{Lu}[\p{L}\p{M}'’\-]*")
_MIDCAP_BEFORE_RE = compiled(r"(?<=[\p{L}\p{N},;%)][ \t\u00a0]{1,3})")


# -- the lexicon (data) -------------------------------------------------------------
_CUE_LISTS = (  # in order of precedence where two start at the same word
    ("marker", "source_markers"),
    ("setting", "statement_settings"),
    ("speech", "speech_verbs"),
    ("evidence", "evidence_verbs"),
)
# The weasel constructions that need no reporting verb (see rules/sourcing.yaml).
_CONSTRUCT_LISTS = (
    ("passive", "opinion_passive_patterns"),
    ("hearsay", "hearsay_patterns"),
    ("allegation", "allegation_patterns"),
    ("rumour", "rumour_patterns"),
    ("speculation", "speculation_patterns"),
)
# Constructions that stand in for a source only when no source is near: an
# accuser or forecaster named in this sentence or the one before is the source.
NEEDS_NO_SOURCE_NEAR = frozenset({"allegation"})
_SCAN_CHAR = r"[\p{L}\p{M}\p{N}]"
_SCAN_RE = compiled(_SCAN_CHAR + "+")
_SCAN_CHAR_RE = compiled(_SCAN_CHAR)
_FIND_MIN = 4  # shorter words are looked for with one regex, not str.find
RESPONDENT_REACH = 24  # characters before a speaker where a share of it may stand ("One in 10 young people")


@dataclass(frozen=True)
class Hit:
    """Where a reporting phrase occurs."""

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class PhraseIndex:
    """Phrase lists indexed by their first word: one pass over the words of a
    text finds every phrase (much faster than one large alternation), with the
    same matching rules (whole words, case-insensitive, blanks and apostrophes
    as in artlint.matching.phrase_to_regex)."""

    # first word -> the phrases it starts as one alternation "(p1)|(p2)|...", in
    # order of precedence, and the kind of each (match.lastindex tells which)
    first: Mapping[str, tuple[regex.Pattern[str], tuple[str, ...]]]
    words: frozenset[str]  # one-word phrases
    patterns: PatternSet | None  # extra markers given as regular expressions
    # the first words too short to look up with str.find (found everywhere
    # inside other words), as one regex of whole words, run on the folded text
    short_firsts: regex.Pattern[str] | None = None

    @classmethod
    def build(cls, lists: Sequence[tuple[str, Sequence[str]]], patterns: PatternSet | None) -> PhraseIndex:
        entries: dict[str, list[tuple[int, int, str, str]]] = {}
        words: set[str] = set()
        for rank, (kind, phrases) in enumerate(lists):
            for phrase in phrases:
                tokens = _SCAN_RE.findall(phrase.lower())
                if not tokens:
                    continue
                if len(tokens) == 1 and tokens[0] == phrase.lower():
                    words.add(tokens[0])
                source = phrase_to_regex(phrase) + WORD_EDGE_AFTER
                entries.setdefault(tokens[0], []).append((rank, -len(phrase), source, kind))
        first = {}
        for token, items in entries.items():
            ordered = sorted(items, key=lambda e: (e[0], e[1]))
            # Tried at one position, the alternation takes the first phrase that
            # matches there, as trying them one by one would: one call for all.
            combined = regex.compile("|".join(f"({source})" for _, _, source, _ in ordered), regex.IGNORECASE)
            first[token] = (combined, tuple(kind for _, _, _, kind in ordered))
        short = sorted((word for word in first if len(word) < _FIND_MIN), key=lambda w: (-len(w), w))
        alternation = "|".join(map(regex.escape, short))
        short_firsts = (
            regex.compile(rf"(?<!{_SCAN_CHAR})(?:{alternation})(?!{_SCAN_CHAR})") if short else None
        )
        return cls(first, frozenset(words), patterns, short_firsts)

    def find(self, document: Document) -> list[Hit]:
        text = document.text
        hits: list[Hit] = []
        position = 0
        first = self.first
        for start, word in self._first_words(document):
            if start < position:
                continue
            pattern, kinds = first[word]
            match = pattern.match(text, start)
            if match is not None:
                hits.append(Hit(match.start(), match.end(), kinds[match.lastindex - 1], match.group()))
                position = match.end()
        if self.patterns is not None:
            taken = _SpanSet([(h.start, h.end) for h in hits])
            for match in scan(self.patterns, document):
                if not taken.contains(match.start()):
                    hits.append(Hit(match.start(), match.end(), "marker", match.group()))
            hits.sort(key=lambda h: h.start)
        return hits

    def _first_words(self, document: Document) -> list[tuple[int, str]]:
        """(offset, lower-cased word) of the words of the text that start a
        phrase, in order.  Looked up in the folded text: the few distinct words
        that start one, then their places (str.find), rather than every word."""
        folded = document.folded.text if document.folded.lower_only else None
        if folded is None:  # folded beyond str.lower (the phrases are lower-cased): word by word
            tokens = ((m.start(), m.group().lower()) for m in _SCAN_RE.finditer(document.text))
            return [(start, word) for start, word in tokens if word in self.first]
        present = self.first.keys() & set(_SCAN_RE.findall(document.folded.words))
        # a whole word: no letter, mark or digit on either side
        found = whole_word_places(folded, (w for w in present if len(w) >= _FIND_MIN), _SCAN_CHAR_RE)
        if self.short_firsts is not None:
            found.extend((m.start(), m.group()) for m in self.short_firsts.finditer(folded))
            found.sort()
        return found

    def is_word(self, word: str) -> bool:
        return word.lower() in self.words


@dataclass(frozen=True)
class Lexicon:
    language: str
    cue: PhraseIndex  # kinds: marker, setting, speech, evidence
    inversion_openers: frozenset[str]
    noun_markers: frozenset[str]
    passive: frozenset[str]
    pronouns: frozenset[str]
    roles: frozenset[str]
    documents: frozenset[str]
    vague_heads: frozenset[str]
    vague_quantifiers: regex.Pattern[str]  # matches at the end of the words before a head
    specific: frozenset[str]
    not_names: frozenset[str]
    citations: PatternSet | None
    claims: PatternSet | None
    quotes: regex.Pattern[str]
    inversion: regex.Pattern[str]  # French "-t-il" after a verb
    negations: frozenset[str]
    quantifier_anywhere: regex.Pattern[str]
    vague_patterns: PatternSet | None
    group_roles: frozenset[str] = frozenset()
    anonymous_heads: frozenset[str] = frozenset()
    indefinite: frozenset[str] = frozenset()
    referring: frozenset[str] = frozenset()  # "the officials", "its aides": named before
    specific_groups: frozenset[str] = frozenset()  # words before a group that identify it ("company")
    anonymous_nouns: frozenset[str] = frozenset()  # "sources": anonymous whatever comes with them
    collective_roles: frozenset[str] = frozenset()  # plural roles that name a body ("police")
    not_plural: frozenset[str] = frozenset()  # words the plural pattern mistakes ("news", "this")
    plural: regex.Pattern[str] = _NEVER
    # plural nouns of people ("traders", "exporters"): a noun no list knows speaks only
    # if it names people ("messages warn", "results show" report no one's view)
    people: regex.Pattern[str] | None = None
    # French: a past participle reports speech only after its auxiliary ("a déclaré");
    # "un système observé", "les chiffres annoncés" are adjectives
    participles: regex.Pattern[str] | None = None
    participle_auxiliaries: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()  # "in", "dans": a name after one is a place, no owner
    # affiliations | places: a word after which a name belongs to a phrase of its own ("of", "in")
    phrase_openers: frozenset[str] = frozenset()
    # the ending of a progressive or a gerund ("are warning", "for suggesting"); none in
    # languages without that form
    progressive_suffix: str = ""
    subject_links: frozenset[str] = frozenset()  # words between a subject and its verb ("have", "also")
    group_pronouns: frozenset[str] = frozenset()  # "they": vague when its group is
    anonymity: PatternSet | None = None
    contrasts: frozenset[str] = frozenset()
    joins: frozenset[str] = frozenset()  # "and": a clause of its own after the reported speech
    coordinators: frozenset[str] = frozenset()  # "and", "but": a new subject may follow
    participle_followers: frozenset[str] = frozenset()  # "denied to": a participle, not a speaker's verb
    agent_markers: frozenset[str] = frozenset()  # "surveyed by": a passive participle
    evidence_heads: frozenset[str] = frozenset()  # vague heads that can report a finding ("studies")
    own_study: frozenset[str] = frozenset()  # "new research": the study the article reports
    asides: frozenset[str] = frozenset()  # "however" in "Analysts, however, say"
    complementizers: frozenset[str] = frozenset()  # "that": opens what is said, names no speaker
    relatives: frozenset[str] = frozenset()  # "that", "who": a relative clause's subject
    comparisons: frozenset[str] = frozenset()  # "than": "than most expected" quotes no one
    capitalised_nouns: bool = False  # German: a capital letter does not make a name
    articles: frozenset[str] = frozenset()  # "the": "the exporters" is no better named than "exporters"
    affiliations: frozenset[str] = frozenset()  # "of", "for": a role's organisation follows
    finite_verbs: frozenset[str] = frozenset()  # "ist", "hat": a group noun's phrase ends before one
    weak_markers: frozenset[str] = frozenset()  # "pour": a marker that makes no weasel
    view_nouns: frozenset[str] = frozenset()  # ", so die Hoffnung.": a view after a marker, no speaker
    singular: frozenset[str] = frozenset()  # "a", "le": the noun phrase is singular
    demonyms: frozenset[str] = frozenset()  # "Norwegian": a country's officials, but no name
    evidence_words: frozenset[str] = frozenset()  # the evidence verbs, one word each
    noun_like_verbs: frozenset[str] = frozenset()  # "fears", "show": verbs only right after a subject
    quantifier_words: frozenset[str] = frozenset()  # "some", "many": a noun marker, or a subject
    # the plain plural article ("des"): "des dirigeants de Renault" are "Renault executives",
    # members of a named organisation, not "some" of them
    plain_articles: frozenset[str] = frozenset()
    person_relatives: frozenset[str] = frozenset()  # "who": its plural antecedent is a group of people
    author_pronouns: frozenset[str] = frozenset()  # "I", "you": the author or the reader, no source
    # construct -> patterns of the weasel constructions without a reporting verb
    constructs: tuple[tuple[str, PatternSet], ...] = ()
    # a speculation that opens with a planned event ("is expected to hold talks") in a
    # sentence that dates it ("on Tuesday") is a schedule, which the guide calls none
    schedule_events: regex.Pattern[str] | None = None
    schedule_times: regex.Pattern[str] | None = None
    # phrases whose reporting verb reports nothing: a decision ("creditors agreed to suspend
    # payments"), a way of speaking ("comme on dit")
    not_reporting: PatternSet | None = None
    # a share of a group before its verb ("Some 82% said", "50% of mobile owners reported"):
    # a poll's respondents, a statistic, not a vague source
    respondents: regex.Pattern[str] | None = None


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(item.lower().replace("’", "'") for item in items)


def _patterns(items: Sequence[str], flags: int) -> PatternSet | None:
    return compile_set(items, flags, LEXICON_PACK) if items else None


def _one_of(items: Sequence[str], flags: int = 0) -> regex.Pattern[str] | None:
    """The patterns as one regular expression (case-sensitive unless `flags` say), or None."""
    return regex.compile("|".join(items), flags) if items else None


def compile_lexicon(language: str, lists: Mapping[str, Sequence[str]]) -> Lexicon:
    """The compiled lexicon of one language from its word lists."""

    cue = PhraseIndex.build(
        [(kind, lists.get(name, [])) for kind, name in _CUE_LISTS],
        _patterns(lists.get("source_marker_patterns", []), regex.IGNORECASE | regex.MULTILINE),
    )
    quantifiers = lists.get("vague_quantifiers", [])
    pronouns = _words(lists.get("pronouns", []))
    affiliations = _words(lists.get("affiliation_markers", []))
    places = _words(lists.get("place_prepositions", []))
    inversion = "|".join(regex.escape(p) for p in sorted(pronouns, key=len, reverse=True)) or r"(?!x)x"
    # a straight mark followed by a blank closes a quotation, it opens none (the
    # pairing of straight marks is lost after one stray mark otherwise); nor does one
    # between a word and "s" (Reuters-21578 writes "India"s budget" for "India's")
    quote_alternatives = [
        f'[{regex.escape(o)}](?!(?<=")\\s)(?!(?<=\\p{{L}}")s\\b)[^{regex.escape(c)}\\n]{{3,}}?(?:[{regex.escape(c)}]|$)'
        for o, c in _QUOTE_PAIRS.items()
    ]
    return Lexicon(
        language=language,
        cue=cue,
        inversion_openers=_words(lists.get("inversion_openers", [])),
        noun_markers=_words(lists.get("noun_markers", [])),
        passive=_words(lists.get("passive_auxiliaries", [])),
        pronouns=pronouns,
        roles=_words(lists.get("role_nouns", [])),
        documents=_words(lists.get("document_nouns", [])),
        vague_heads=_words(lists.get("vague_heads", [])),
        vague_quantifiers=regex.compile(
            (WORD_EDGE_BEFORE + alternation(quantifiers) + r"\s*$") if quantifiers else r"(?!x)x",
            regex.IGNORECASE,
        ),
        specific=_words(lists.get("specific_determiners", [])),
        not_names=_words(lists.get("not_names", [])),
        citations=_patterns(lists.get("citation_patterns", []), regex.MULTILINE),
        claims=_patterns(lists.get("claim_patterns", []), regex.IGNORECASE | regex.MULTILINE),
        quotes=regex.compile("|".join(quote_alternatives), regex.MULTILINE),
        inversion=regex.compile(rf"-(?:t-)?(?:{inversion})\b", regex.IGNORECASE),
        negations=_words(lists.get("negations", [])),
        vague_patterns=_patterns(lists.get("vague_patterns", []), regex.IGNORECASE),
        quantifier_anywhere=regex.compile(
            (WORD_EDGE_BEFORE + alternation(quantifiers) + WORD_EDGE_AFTER) if quantifiers else r"(?!x)x",
            regex.IGNORECASE,
        ),
        group_roles=_words(lists.get("group_roles", [])),
        anonymous_heads=_words(lists.get("anonymous_heads", [])),
        indefinite=_words(lists.get("indefinite_determiners", [])),
        referring=_words(lists.get("referring_determiners", [])),
        specific_groups=_words(lists.get("group_qualifiers", [])),
        anonymous_nouns=_words(lists.get("anonymous_nouns", [])),
        collective_roles=_words(lists.get("collective_roles", [])),
        not_plural=_words(lists.get("not_plural", [])),
        plural=regex.compile("|".join(lists["plural_patterns"])) if lists.get("plural_patterns") else _NEVER,
        people=_one_of(lists.get("people_patterns", [])),
        participles=_one_of(lists.get("participle_patterns", [])),
        participle_auxiliaries=_words(lists.get("participle_auxiliaries", [])),
        places=places,
        phrase_openers=affiliations | places,
        progressive_suffix="".join(lists.get("progressive_suffix", [])).lower(),
        subject_links=_words(lists.get("subject_links", [])),
        group_pronouns=_words(lists.get("group_pronouns", [])),
        anonymity=_patterns(lists.get("anonymity_patterns", []), regex.IGNORECASE),
        contrasts=_words(lists.get("clause_contrasts", [])),
        coordinators=_words(lists.get("coordinators", [])),
        joins=_words(lists.get("clause_joins", [])),
        participle_followers=_words(lists.get("participle_followers", [])),
        agent_markers=_words(lists.get("agent_markers", [])),
        evidence_heads=_words(lists.get("evidence_heads", [])),
        view_nouns=_words(lists.get("view_nouns", [])),
        own_study=_words(lists.get("own_study_markers", [])),
        asides=_words(lists.get("aside_words", [])),
        complementizers=_words(lists.get("complementizers", [])),
        relatives=_words(lists.get("relative_pronouns", [])),
        comparisons=_words(lists.get("comparison_markers", [])),
        capitalised_nouns="capitalised" in lists.get("noun_case", []),
        articles=_words(lists.get("definite_articles", [])),
        affiliations=affiliations,
        finite_verbs=_words(lists.get("finite_verbs", [])),
        weak_markers=_words(lists.get("weak_markers", [])),
        singular=_words(lists.get("singular_determiners", [])),
        demonyms=_words(lists.get("demonyms", [])),
        evidence_words=_words(w for w in lists.get("evidence_verbs", []) if " " not in w),
        noun_like_verbs=_words(lists.get("noun_like_verbs", [])),
        quantifier_words=_words(q for q in quantifiers if " " not in q),
        plain_articles=_words(lists.get("plain_plural_articles", [])),
        person_relatives=_words(lists.get("person_relatives", [])),
        author_pronouns=_words(lists.get("author_pronouns", [])),
        constructs=tuple(
            (construct, patterns)
            for construct, name in _CONSTRUCT_LISTS
            if (patterns := _patterns(lists.get(name, []), regex.IGNORECASE)) is not None
        ),
        schedule_events=_one_of(lists.get("schedule_event_patterns", []), regex.IGNORECASE),
        schedule_times=_one_of(lists.get("schedule_time_patterns", []), regex.IGNORECASE),
        not_reporting=_patterns(lists.get("not_reporting_patterns", []), regex.IGNORECASE),
        respondents=_one_of(lists.get("respondent_patterns", []), regex.IGNORECASE),
    )


@cache
def _loader() -> Any:
    """YAML 1.2 booleans, as for rule packs: word lists hold 'no', 'on', 'y' as words.
    (Made on first use: PyYAML is imported only when a lexicon is not in the cache.)"""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _Loader


@cache
def lexicon(language: str) -> Lexicon | None:
    """The lexicon of `language` from the bundled rules/sourcing.yaml, or None if it has none.

    Cached per process, and compiled once per machine in the cache folder (parsing
    the YAML and compiling the lists costs ~0.1 s, a third of a one-file run)."""
    from pathlib import Path

    from artlint import matching, prefilter
    from artlint.cache import cached
    from artlint.ruleset import shipped_lexicons

    compiled = shipped_lexicons()  # compiled when the package was built
    if compiled is not None and language in compiled:
        return compiled[language]  # type: ignore[no-any-return]
    path = rules_dir() / LEXICON_PACK
    try:
        code = [Path(__file__), Path(matching.__file__), Path(prefilter.__file__)]  # what the pickle holds
        # In a one-tuple: a language with no lexicon is remembered too (None is a cache miss,
        # and finding it again means parsing the whole pack, ~0.4 s, in every run that meets it).
        built = cached(f"lexicon-{language}", [path, *code], lambda: (build_lexicon(path, language),))
    except OSError:
        return None
    return built[0] if isinstance(built, tuple) else None


def build_lexicon(path: Any, language: str) -> Lexicon | None:
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())
    except (OSError, yaml.YAMLError):
        return None
    lists = (data or {}).get("vars", {}).get(language)
    if not isinstance(lists, Mapping) or not lists.get("speech_verbs"):
        return None
    return compile_lexicon(language, lists)


# -- the analysis ---------------------------------------------------------------------
@dataclass(frozen=True)
class Cue:
    """One reporting construct and who it names."""

    start: int
    end: int
    sentence: int
    kind: str  # marker | setting | speech | evidence | citation
    status: str  # named | role | pronoun | vague | passive | negated | none
    source: str | None = None  # the name as written (a pronoun resolved to its name)


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    words: int
    speaker: str | None
    has_speaker: bool
    anonymous: bool = False  # no identified speaker, a vague one ("one insider said")


@dataclass(frozen=True)
class Weasel:
    """A vague or anonymous stand-in for a source (../shared/CLAIMS-GUIDE.md)."""

    start: int
    end: int
    sentence: int
    # speaker (a reporting verb with a vague speaker), passive, hearsay, rumour,
    # speculation (the lists of rules/sourcing.yaml), quote (an anonymous quotation)
    construct: str


@dataclass(frozen=True)
class Analysis:
    language: str
    sentences: int
    attributed: frozenset[int]  # indexes into Document.sentences
    vague: frozenset[int]
    claims: frozenset[int]  # sentences holding a claim cue (figure, superlative, prediction)
    cues: tuple[Cue, ...]
    quotes: tuple[Quote, ...]
    sources: tuple[str, ...]  # distinct named sources, in order of first mention
    weasels: tuple[Weasel, ...] = ()  # not inside an identified speaker's reported speech

    @property
    def weasel_sentences(self) -> frozenset[int]:
        return frozenset(w.sentence for w in self.weasels)

    def is_attributed(self, index: int) -> bool:
        return index in self.attributed

    def any_attributed(self, first: int, last: int) -> bool:
        """True when a sentence with index in [first, last] is attributed."""
        if last - first < 8:
            return any(i in self.attributed for i in range(first, last + 1))
        return any(first <= i <= last for i in self.attributed)


def analyse(document: Document) -> Analysis | None:
    """The attribution analysis of `document` (computed once, kept with the document),
    or None when its language has no attribution data."""
    cached = document.metadata.get(METADATA_KEY)
    if isinstance(cached, Analysis) and cached.language == document.language:
        return cached
    lex = lexicon(document.language)
    if lex is None:
        return None
    result = _Analyser(document, lex).run()
    document.metadata[METADATA_KEY] = result
    return result


def attributed_in(document: Document, start: int, end: int) -> bool | None:
    """Whether a sentence overlapping document offsets [start, end) is attributed;
    None when the language has no attribution data."""
    analysis = analyse(document)
    if analysis is None:
        return None
    if not document.sentences:
        return False
    starts = document.sentence_starts
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = max(first, bisect.bisect_left(starts, end) - 1)
    return analysis.any_attributed(first, last)


_NESTED_REACH = 2000  # characters: reported speech has a clause break before this


class _Analyser:
    """One pass over a document: cues, quotes, citations, claims."""

    def __init__(self, document: Document, lex: Lexicon) -> None:
        self.doc = document
        self.text = document.text
        self.lex = lex
        self.sentences = document.sentences
        self.starts = document.sentence_starts
        self._written: dict[tuple[str, bool], bool] = {}
        # Per sentence, tokenised once (a sentence of a megabyte holds thousands of cues).
        self._words: dict[int, _SentenceWords] = {}
        self._anywhere_of: dict[int, tuple[str, str | None]] = {}
        self._person_of: dict[int, str | None] = {}
        self._owner_of: dict[int, bool] = {}  # sentence -> it names an organisation or a nation
        self._index = 0  # the sentence of the cue being classified
        self._kind = ""  # the kind of the cue being classified
        self._evidence_verb = False  # its verb also reports findings ("revealed", "showed")
        self._generic_speaker = False  # its speaker is a noun no list knows ("exporters")
        self._adjacent = True  # the words looked at end right before the verb

    def words_of(self, index: int) -> _SentenceWords:
        words = self._words.get(index)
        if words is None:
            sentence = self.sentences[index]
            words = self._words[index] = _SentenceWords(self.text, sentence.start, sentence.end)
        return words

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def run(self) -> Analysis:
        text, lex = self.text, self.lex
        quote_spans = self._quote_spans()
        inside = _SpanSet([(q[0] + 1, q[1] - 1) for q in quote_spans])
        cues: list[Cue] = []
        idle = (
            _SpanSet([m.span() for m in scan(lex.not_reporting, self.doc)])
            if lex.not_reporting is not None and self.sentences
            else None
        )
        for match in lex.cue.find(self.doc) if self.sentences else ():
            kind = match.kind
            if inside.contains(match.start) and not (kind == "speech" and self._incise(match)):
                continue  # the quoted person's words; but « ..., observe-t-il, ... » names the speaker
            index = self.sentence_of(match.start)
            if kind in ("speech", "evidence"):
                if match.start == self.sentences[index].start:
                    continue  # a capitalised first word is a noun here: "Reports indicate"
                previous = _tokens(text[max(self.sentences[index].start, match.start - 24) : match.start])
                before = previous[-1].lower().replace("’", "'") if previous else ""
                noun_like = match.text.lower() in lex.noun_like_verbs
                # "the claims", "l'estime", "some fears"; but "many expected", "some worry"
                plural_noun = noun_like and bool(lex.plural.search(match.text.lower()))
                if (
                    before in lex.noun_markers
                    and (plural_noun or before not in lex.quantifier_words)
                    and (noun_like or before not in lex.relatives)  # "a study that found"
                ):
                    continue
                if plural_noun and any(t.lower() in lex.quantifier_words for t in previous[-3:-1]):
                    continue  # "other UK hopes": a noun
                if self._bare_participle(match.text, previous):
                    continue  # "un système observé pour la première fois": an adjective
                if idle is not None and idle.contains(match.start):
                    continue  # "agreed to settle", "comme on dit": no speech reported
                if self._gerund(match.text, previous):
                    continue  # "suspended for allegedly suggesting", "criticised for insisting"
                progressive = self._progressive(match.text) and bool(previous)
                progressive = progressive and previous[-1].lower() in lex.passive  # "are warning"
                if (
                    noun_like
                    and previous
                    and previous[-1] != ","
                    and not self._subject_like(previous[-1])
                    and not progressive
                ):
                    continue  # "to allay fears", "on show": a noun after a verb or a preposition
                if noun_like and self._compound(previous):
                    continue  # "a mixed sales forecast", "its earnings estimates": a noun after a noun
                if (
                    noun_like
                    and len(previous) >= 2
                    and previous[-1].lower() in lex.subject_links
                    and previous[-2].lower() in lex.noun_markers
                    and previous[-2].lower() not in lex.quantifier_words  # "some also credit"
                ):
                    continue  # "a widely reported study": an adjective
            status, source = self._classify(match, kind, index)
            cues.append(Cue(match.start, match.end, index, kind, status, source))
        if lex.citations is not None:
            for match in scan(lex.citations, self.doc):
                if self.sentences:
                    index = self.sentence_of(match.start())
                    cues.append(Cue(match.start(), match.end(), index, "citation", "named", None))
        if lex.vague_patterns is not None:
            vague_spans = _SpanSet([m.span() for m in scan(lex.vague_patterns, self.doc)])
            cues = [
                Cue(c.start, c.end, c.sentence, c.kind, "vague", None) if vague_spans.contains(c.start) else c
                for c in cues
            ]
        if lex.anonymity is not None and self.sentences:
            # "two people familiar with the matter told Reuters": the speaker is
            # anonymous on purpose, whatever else the sentence names.
            anonymous: dict[int, list[int]] = {}
            for m in scan(lex.anonymity, self.doc):
                if not inside.contains(m.start()):
                    anonymous.setdefault(self.sentence_of(m.start()), []).append(m.start())
            # the speaker's words: before a reporting verb (or after it, inverted),
            # after a marker ("according to people familiar with the matter")
            cues = [
                Cue(c.start, c.end, c.sentence, c.kind, "vague", None)
                if c.kind in _SPEAKER_KINDS
                and any(
                    (at > c.start if c.kind == "marker" else at < c.start or c.status != "named")
                    for at in anonymous.get(c.sentence, ())
                )
                else c
                for c in cues
            ]
        cues.sort(key=lambda c: c.start)
        cues = self._resolve_pronouns(cues)
        identified = {c.sentence for c in cues if c.status in IDENTIFIED}
        quotes = self._quotes(quote_spans, cues, identified)
        attributed = set(identified)
        for quote in quotes:
            if quote.has_speaker:
                attributed.update(range(self.sentence_of(quote.start), self.sentence_of(quote.end - 1) + 1))
        vague = {c.sentence for c in cues if c.status == "vague"} - attributed
        claims: set[int] = set()
        if lex.claims is not None and self.sentences:
            claims = {self.sentence_of(m.start()) for m in scan(lex.claims, self.doc)}
        weasels = self._weasels(cues, quotes, attributed, inside) if self.sentences else []
        return Analysis(
            language=lex.language,
            sentences=len(self.sentences),
            attributed=frozenset(attributed),
            vague=frozenset(vague),
            claims=frozenset(claims),
            cues=tuple(cues),
            quotes=tuple(quotes),
            sources=_distinct_sources(
                [c.source for c in cues if c.source and c.status in ("named", "pronoun")]
                + [q.speaker for q in quotes if q.speaker]
            ),
            weasels=tuple(weasels),
        )

    # -- weasels ------------------------------------------------------------------------
    def _weasels(
        self, cues: list[Cue], quotes: list[Quote], attributed: set[int], inside: _SpanSet
    ) -> list[Weasel]:
        """The vague stand-ins for a source, by construction: a reporting verb
        whose speaker is vague, the constructions of rules/sourcing.yaml, the
        sentences of an anonymous quotation.  The guide's precedence is weasel
        before attributed, but a vague speaker inside the reported speech of an
        identified one ("the minister said others had raised concerns") is the
        article attributing correctly."""
        identified: dict[int, list[Cue]] = {}
        for cue in cues:
            # the agent of a passive ("tablets produced by Teva") reports nothing: it holds no speech
            if (
                cue.status in IDENTIFIED
                and cue.kind in (*_SPEAKER_KINDS, "setting")
                and not self._weak_marker(cue)
            ):
                identified.setdefault(cue.sentence, []).append(cue)
        # a sentence that cites its source ("(4, 5)", a link) names it, whatever its words
        cited = {cue.sentence for cue in cues if cue.kind == "citation"}
        found: list[Weasel] = []
        for cue in cues:
            if (
                cue.status == "vague"
                and cue.sentence not in cited
                and not self._weak_marker(cue)
                and cue.kind in _SPEAKER_KINDS
                and (
                    self._closing_frame(cue)
                    or not self._nested(cue.start, cue.end, identified.get(cue.sentence, ()))
                )
                and not self._respondents(cue)
            ):
                found.append(Weasel(self._speaker_start(cue), cue.end, cue.sentence, "speaker"))
        for construct, patterns in self.lex.constructs:
            for match in scan(patterns, self.doc):
                start, end = match.span()
                if inside.contains(start):
                    continue  # the quoted person's words
                index = self.sentence_of(start)
                if index in cited or self._nested(start, end, identified.get(index, ())):
                    continue
                if construct in NEEDS_NO_SOURCE_NEAR and (index in attributed or index - 1 in attributed):
                    continue
                if construct == "speculation" and self._scheduled(start, index):
                    continue
                found.append(Weasel(start, end, index, construct))
        for quote in quotes:
            if quote.anonymous:
                first, last = self.sentence_of(quote.start), self.sentence_of(quote.end - 1)
                for index in range(first, last + 1):
                    if index not in attributed:
                        sentence = self.sentences[index]
                        found.append(
                            Weasel(
                                max(quote.start, sentence.start), min(quote.end, sentence.end), index, "quote"
                            )
                        )
        found.sort(key=lambda w: (w.start, w.end))
        return [
            w
            for i, w in enumerate(found)
            if i == 0 or (w.start, w.sentence) != (found[i - 1].start, found[i - 1].sentence)
        ]

    def _respondents(self, cue: Cue) -> bool:
        """A verb whose subject is a share of a group ("Some 82% said", "65% of those
        questioned said", "One in 10 young people said"): a poll's figure
        (rules/sourcing.yaml respondent_patterns), right before the speaker, no comma between."""
        pattern = self.lex.respondents
        if pattern is None or cue.kind == "marker":
            return False
        low = max(
            self.words_of(cue.sentence).clause_start(cue.start), self._speaker_start(cue) - RESPONDENT_REACH
        )
        share = pattern.search(self.text, low, cue.start)
        if share is None:
            return False
        # A clause break between them makes the figure another clause's ("The index gained
        # 1.2% as brokers said", "Oil rose 3% and dealers said"), not the speakers' share.
        between = self.text[share.end() : cue.start]
        words = {w.lower() for w in between.split()}
        lex = self.lex
        return "," not in between and not words & (lex.joins | lex.contrasts | lex.coordinators)

    def _scheduled(self, start: int, index: int) -> bool:
        """An expectation that opens with a planned event (rules/sourcing.yaml
        schedule_event_patterns: "is expected to hold talks") in a
        sentence that dates it (schedule_time_patterns: "on Tuesday", "March 20"):
        a published schedule, which the guide calls none, not a forecast of an outcome."""
        events, times = self.lex.schedule_events, self.lex.schedule_times
        if events is None or times is None:
            return False
        sentence = self.sentences[index]
        return (
            events.match(self.doc.text, start, sentence.end) is not None
            and times.search(self.doc.text, sentence.start, sentence.end) is not None
        )

    def _progressive(self, verb: str) -> bool:
        """Whether a verb has the language's progressive ending ("warning"): its subject
        stands before the auxiliary, and after a preposition it is a noun of the act."""
        suffix = self.lex.progressive_suffix
        return bool(suffix) and verb.lower().endswith(suffix)

    def _before_aside(self, words: list[str]) -> int:
        """How many of the words stand before an aside closing them ("Analysts, however,"
        before "say"): the subject before the aside speaks."""
        if len(words) > 3 and words[-1] == words[-3] == "," and words[-2].lower() in self.lex.asides:
            return len(words) - 3
        return len(words)

    def _gerund(self, verb: str, previous: list[str]) -> bool:
        """An -ing form right after a preposition (an adverb allowed between) is a noun of
        the act, no one's report: "a candidate suspended for allegedly suggesting", "was
        criticised for insisting", "the risk of warning"."""
        lex = self.lex
        if not self._progressive(verb) or " " in verb:
            return False
        for word in reversed(previous[-2:]):
            lower = word.lower()
            if lower in lex.phrase_openers or lower in lex.agent_markers:
                return True
            if not lower.endswith("ly"):
                return False
        return False

    def _bare_participle(self, verb: str, previous: list[str]) -> bool:
        """A past participle with no auxiliary before it (two adverbs allowed between:
        "a également déclaré"), and no comma: after a comma it may be inverted
        ("..., a déclaré X" has its auxiliary; "..., précisé" has none and is no verb)."""
        lex = self.lex
        if lex.participles is None or " " in verb or not lex.participles.search(verb.lower()):
            return False
        for word in reversed(previous[-3:]):
            lower = word.lower().replace("’", "'")
            if lower in lex.participle_auxiliaries:
                return False
            if lower not in lex.subject_links:
                return True
        return True

    def _closing_frame(self, cue: Cue) -> bool:
        """Whether a reporting verb closes its sentence as its frame ("..., traders
        said.", "..., said one dealer"): the sentence is that speaker's reported
        speech, so a speaker named inside it ("Cuba told operators ..., traders
        said") is reported by the vague one, not the other way round."""
        if cue.kind != "speech":
            return False
        sentence = self.sentences[cue.sentence]
        before = self.text[sentence.start : cue.start]
        cut = max(before.rfind(","), *(before.rfind(q) for q in '"”»'))
        if cut < 0:
            return False
        head = _tokens(before[cut + 1 :])
        tail = _tokens(self.text[cue.end : sentence.end])
        if not (head or tail) or len(head) + len(tail) > FRAME_WORDS + 2 or "," in tail:
            return False
        # "officials said", "authorities said" are whose the sentence names ("the
        # government ..., officials said"): only a group no organisation owns frames it
        words = {w.lower() for w in head + tail}
        lex = self.lex
        # "..., adding that some analysts agree": a clause of its own, not a frame
        # "sources" are anonymous whoever the sentence names ("..., the sources said")
        owned = (lex.group_roles - lex.anonymous_nouns) | lex.roles
        return not words & (owned | lex.relatives | lex.joins | lex.contrasts)

    def _weak_marker(self, cue: Cue) -> bool:
        """A marker that makes no weasel: "pour" + infinitive, the agent of a
        passive ("carried out by people known to ...")."""
        if cue.kind != "marker":
            return False
        text = self.text[cue.start : cue.end].lower()
        words = _tokens(text)
        return text in self.lex.weak_markers or bool(words and words[-1] in self.lex.agent_markers)

    def _nested(self, start: int, end: int, speakers: Iterable[Cue]) -> bool:
        """Whether [start, end) stands in the reported speech of an identified
        speaker of its sentence: no clause of its own ("while", ";") between them.
        Only the nearest speaker on each side can hold it (a farther one has the
        nearer one's words, and any break, between them too), and none further than
        _NESTED_REACH characters: linear in the sentence, whatever its length."""
        before = [c for c in speakers if c.start < start and start - c.end <= _NESTED_REACH]
        after = [c for c in speakers if c.start >= start and c.start - end <= _NESTED_REACH]
        nearest = [max(before, key=lambda c: c.start)] if before else []
        # after: the nearest, and the last, which may close the sentence as its frame past
        # a noun read as a cue ("... than official estimates, Ms Lomax said")
        if after:
            first, last = min(after, key=lambda c: c.start), max(after, key=lambda c: c.start)
            nearest += [first] if first is last else [first, last]
        for cue in nearest:
            if cue.start < start:
                between = _tokens(self.text[cue.end : start])
            else:
                if self._progressive(self.text[cue.start : cue.end]):
                    continue  # "..., arguing that": what follows is the speech, not what precedes
                # A speaker after: only the closing frame of the sentence ("..., the
                # minister said"), not a clause of the reported speech itself.
                text = self.text[end : cue.start]
                # "according to"/"selon" frames what comes before it, comma or not
                framing = cue.kind == "marker"
                if ";" in text or ("," not in text and not _QUOTE_END_RE.search(text) and not framing):
                    continue
                between = _tokens(regex.split(r"[,\"”»]", text)[-1])
                # "..., wie Polizeisprecher Thomas Keiblinger am Montag in Wien sagte.": a frame by
                # its opener, however long, when its verb ends the sentence (not "if, as Tony Blair
                # and Ruth Kelly have suggested, GCSEs and A-levels stay")
                framing = framing or (
                    bool(between)
                    and between[0].lower() in self.lex.inversion_openers
                    and not _tokens(self.text[cue.end : self.sentences[cue.sentence].end])
                )
                # a name and its title do not count ("..., UK Foreign Secretary Jack Straw has
                # said"); a phrase of its own does ("..., with Finance Minister Onno Ruding having said").
                # Where every noun is capitalised (German), a capital marks no name: every word counts
                length = sum(1 for t in between if self.lex.capitalised_nouns or not t[:1].isupper())
                opens = bool(between) and between[0].lower() in self.lex.phrase_openers
                if not framing and (
                    length > FRAME_WORDS or opens or any(t.lower() in self.lex.joins for t in between)
                ):
                    continue
            if ";" in self.text[min(cue.end, end) : max(cue.start, start)]:
                continue
            if any(t.lower() in self.lex.contrasts for t in between):
                continue
            return True
        return False

    def _speaker_start(self, cue: Cue) -> int:
        """Where the vague speaker of a cue starts (the head noun before the verb),
        so the finding shows "critics said", not "said"."""
        sentence = self.sentences[cue.sentence]
        low = max(sentence.start, cue.start - 60)
        before = self.text[low : cue.start]
        words = list(_WORD_OR_COMMA_RE.finditer(before))
        words = words[: self._before_aside([w.group() for w in words])]  # "Analysts, however, say"
        clause = cue.start  # else the clause's first words, as far as GENERIC_START + 2 words back
        for rank, match in enumerate(reversed(words)):
            lower = match.group().lower().replace("’", "'")
            if match.group() == "," or _CLAUSE_END_RE.search(before, match.end()):
                break
            if (
                lower in self.lex.vague_heads
                or lower in self.lex.group_roles
                or lower in self.lex.anonymous_heads
                or lower in self.lex.anonymous_nouns
            ):
                return low + match.start()
            if rank <= GENERIC_START + 2:
                clause = low + match.start()
        return clause

    def _incise(self, match: Hit) -> bool:
        """A reporting verb set inside a quotation: "..., observe-t-il", ", rappelle Ana Cardenal,"."""
        text = self.text
        if self.lex.inversion.match(text, match.end):
            return True
        before = text[max(0, match.start - 3) : match.start]
        after = _tokens(text[match.end : match.end + 60])
        return before.rstrip().endswith((",", "–", "—")) and bool(after) and self._is_name(after[0], after, 0)

    # -- who is the source of one cue ---------------------------------------------
    def _classify(self, match: Hit, kind: str, index: int) -> tuple[str, str | None]:
        self._kind = kind
        self._index = index
        self._evidence_verb = match.text.lower() in self.lex.evidence_words
        sentence = self.sentences[index]
        # The clause around the cue, and its words, from the sentence's tokens and
        # marks found once: looking them up anew for each cue was quadratic.
        sentence_words = self.words_of(index)
        before_start = sentence_words.clause_start(match.start)
        after_end = sentence.end
        stop = sentence_words.clause_end(match.end)
        comma = sentence_words.comma(match.end)
        if stop is not None:
            after_end = stop
        if comma is not None and kind not in ("marker",):
            after_end = min(after_end, comma)
        after_end = max(after_end, match.end)
        if kind == "marker":
            words = sentence_words.first(match.end, after_end, AFTER_WORDS)
            if not words:
                return "pronoun", None  # "..., peut-on lire." names the source of the sentence before
            head = next((w.lower() for w in words if w.lower() not in self.lex.noun_markers), "")
            if head in self.lex.view_nouns:
                return "none", None  # "..., so die Hoffnung.": whose hope is not said
            return self._noun_phrase(words, allow_pronoun=True, forward=True)
        tokens = sentence_words.last(before_start, match.start, BEFORE_WORDS + 3)
        tokens = tokens[: self._before_aside(tokens)]
        tokens = tokens[-BEFORE_WORDS:]
        progressive = self._progressive(match.text)  # "have been suggesting": no passive
        if (
            kind in ("speech", "evidence")
            and not progressive
            and any(t.lower() in self.lex.passive for t in tokens[-2:])
        ):
            return "passive", None  # "is said to", "is widely believed", "a été annoncé"
        if progressive:
            # "Security firms are warning", "dealers have been suggesting": the subject stands
            # before the auxiliary ("have" is a subject link already)
            while len(tokens) > 1 and tokens[-1].lower() in self.lex.passive:
                tokens = tokens[:-1]
        following = sentence_words.first(match.end, after_end, 1)
        # "are concerned by": the cue holds its own auxiliary, an adjective; its subject speaks
        own_auxiliary = _tokens(match.text)[0].lower() in self.lex.passive
        if (
            kind in ("speech", "evidence")
            and following
            and following[0].lower() in self.lex.agent_markers
            and not own_auxiliary
        ):
            return "passive", None  # "analysts surveyed by FactSet expect": the verb is "expect"
        if kind == "speech" and self.lex.inversion.match(self.text, match.end, after_end):
            return "pronoun", None
        if any(t.lower().replace("’", "'") in self.lex.negations for t in tokens[-3:]):
            return "negated", None  # "declined to confirm", "n'a pas confirmé"
        self._generic_speaker = False
        if kind == "speech":
            found = self._antecedent(tokens)
            if found is not None:
                return found
        status, source = self._subject(tokens, allow_pronoun=kind != "evidence")
        if status in ("vague", "none") and len(tokens) >= BEFORE_WORDS and "," in tokens[:-1]:
            # the window starts inside an apposition or a relative clause ("Dr. Tom Jefferson
            # of the Cochrane Collaboration, a nonprofit group dedicated to analyzing medical
            # evidence, had concluded", "The state, which pays providers about $750 million a
            # year ..., also mentioned"): look as far back again for the subject it stands beside
            wider = sentence_words.last(before_start, match.start, 2 * BEFORE_WORDS)
            if len(wider) > len(tokens):
                found = self._subject(wider, allow_pronoun=False)
                if found[0] == "named" or (status == "none" and found[0] == "role"):
                    status, source = found
        if (
            tokens
            and tokens[-1] == ","
            and kind != "marker"
            and status in ("vague", "none")
            # "Economists, however, forecast that ODPM figures ...": "that" opens what is
            # said, no speaker after the verb; the subject before the aside speaks
            and not (following and following[0].lower() in self.lex.complementizers)
        ):
            # "... giving way to others, noted Robert Anderson", "..., argued critics": the
            # speaker follows the verb; "..., saying": the subject of the sentence, not
            # the word before the comma
            found = self._noun_phrase(
                sentence_words.first(match.end, after_end, AFTER_WORDS), allow_pronoun=False, forward=True
            )
            if found[0] in (*IDENTIFIED, "vague"):
                return found
            if status == "vague":
                return "none", None
        if status == "vague" and self._generic_speaker and self._participle(following) and not own_auxiliary:
            return "none", None  # "the job cuts announced last year", "an advantage denied to SAS"
        if kind == "setting" and status not in IDENTIFIED:
            if index not in self._anywhere_of:  # the same for every cue of the sentence
                self._anywhere_of[index] = self._anywhere(sentence.start, sentence.end)
            return self._anywhere_of[index]
        if status == "none" and self._inverted(tokens):
            # "“...,” said the company", "a ajouté un ténor de la droite", "qu'a annoncé X"
            words = sentence_words.first(match.end, after_end, AFTER_WORDS)
            found = self._noun_phrase(words, allow_pronoun=kind == "speech", forward=True)
            if found[0] in IDENTIFIED:
                return found
            if (
                kind == "speech"
                and len(words) >= 2
                and words[0].lower().replace("’", "'") in self.lex.noun_markers
            ):
                return "role", None  # a determiner and a noun: the speaker
        return status, source

    def _antecedent(self, tokens: list[str]) -> tuple[str, str | None] | None:
        """The speaker of a verb after a relative clause: its antecedent ("people who
        said", "charities who say", "analysts who follow Apple said"), not a name
        further back ("The Bill has support from charities who say") nor one inside
        the clause; None when no relative stands before the verb in its clause."""
        lex = self.lex
        for at in range(len(tokens) - 1, 0, -1):
            lower = tokens[at].lower()
            if tokens[at] == ",":
                return None
            # right before the verb any relative; further back only "who" ("that" also opens
            # speech), and not before a subject of its own or an infinitive ("photographers who
            # she claims left", "people who fail to say"): the clause's verb is not the relative's
            if lower not in lex.relatives:
                continue
            between = [t.lower() for t in tokens[at + 1 :]]
            if between and (
                lower not in lex.person_relatives or any(t in lex.pronouns or t in lex.joins for t in between)
            ):
                return None
            found = self._noun_phrase(tokens[max(0, at - 3) : at], allow_pronoun=False, forward=False)
            antecedent = tokens[at - 1].lower()
            if found[0] == "vague" or (found[0] in IDENTIFIED and at < len(tokens) - 1):
                return found
            if (
                found[0] == "none"
                and lower in lex.person_relatives
                and lex.plural.search(antecedent)
                and antecedent not in lex.not_plural
            ):
                return "vague", None  # "support from charities who say": an unnamed group
            return None
        return None

    def _participle(self, following: list[str]) -> bool:
        """Whether the word after a verb makes it a participle ("denied to", "announced last")."""
        return bool(following) and following[0].lower() in self.lex.participle_followers

    def _inverted(self, tokens: list[str]) -> bool:
        """Whether the speaker may follow the verb: nothing but a comma since the
        clause began (after a quotation), or an opener ("comme l'a déclaré")."""
        last = tokens
        while "," in last:
            last = last[last.index(",") + 1 :]
        if not last:
            return True
        return last[-1].lower().replace("’", "'") in self.lex.inversion_openers

    def _subject(self, tokens: list[str], allow_pronoun: bool) -> tuple[str, str | None]:
        """The speaker in the words before a verb, nearest first; an appositive
        ("Smith, a spokesman for Acme, said") gives the name before it."""
        segments: list[list[str]] = [[]]
        for token in tokens:
            if token == ",":
                segments.append([])
            else:
                segments[-1].append(token)
        for position in range(len(segments) - 1, -1, -1):
            words = segments[position]
            if not words:
                continue
            # a word no list knows is a speaker only with no comma before the verb
            self._adjacent = position == len(segments) - 1
            status, source = self._noun_phrase(
                words, allow_pronoun=allow_pronoun and position == len(segments) - 1, forward=False
            )
            self._adjacent = True
            if status == "none":
                if position == len(segments) - 1 and len(words) > 2:
                    return "none", None  # a clause of its own stands between: "X, which grew, said"
                continue
            if (
                position >= 1
                and (
                    status in ("role", "named")
                    # "Katrina Bull, a prospective parliamentary candidate said"
                    or (
                        status == "vague"
                        and words[0].lower() in self.lex.indefinite
                        # set off by commas: "Prassana Rambathla, one of Prof Reddy's graduate
                        # students, says"; not "..., a bond manager for a securities house said"
                        and (self._generic_speaker or position < len(segments) - 1)
                    )
                )
                and (words[0][:1].islower() or _POSSESSIVE_RE.search(words[0]))
            ):
                # An appositive: "Smith, a spokesman for Acme, said", "Wang, Meta's chief AI officer,
                # announced", "X, directeur chez Meta, a souligné"
                name = self._trailing_name(segments[position - 1])
                if name:
                    return "named", name
            return status, source
        return "none", None

    def _noun_phrase(self, words: list[str], allow_pronoun: bool, forward: bool) -> tuple[str, str | None]:
        """Classify the words next to a cue: a name, a role, a pronoun, a vague stand-in."""
        lex = self.lex
        order = range(len(words)) if forward else range(len(words) - 1, -1, -1)
        for rank, position in enumerate(order):
            word = words[position]
            lower = word.lower().replace("’", "'")
            if word == ",":
                if forward:
                    break
                continue
            near = rank == 0 if forward else rank <= PRONOUN_GAP
            inverted = "-" in word and lex.inversion.search(word[word.find("-") :])
            if not forward and rank <= 1 and lower in lex.author_pronouns:
                return "none", None  # "I think", "you would think": the author's view, no source
            if allow_pronoun and near and (lower in lex.pronouns or inverted):
                return "pronoun", None  # "he", "il", "a-t-il"
            if lower in lex.anonymous_nouns:
                if (
                    position > 0
                    and not lex.plural.search(lower)
                    and words[position - 1].lower()
                    in (lex.referring | lex.articles | lex.singular) - lex.indefinite
                ):
                    return "role", None  # "the source", "selon la source": the one named before
                return "vague", None  # "sources", "Tory sources", "an insider": anonymous by definition
            if (
                self._kind == "evidence"
                and lower in lex.vague_heads
                and lower not in lex.evidence_heads
                and lex.evidence_heads
            ):
                return "none", None  # "lets people find", "some of them show": no finding reported
            if lower in lex.vague_heads and position > 0 and words[position - 1].lower() in lex.comparisons:
                return "none", None  # "longer than most expected": a comparison, not a source
            if (
                lower in lex.vague_heads
                and not forward
                and position > 0
                and words[position - 1].lower() in lex.specific_groups
            ):
                return "role", None  # "company executives", "government economists"
            if lower in lex.vague_heads and not (
                word[:1].isupper() and position > 0 and not lex.capitalised_nouns
            ):
                if not forward and (
                    rank > VAGUE_HEAD_WORDS
                    or any(
                        w.lower() in lex.contrasts or w.lower() in lex.joins for w in words[position + 1 :]
                    )
                ):
                    continue  # too far from the verb, or in a clause of its own ("people enjoy but says")
                if (
                    position > 0
                    and _POSSESSIVE_RE.search(words[position - 1])
                    and words[position - 1].lower().replace("’", "'") not in lex.not_names  # "d'aucuns"
                    and self._is_name(_POSSESSIVE_RE.sub("", words[position - 1]), words, position - 1)
                ):
                    return "named", _clean_name(words[position - 1])  # "NASA's scientists"
                if position > 0 and self._is_name(words[position - 1], words, position - 1):
                    return "named", self._name_run(words, position - 1)  # "Gartner analysts"
                determiner = self._determiner(words, position)
                own_study = position > 0 and words[position - 1].lower() in lex.own_study
                if determiner == "specific" or (own_study and lower in lex.evidence_heads):
                    return "role", None  # "the experts"; "new research": the study the article reports
                name = self._name_after(words, position)
                if name:
                    return "named", name
                return "vague", None
            if self._is_name(word, words, position):
                if (
                    not forward
                    and self._quantified(words, position)
                    # not "took several swipes at the Playstation and said": a clause between
                    and not any(
                        w.lower() in lex.joins or w.lower() in lex.contrasts for w in words[position + 1 :]
                    )
                ):
                    return "vague", None  # "some members of Congress", "plusieurs proches de X"
                return "named", self._name_run(words, position)
            if lower in lex.group_roles or (
                lower in lex.roles
                and lex.plural.search(lower)
                and lower not in lex.collective_roles
                and (forward or self._next_to_verb(words, position))
            ):
                return self._group(words, position)
            if (
                not forward
                # the clause's subject, not a noun deep inside it; "..., and carers have said":
                # a clause of its own opens right before it
                and (position <= GENERIC_START + 2 or self._after_join(words, position))
                and self._next_to_verb(words, position)
                and self._generic_plural(word, lower)
                and not (position > 0 and words[position - 1].lower() in lex.affiliations)  # "for callers"
                # "le géant japonais promet": a singular noun phrase whatever its last word
                and not any(w.lower() in lex.singular for w in words[max(0, position - 2) : position])
            ):
                # "Providers say", "bookmakers have said": an unnamed group, whatever its
                # noun; "the exporters said" names them no better than "exporters said"
                self._generic_speaker = True
                if position > 0 and words[position - 1].lower() in lex.articles:
                    return "vague", None
                return self._group(words, position)
            if (
                lower in lex.anonymous_heads
                or (
                    not forward
                    and self._next_to_verb(words, position)
                    and self._generic(word, lower)
                    and position <= GENERIC_START  # "one exporter said", not "... for an eye infection said"
                )
            ) and self._indefinite(words, position):
                self._generic_speaker = lower not in lex.anonymous_heads
                # "one analyst said", "an insider told": anonymous unless an
                # organisation or a name comes with it ("an analyst at Gartner")
                name = self._name_after(words, position)
                if name:
                    return "named", name
                # "a Reuters official", "a Commerce department official": its organisation before it
                owner = (
                    position - 2
                    if position > 1 and self._organisation_word(words[position - 1])
                    else position - 1
                )
                if owner >= 0 and self._is_name(_POSSESSIVE_RE.sub("", words[owner]), words, owner):
                    return "named", _clean_name(words[owner])
                if (
                    position > 1
                    and words[position - 1].lower() in lex.roles | lex.specific_groups
                    and words[position - 2].lower() in lex.demonyms
                ):
                    return "role", None  # "a UK Government official", not "a Western diplomat"
                return "vague", None
            if lower in lex.roles or lower in lex.documents:
                if lower in lex.documents and self._determiner(words, position) == "vague":
                    return "vague", None
                if not forward and self._of_someone(words, position):
                    return "vague", None  # "the chief executive of a leading car maker"
                name = self._name_after(words, position) if forward else None
                return ("named", name) if name else ("role", None)
            if forward and rank >= 3:
                break
        return "none", None

    def _organisation_word(self, word: str) -> bool:
        """A lower-case word that makes a name before it an organisation ("department", "company")."""
        lower = word.lower()
        return word[:1].islower() and (lower in self.lex.roles or lower in self.lex.specific_groups)

    def _group(self, words: list[str], position: int) -> tuple[str, str | None]:
        """A group that is a source only with its organisation: "Pentagon officials",
        "the agency's aides", "company officials", "officials at the ministry",
        "the officials" (named before) are identified; "officials", "two
        officials", "some diplomats" are not."""
        lex = self.lex
        if self._in_title(words, position):
            return "named", None  # "The Department of Children and Families announced"
        if position > 0:
            before = words[position - 1]
            bare = _POSSESSIVE_RE.sub("", before)
            lower = bare.lower().replace("’", "'")
            if self._is_name(bare, words, position - 1):
                return "named", _clean_name(before)
            if (
                lower in lex.referring
                or lower in lex.roles
                or lower in lex.specific_groups
                or lower in lex.documents
                or lower in lex.demonyms
            ):
                return (
                    "role",
                    None,
                )  # "the officials", "company officials", "study authors", "Norwegian officials"
            if position > 1 and words[position - 2].lower() in lex.referring:
                return "role", None  # "the law lords", "its legal advisers"
        for later in range(position + 1, min(len(words), position + 5)):
            word = words[later]
            if word == ",":
                break
            if self._is_name(word, words, later):
                return "named", self._name_run(words, later)
            if word.lower() in lex.roles:
                return "role", None
        head = words[position].lower().replace("’", "'")
        if head in lex.group_roles and head not in lex.anonymous_nouns and self._owner_in_sentence():
            return "role", None
        return "vague", None

    def _in_title(self, words: list[str], position: int) -> bool:
        """Whether a capitalised role noun ends the title of an organisation: capitalised
        words joined by "of", "and", "&" before it, one of them a name or a role
        ("Department of Children and Families", "Ministry of Foreign Affairs")."""
        if not words[position][:1].isupper() or position < 2:
            return False
        lex = self.lex
        back = position - 1
        while back >= 0 and (words[back].lower() in _CONNECTORS or words[back].lower() in lex.joins):
            back -= 1
            if back < 0 or not words[back][:1].isupper():
                return False
            if words[back].lower() in lex.roles or self._is_name(words[back], words, back):
                return True
            back -= 1
        return False

    def _owner_in_sentence(self) -> bool:
        """Whether the sentence of the cue being classified names whose officials speak
        (the guide: "officials" are attributed when the sentence names whose they
        are): a name after its first word and not right after a preposition of place
        (a place owns no officials: "dans les Alpes"), a nationality, an organisation noun
        ("Initial U.S. reaction ..., officials said"; "The Department of Children and
        Families announced ... what officials consider"; "released by the government
        ..., health authorities said")."""
        index = self._index
        if index not in self._owner_of:
            lex = self.lex
            sentence = self.sentences[index]
            words = _tokens(self.text[sentence.start : sentence.end])
            self._owner_of[index] = any(
                word.lower() in lex.demonyms
                or word.lower() in lex.specific_groups
                or (
                    at > 0
                    and self._is_name(word, words, at)
                    and not lex.cue.is_word(word)
                    and not any(w.lower() in lex.places for w in words[max(0, at - 2) : at])
                )
                for at, word in enumerate(words)
                if word != ","
            )
        return self._owner_of[index]

    def _subject_like(self, word: str) -> bool:
        """Whether a word can stand right before its verb as (the end of) its subject."""
        lex = self.lex
        lower = word.lower().replace("’", "'")
        return (
            word[:1].isupper()
            or any(
                lower in group
                for group in (
                    lex.subject_links,
                    lex.relatives,
                    lex.vague_heads,
                    lex.roles,
                    lex.group_roles,
                    lex.anonymous_nouns,
                    lex.anonymous_heads,
                    lex.pronouns,
                )
            )
            or (
                bool(lex.plural.search(lower))
                and lower not in lex.not_plural
                and not _POSSESSIVE_RE.search(word)  # "a producer's credit"
            )
        )

    def _compound(self, previous: list[str]) -> bool:
        """Whether the plural word before a noun-like verb is the first noun of a compound
        ("a decidedly mixed sales forecast", "its earnings estimates"): lower case, names no
        people, in no list of speakers or documents ("analysts forecast", "figures show" are
        verbs), with a determiner before it in its noun phrase (not "traders in oil markets
        estimate", where the phrase ends a preposition's object)."""
        if not previous:
            return False
        lex = self.lex
        word = previous[-1]
        lower = word.lower().replace("’", "'")
        determined = False
        for before in reversed(previous[-4:-1]):
            low = before.lower()
            if low in lex.noun_markers and low not in lex.quantifier_words:
                determined = True
                break
            if before == "," or low in lex.phrase_openers or low in lex.relatives:
                break
        return (
            determined
            and word[:1].islower()
            and bool(lex.plural.search(lower))
            and lower not in lex.not_plural
            and lex.people is not None
            and not lex.people.search(lower)
            and not any(
                lower in group
                for group in (lex.vague_heads, lex.group_roles, lex.roles, lex.documents, lex.anonymous_nouns)
            )
        )

    def _generic(self, word: str, lower: str) -> bool:
        """A common noun that no list knows ("exporter", "providers"); capitalised
        only where a sentence starts with it ("Exporters said")."""
        lex = self.lex
        return (
            (word[:1].islower() or not self._written_as(word, True))
            and lower not in lex.roles
            and lower not in lex.documents
            and lower not in lex.not_names
            and lower not in lex.pronouns
            and lower not in lex.specific
            and lower not in lex.indefinite
            and not lex.cue.is_word(word)
        )

    def _next_to_verb(self, words: list[str], position: int) -> bool:
        """Whether only links ("have", "also", "largely") stand between a subject
        word and the verb that follows the words."""
        return self._adjacent and all(w.lower() in self.lex.subject_links for w in words[position + 1 :])

    def _after_join(self, words: list[str], position: int) -> bool:
        """Whether a coordinator opens a clause of its own at most one modifier before
        the word ("in the UK and carers have said", "but Christian groups say")."""
        return any(w.lower() in self.lex.coordinators for w in words[max(0, position - 2) : position])

    def _generic_plural(self, word: str, lower: str) -> bool:
        return (
            self._kind == "speech"  # "results showed" is no speaker
            and not self._evidence_verb  # "the tests revealed", "scans showed": things, not speakers
            and bool(self.lex.plural.search(lower))
            and self._generic(word, lower)
            and lower not in self.lex.not_plural
            and (self.lex.people is None or bool(self.lex.people.search(lower)))
        )

    def _quantified(self, words: list[str], position: int) -> bool:
        """A quantifier opens the phrase before a name: "some members of Congress",
        "plusieurs proches de X"; not "la ministre des Sports Laura Flessel", nor the plain
        article of "des dirigeants de Renault" (unnamed members of a named organisation)."""
        lex = self.lex
        for back in range(max(0, position - 4), position):
            if words[back].lower() in lex.plain_articles:
                continue  # "des dirigeants de Renault": no quantifier
            if lex.quantifier_anywhere.match(words[back]) or lex.quantifier_anywhere.match(
                " ".join(words[back : back + 2])
            ):
                return not (back > 0 and words[back - 1].lower() in lex.roles)
        return False

    def _of_someone(self, words: list[str], position: int) -> bool:
        """A role of an organisation left unnamed: "of a leading car maker",
        "for a big bank" (an indefinite determiner, no name after it)."""
        lex = self.lex
        after = words[position + 1 : position + 3]
        return (
            len(after) == 2
            and after[0].lower() in lex.affiliations
            and after[1].lower() in lex.indefinite
            and not any(self._is_name(w, words, i) for i, w in enumerate(words) if i > position + 2)
        )

    def _indefinite(self, words: list[str], position: int) -> bool:
        """An indefinite determiner before a noun, two modifiers allowed between ("a close family friend")."""
        for back in (position - 1, position - 2, position - 3):
            if back >= 0 and words[back].lower() in self.lex.indefinite:
                return True
        return False

    def _determiner(self, words: list[str], position: int) -> str:
        """'specific' ("the experts", "two people"), 'vague' ("some experts") or ''."""
        lex = self.lex
        for back in range(position - 1, max(-1, position - 4), -1):
            lower = words[back].lower().replace("’", "'")
            if lower in lex.specific:
                return "specific"
            if lex.vague_quantifiers.search(" ".join(words[back:position])):
                return "vague"
            if words[back] == ",":
                break
        return ""

    def _name_after(self, words: list[str], position: int) -> str | None:
        """A name right after a group noun: "analysts at Gartner", "chercheurs de l'Inserm";
        not past a finite verb ("Laut Medienberichten ist der Vertrag ...": the clause's subject)."""
        for later in range(position + 1, min(len(words), position + 6)):
            if words[later].lower() in self.lex.finite_verbs:
                return None
            if self._is_name(words[later], words, later):
                return self._name_run(words, later)
        return None

    def _is_name(self, word: str, words: list[str], position: int) -> bool:
        if not word[:1].isupper() or word == ",":
            return False
        # A capitalised word at the start of a sentence is a name only if it is
        # capitalised elsewhere too, or never written in lower case.
        if not self._written_as(word, True) and not word.isupper() and self._written_as(word.lower(), False):
            return False  # "Businesses say": a common noun starting a sentence
        lower = word.lower().replace("’", "'").rstrip(".")
        lex = self.lex
        if "-" in word and word.rsplit("-", 1)[1][:1].islower():
            return False  # "Washington-based", "London-listed": an adjective
        if lower in lex.not_names or lower in lex.pronouns or lower in lex.vague_heads:
            return False
        if lower in lex.demonyms:
            return False  # "a Western diplomat", "Russian analysts": no one named
        if lower in lex.roles or lower in lex.documents or lower in lex.specific:
            return False
        return not lex.cue.is_word(word)

    def _written_as(self, word: str, capitalised: bool) -> bool:
        """Whether `word` stands in the text as a whole word capitalised after a
        word (`capitalised`), or written in lower case.  Looked up for the few
        words asked about, not by listing every word of the text."""
        key = (word, capitalised)
        found = self._written.get(key)
        if found is None:
            found = False
            shape = _MIDCAP_WORD_RE if capitalised else _LOWER_WORD_RE
            if shape.fullmatch(word):
                text = self.text
                at = text.find(word)
                while at != -1 and not found:
                    end = at + len(word)
                    if capitalised:
                        starts = _MIDCAP_BEFORE_RE.match(text, at) is not None
                    else:
                        starts = at == 0 or _WORD_CHAR_RE.match(text, at - 1) is None
                    found = starts and _WORD_CHAR_RE.match(text, end) is None
                    at = text.find(word, at + 1)
            self._written[key] = found
        return found

    def _name_run(self, words: list[str], position: int) -> str:
        start = position
        while start > 0 and (
            self._is_name(words[start - 1], words, start - 1)
            or (
                words[start - 1].lower() in _CONNECTORS
                and start > 1
                and self._is_name(words[start - 2], words, start - 2)
            )
        ):
            start -= 1
        end = position
        while end + 1 < len(words) and (
            self._is_name(words[end + 1], words, end + 1)
            or (
                words[end + 1].lower() in _CONNECTORS
                and end + 2 < len(words)
                and self._is_name(words[end + 2], words, end + 2)
            )
        ):
            end += 1
        return _clean_name(" ".join(words[start : end + 1]))

    def _trailing_name(self, words: list[str]) -> str | None:
        if words and self._is_name(words[-1], words, len(words) - 1):
            return self._name_run(words, len(words) - 1)
        return None

    def _anywhere(self, start: int, end: int) -> tuple[str, str | None]:
        words = _tokens(self.text[start:end])
        for position, word in enumerate(words):
            if self._is_name(word, words, position) and position > 0:
                return "named", self._name_run(words, position)
            if word.lower() in self.lex.roles:
                return "role", None
        return "none", None

    # -- pronouns and quotes -------------------------------------------------------
    def _resolve_pronouns(self, cues: list[Cue]) -> list[Cue]:
        """A pronoun stands for the last named source within a few sentences."""
        resolved: list[Cue] = []
        last: tuple[int, str] | None = None
        vague_group: int | None = None  # sentence of the last vague group that spoke
        for cue in cues:
            if cue.status == "named" and cue.source:
                last = (cue.sentence, cue.source)
                vague_group = None
            elif cue.status == "vague" and cue.kind in _SPEAKER_KINDS:
                vague_group = cue.sentence
            elif cue.status == "pronoun":
                if (
                    vague_group is not None
                    and 0 < cue.sentence - vague_group <= PRONOUN_SENTENCES
                    and self._group_pronoun(cue)
                ):
                    # "Exporters said ... They noted ...": the pronoun stands for the vague group
                    resolved.append(Cue(cue.start, cue.end, cue.sentence, cue.kind, "vague", None))
                    vague_group = cue.sentence
                    continue
                source = None
                if last is not None and cue.sentence - last[0] <= RESOLVE_SENTENCES:
                    source = last[1]
                else:
                    source = self._recent_person(cue.sentence)
                if source:
                    cue = Cue(cue.start, cue.end, cue.sentence, cue.kind, cue.status, source)
                    last = (cue.sentence, source)
            resolved.append(cue)
        return resolved

    def _group_pronoun(self, cue: Cue) -> bool:
        """Whether the pronoun of a cue stands for a group ("they said", "they noted")."""
        sentence = self.sentences[cue.sentence]
        # the pronoun opens the sentence ("They noted ...") or follows the verb ("..., they said")
        leading = _tokens(self.text[sentence.start : cue.start])
        # the pronoun opens the clause of the verb: "They noted", "They have long said";
        # not "They have joined forces to ... retrieve disputed files"
        opening = leading[:1] if len(leading) <= PRONOUN_GAP + 1 else []
        before = _tokens(self.text[max(sentence.start, cue.start - 30) : cue.start])[-2:]
        after = _tokens(self.text[cue.end : min(sentence.end, cue.end + 12)])[:1]
        inverted = bool(before) and before[-1] == ","
        candidates = opening + (after if inverted or len(before) < 2 else [])
        if before and before[-1].lower() in self.lex.group_pronouns and (len(before) < 2 or before[0] == ","):
            candidates.append(before[-1])
        return any(t.lower() in self.lex.group_pronouns for t in candidates)

    def _recent_person(self, index: int) -> str | None:
        """The last name of two words or more in this sentence or the two before it."""
        if index not in self._person_of:  # the same for every pronoun of the sentence
            self._person_of[index] = self._find_recent_person(index)
        return self._person_of[index]

    def _find_recent_person(self, index: int) -> str | None:
        for i in range(index, max(-1, index - 3), -1):
            sentence = self.sentences[i]
            words = _tokens(self.text[sentence.start : sentence.end])
            for position in range(len(words) - 1, 0, -1):
                if self._is_name(words[position], words, position) and self._is_name(
                    words[position - 1], words, position - 1
                ):
                    return self._name_run(words, position)
        return None

    def _quote_spans(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for block in self.doc.blocks:
            for match in self.lex.quotes.finditer(self.text, block.start, block.end):
                start, end = match.span()
                if self.sentences and not _QUOTE_END_RE.match(self.text, end - 1):
                    # Never closed: a paragraph of quoted speech, or a stray mark in a page
                    # scraped as one long line; no quotation runs on for a whole article.
                    last = self.sentence_of(start) + UNCLOSED_QUOTE_SENTENCES - 1
                    if last < len(self.sentences):
                        end = min(end, max(start + 1, self.sentences[last].end))
                spans.append((start, end))
        return spans

    def _quotes(self, spans: list[tuple[int, int]], cues: list[Cue], identified: set[int]) -> list[Quote]:
        speakers: dict[int, str | None] = {}
        openers: dict[int, str | None] = {}  # a speaker at the start of its sentence: “...” He said.
        vague: set[int] = set()  # sentences whose reporting verb has a vague speaker
        vague_at: list[int] = []  # their offsets: a quotation such a verb frames is its speaker's
        for cue in cues:
            if cue.status in IDENTIFIED and cue.kind in ("speech", "marker", "setting"):
                speakers.setdefault(cue.sentence, cue.source)
                if cue.start - self.sentences[cue.sentence].start <= OPENER_CHARS:
                    openers.setdefault(cue.sentence, cue.source)
            elif cue.status == "vague" and cue.kind in ("speech", "marker"):
                vague.add(cue.sentence)
                vague_at.append(cue.start)
        quotes: list[Quote] = []
        anonymous_quoted: set[int] = set()
        continued: dict[int, int] = {}  # sentence of a quotation with a speaker -> its speaker's sentence
        last_sentence = len(self.sentences) - 1
        for start, end in spans:
            words = len(_TOKEN_RE.findall(self.text, start, end))
            if words < MIN_QUOTE_WORDS:
                continue
            first, last = self.sentence_of(start), self.sentence_of(max(start, end - 1))
            speaker_sentence = next((i for i in range(first, last + 1) if i in speakers), None)
            # a vague speaker framing it owns it ('"...," an oil trader said', 'a Western
            # economist said "..."'), not a named one of the sentence before or after
            closes = self.text[max(start, end - 2) : end - 1] in (",", "?", "!")
            own_vague = any(
                (self.sentences[first].start <= at < start)
                or (closes and end <= at <= end + OPENER_CHARS and self.sentence_of(at) == last)
                for at in vague_at
            )
            if speaker_sentence is None and not own_vague:
                if last + 1 <= last_sentence and last + 1 in openers:
                    speaker_sentence = last + 1
                elif first >= 1 and first - 1 in speakers:
                    speaker_sentence = first - 1
                elif first - 1 in continued:
                    speaker_sentence = continued[first - 1]  # the next paragraph of the same quotation
            has_speaker = speaker_sentence is not None
            # An anonymous speaker owns the quotation as a named one would, and its
            # continuation: the next quotation that starts right after it.
            anonymous = not has_speaker and (
                any(i in vague for i in range(first, last + 1)) or first - 1 in anonymous_quoted
            )
            if anonymous:
                anonymous_quoted.update(range(first, last + 1))
            if has_speaker and speaker_sentence is not None:
                continued.update(dict.fromkeys(range(first, last + 1), speaker_sentence))
            quotes.append(
                Quote(
                    start,
                    end,
                    words,
                    speakers.get(speaker_sentence) if has_speaker else None,
                    has_speaker,
                    anonymous,
                )
            )
        return quotes


# -- helpers ----------------------------------------------------------------------------
class _SpanSet:
    """Sorted, non-overlapping spans; `contains` by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def contains(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and self.spans[index][0] <= offset < self.spans[index][1]


_WORD_OR_COMMA_RE = compiled(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’\-.&]*|,")
_ELISION_RE = compiled(r"^(\p{Ll}{1,3}['’]|[LDJMNSTC]['’]|Qu['’])(?=[\p{Lu}aeiouyhàâéèêëîïôûAEIOUYHÉÈÀÂÎÔ])")


def _tokens(text: str) -> list[str]:
    """Words and commas, in order (commas mark appositives); a French elision is
    its own word ("l'AFP" -> "l'", "AFP"; "qu'a" -> "qu'", "a")."""
    result: list[str] = []
    for match in _WORD_OR_COMMA_RE.finditer(text):
        result.extend(_word_tokens(match.group()))
    return result


def _word_tokens(word: str) -> list[str]:
    """The tokens of one match of _WORD_OR_COMMA_RE."""
    word = word.rstrip(".") or word
    if "'" not in word[:4] and "’" not in word[:4]:
        return [word]  # an elision's mark is its 2nd to 4th character: most words have none
    elision = _ELISION_RE.match(word)
    if elision and len(word) > elision.end():
        return [elision.group(1).replace("’", "'"), word[elision.end() :]]
    return [word]


_COMMA_RE = compiled(",")


class _SentenceWords:
    """One sentence's tokens with their offsets, and its clause marks and commas,
    found once; `first` and `last` give what `_tokens` would give for a part of
    it, in time proportional to the words asked for.

    A word cut by the part's edge is tokenised again from the cut (the token
    regex has no lookaround, so a scan of the part starts afresh there and
    ends where the whole word ends)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.tokens: list[list[str]] = []
        for match in _WORD_OR_COMMA_RE.finditer(text, start, end):
            self.spans.append(match.span())
            self.tokens.append(_word_tokens(match.group()))
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]
        self.marks = [m.start() for m in _CLAUSE_END_RE.finditer(text, start, end)]  # one character each
        self.commas = [m.start() for m in _COMMA_RE.finditer(text, start, end)]
        self.start = start

    def _piece(self, k: int, a: int, b: int) -> list[str]:
        s, e = self.spans[k]
        if s >= a and e <= b:
            return self.tokens[k]
        return _tokens(self.text[max(s, a) : min(e, b)])

    def first(self, a: int, b: int, count: int) -> list[str]:
        """_tokens(text[a:b])[:count]"""
        result: list[str] = []
        k = bisect.bisect_right(self.ends, a)
        while k < len(self.spans) and self.spans[k][0] < b and len(result) < count:
            result.extend(self._piece(k, a, b))
            k += 1
        return result[:count]

    def last(self, a: int, b: int, count: int) -> list[str]:
        """_tokens(text[a:b])[-count:]"""
        pieces: list[list[str]] = []
        taken = 0
        k = self._last_before(b)
        while k >= 0 and self.ends[k] > a and taken < count:
            piece = self._piece(k, a, b)
            pieces.append(piece)
            taken += len(piece)
            k -= 1
        result = [token for piece in reversed(pieces) for token in piece]
        return result[-count:] if count else []

    def _last_before(self, b: int) -> int:
        """Index of the last span starting before b."""
        return bisect.bisect_left(self.starts, b) - 1

    def clause_start(self, offset: int) -> int:
        """Just after the last clause mark before `offset` (the sentence start if none)."""
        k = bisect.bisect_left(self.marks, offset) - 1
        return self.marks[k] + 1 if k >= 0 and self.marks[k] + 1 <= offset else self.start

    def clause_end(self, offset: int) -> int | None:
        """The first clause mark at or after `offset`."""
        k = bisect.bisect_left(self.marks, offset)
        return self.marks[k] if k < len(self.marks) else None

    def comma(self, offset: int) -> int | None:
        k = bisect.bisect_left(self.commas, offset)
        return self.commas[k] if k < len(self.commas) else None


_TITLE_RE = compiled(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|M|Mme|Me)\.?\s+)+")
_POSSESSIVE_RE = compiled(r"['’]s?$")


def _clean_name(name: str) -> str:
    return _POSSESSIVE_RE.sub("", _TITLE_RE.sub("", name)).strip()


def _distinct_sources(names: Iterable[str]) -> tuple[str, ...]:
    """Names in order of first mention; a surname alone joins the full name met before."""
    result: list[str] = []
    for name in names:
        if not name or name in result:
            continue
        if " " not in name and any(r.split()[-1] == name for r in result):
            continue
        result.append(name)
    return tuple(result)


def summary(analysis: Analysis, words: int) -> dict[str, Any]:
    """The `metrics.sourcing` object of a report."""
    # weasel > attributed, as the guide orders them: a sentence that names a speaker and
    # also stands behind a vague one counts among the vague, not the attributed
    attributed = len(analysis.attributed - analysis.weasel_sentences)
    claims = len(analysis.claims)
    # As for the unsupported-claim rules: a source in the sentence or the one before or after.
    attributed_claims = sum(
        1 for i in analysis.claims if analysis.any_attributed(i - CLAIM_WINDOW, i + CLAIM_WINDOW)
    )
    with_speaker = sum(1 for q in analysis.quotes if q.has_speaker)
    return {
        "attributed_sentences": attributed,
        "attributed_share": round(attributed / analysis.sentences, 3) if analysis.sentences else 0.0,
        "attributions_per_1000_words": round(1000.0 * attributed / words, 1) if words else 0.0,
        # the sentences the claims.vague-source rule judges weasel, and those whose
        # only reporting verb has a vague speaker: one speaker classification for both
        "vague_attributions": len(analysis.vague | analysis.weasel_sentences),
        "quotes_with_speaker": with_speaker,
        "quotes_without_speaker": len(analysis.quotes) - with_speaker,
        "named_sources": list(analysis.sources),
        "claim_sentences": claims,
        "attributed_claim_sentences": attributed_claims,
        "claims_attributed_share": round(attributed_claims / claims, 3) if claims else None,
    }
