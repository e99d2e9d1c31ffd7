"""Patterns run one by one, split at their leading alternation and tried only
where their first words stand (artlint.prefilter, artlint.matching.PatternSet),
must match exactly as the alternation of the rule's patterns did; phrase lists
written as prefix trees (matching.alternation) exactly as the longest-first list."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex
from conftest import ARTICLES, CORPUS, HAVE_SHARED, SEEDS

from artlint import matching
from artlint.document import Document
from artlint.engine import build_document
from artlint.kinds import unless as unless_module
from artlint.matching import (
    WORD_EDGE_AFTER,
    WORD_EDGE_BEFORE,
    PatternSet,
    alternation,
    compile_set,
    expand_word_lists,
    leading_words,
    matches_in,
    phrase_to_regex,
    scan,
)
from artlint.prefilter import Prefilter, branches, contained_literals, fold, prefilter, start_literals
from artlint.rule import Rule
from artlint.ruleset import RuleSet, load_ruleset
from artlint.sources import Article

FLAGS = regex.IGNORECASE | regex.MULTILINE
RULE = Rule(id="test.rule", category="test", kind="pattern", severity="info", message="m")


def _texts() -> list[Path]:
    corpus = sorted(CORPUS.rglob("*.txt"))
    return _articles() + sorted(SEEDS.glob("*.txt")) + corpus[::3]


def _at_least(with_corpora: int, fixtures_only: int) -> int:
    """How much a test must have checked not to pass by checking nothing: the
    fixture articles alone (a bare clone) hold fewer matches than the corpora."""
    return with_corpora if HAVE_SHARED else fixtures_only


def _articles() -> list[Path]:
    """The fixture articles: one of each defect class, always there."""
    return sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md"))


def _alternation(sources: list[str], flags: int, where: str, leads: object = ()) -> PatternSet:
    """The rule's patterns as one alternation, as they ran before PatternSet
    (no split, no prefilter, no leading words)."""
    return PatternSet((regex.compile("|".join(f"(?:{s})" for s in sources), flags),), (Prefilter(None),))


def _found(matches: Iterator[regex.Match[str]]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    return [(m.span(), {k: v for k, v in m.groupdict().items() if v is not None}) for m in matches]


def _pattern_sets(matcher: Any) -> Iterator[tuple[str, PatternSet]]:
    for item in dataclasses.fields(matcher):
        value = getattr(matcher, item.name)
        if isinstance(value, PatternSet):
            yield item.name, value
        elif dataclasses.is_dataclass(value) and isinstance(getattr(value, "pattern", None), PatternSet):
            yield f"{item.name}.pattern", value.pattern


@pytest.fixture(scope="module")
def rulesets() -> tuple[RuleSet, RuleSet]:
    patch = pytest.MonkeyPatch()
    patch.setattr(unless_module, "compile_set", _alternation)
    try:
        reference = load_ruleset(use_cache=False)
    finally:
        patch.undo()
    return load_ruleset(), reference


def test_rule_patterns_match_as_their_alternation(rulesets: tuple[RuleSet, RuleSet]) -> None:
    current, reference = rulesets
    old_rules = reference.by_id()
    compared = 0
    for path in _texts():
        document, _ = build_document(Article(str(path), "txt", path.read_text("utf-8")), current, None)
        for rule in current.rules:
            matcher = rule.matcher_for(document.language)
            if matcher is None:
                continue
            old_matcher = old_rules[rule.id].matcher_for(document.language)
            old_sets = dict(_pattern_sets(old_matcher))
            for name, patterns in _pattern_sets(matcher):
                old = old_sets[name]
                where = f"{rule.id} {name} on {path.name}"
                assert _found(scan(patterns, document, rule)) == _found(scan(old, document, rule)), where
                for sentence in document.sentences:
                    expected = old.patterns[0].search(document.text, sentence.start, sentence.end) is not None
                    assert matches_in(patterns, document, rule, sentence.start, sentence.end) == expected, (
                        where
                    )
                compared += 1
    assert compared > _at_least(1000, 100)


TRICKY = [
    # empty matches next to others, optional and nested leading groups, lookbehinds,
    # named groups, case-sensitive parts, alternatives sharing a first word
    [r"\b(?:the|a)?\s*", r"(?<=\bof\s)(?P<at>)", r"\bthe\b"],
    [r"x*", r"(?=[ts])\b(?:th(?:e|is)|so)\b", r"\B"],
    [r"(?:some|many)?\s?(?P<w>\w+)(?=\s+(?:of|the)\b)", r",\s*"],
    [r"(?-i:The)\b|\ba\s+(?:lot|number)\s+of\b", r"(?i:the)\s+(?:most|best)"],
    [r"(?:(?:the|a)\s+)?(?:first|last|next)\b", r"\b(?:is|are)(?:\s+not)?\s+(?:\w+ly\s+)?\w+ed\b"],
    [r"(?:a|an|the)(?:\s+very)?", r"(?:an?|the)\s+\w+", r"(?:)"],
    [r"\b(?:l|d|qu)['’](?P<at>)", r"\b(?:selon|d['’]après)\s+(?:des|les)\s+\w+"],
    # leading lookaheads that some branches satisfy by their first character and some do not
    [r"(?=[\d\w])(?:\b(?:\d[\d,.]*|dozens|-)\s+\w+)", r"(?=[tT])(?:\b(?:the|a|T)\s)", r"(?=\w)(?:\d*x|\s)"],
]


@pytest.mark.parametrize("sources", TRICKY)
def test_tricky_pattern_sets_match_as_their_alternation(sources: list[str]) -> None:
    combined = regex.compile("|".join(f"(?:{s})" for s in sources), FLAGS)
    patterns = compile_set(sources, FLAGS, "test")
    for path in _articles() + sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("fr-de/holes/*.txt"))[:4]:
        document = Document(path.read_text("utf-8"))
        assert _found(scan(patterns, document, RULE)) == _found(combined.finditer(document.text)), path.name
        for line in document.nonblank_lines:
            assert _found(scan(patterns, document, RULE, line.start, line.end)) == _found(
                combined.finditer(document.text, line.start, line.end)
            )


def test_every_match_starts_with_one_of_its_literals(rulesets: tuple[RuleSet, RuleSet]) -> None:
    current, _ = rulesets
    checked = 0
    for path in _texts()[:90]:  # 60 gave 435 matches once claims figures were narrowed to the guide
        text = path.read_text("utf-8")
        folded = fold(text)
        assert folded is not None and len(folded) == len(text)
        for rule in current.rules:
            for language in rule.compiled:
                for _name, patterns in _pattern_sets(rule.compiled[language]):
                    for pattern, wanted in zip(patterns.patterns, patterns.filters, strict=True):
                        for match in pattern.finditer(text):
                            checked += 1
                            if wanted.starts is not None:
                                assert folded.startswith(wanted.starts, match.start()), pattern.pattern
                            for literals in wanted.requires:
                                assert any(word in folded for word in literals), pattern.pattern
    assert checked > _at_least(400, 20)  # real matches were checked, not none


def test_every_line_rule_match_holds_one_of_its_needles(rulesets: tuple[RuleSet, RuleSet]) -> None:
    """A `line` rule tries only the lines holding one of its needles: every
    match its regex finds on a line of a real text holds one."""
    current, _ = rulesets
    checked = with_needles = 0
    for path in _texts()[:80]:
        text = path.read_text("utf-8")
        folded = fold(text)
        assert folded is not None
        for rule in current.rules:
            if rule.kind != "line":
                continue
            for matcher in rule.compiled.values():
                if matcher.needles is None:
                    continue
                with_needles += 1
                start = 0
                for line in text.split("\n"):
                    end = start + len(line)
                    found = matcher.pattern.search(text, start, end)
                    if found is not None:
                        checked += 1
                        held = folded[found.start() : found.end()]
                        assert any(needle in held for needle in matcher.needles), (rule.id, line)
                    start = end + 1
    assert with_needles > _at_least(1000, 100) and checked > _at_least(50, 5)


def test_a_pattern_led_by_a_word_list_is_looked_for_at_those_words() -> None:
    variables = {"roles": ["president", "vice president", "co-founder", "CEO"]}
    template = r"\b(?i:{{roles}})(?=[ \t]+(?:is|has|said)\b)"
    lead = leading_words(template, variables)
    assert lead == frozenset({"president", "vice", "co", "ceo"})
    assert leading_words(r"\b(?i:{{roles}})\w*", variables) is None  # the word may go on
    assert leading_words(r"(?i:{{roles}})[ \t]", variables) is None  # may start inside a word
    assert leading_words(r"\b{{roles}}[ \t]", {"roles": ["#tag", "word"]}) is None
    source = expand_word_lists(template, variables, "test")
    led = compile_set([source], FLAGS, "test", [lead])
    plain = compile_set([source], FLAGS, "test")
    assert led.leads == (lead,) and plain.leads == ()
    text = (
        "The Vice President said no. Co-founder has left; the president-elect is here.\n"
        "ex-CEO is gone, ²president has, PRESIDENT said it, presidents are, Cofounder is."
    )
    document = Document(text=text, path="-", language="en")
    expected = [m.span() for m in regex.compile(source, FLAGS).finditer(text)]
    assert [m.span() for m in scan(led, document)] == expected == [m.span() for m in scan(plain, document)]
    assert len(expected) == 5


@pytest.mark.parametrize(
    "template",
    [
        r"\b{{w}}\s*york",  # the blank may be missing: "Newyork"
        r"\b{{w}}[ \t]?york",
        r"\b{{w}}(?=\s|s\b)",  # "new" inside "news"
        r"\b{{w}}[ \t]+x|\bfoo",  # another alternative at the top
        r"(?a)\b{{w}}[ \t]+x",  # global flags change the word boundaries
    ],
)
def test_a_word_list_is_not_a_lead_when_the_match_may_start_otherwise(template: str) -> None:
    variables = {"w": ["new"]}
    source = expand_word_lists(template, variables, "test")
    lead = leading_words(template, variables) or frozenset({"new"})  # even if one were claimed
    led = compile_set([source], FLAGS, "test", [lead])
    assert led.leads == ()
    text = "Newyork news, new x. foo"
    document = Document(text=text, path="-", language="en")
    expected = [m.span() for m in regex.compile(source, FLAGS).finditer(text)]
    assert [m.span() for m in scan(led, document)] == expected and expected


def test_contained_literals() -> None:
    # the longest literal of each alternative, wherever it stands in it
    assert contained_literals(r"(?:^|(?<=[.!?]))\s*(?:sign up|an email with an activation link)", FLAGS) == (
        "activation",
        "sign",
    )
    assert contained_literals(r"\(?(?:©|ⓒ|\(c\))\s*\w+", FLAGS) == ("(c)", "©", "ⓒ")  # symbols are rare
    assert contained_literals(r"\b(?:ad|ads)\b", FLAGS) is None  # short words are everywhere
    assert contained_literals(r"[^\n]*\S[^\n]*", FLAGS) is None
    assert contained_literals(r"(?:read more)?\s*\w", FLAGS) is None  # the words are optional
    assert contained_literals(r"(?:read more)?\s*:", FLAGS) == (":",)
    assert contained_literals(r"(?:re)+adings", FLAGS) == ("adings",)  # "re" may repeat: not a prefix of it


def test_branches_split_a_leading_alternation() -> None:
    # The leading lookahead is kept in a branch only where it still rules something out.
    assert branches(r"(?=[sm])(?:\b(?:some|many|few)\s+say)", FLAGS) == [
        r"\bsome\s+say",
        r"\bmany\s+say",
        r"(?=[sm])\bfew\s+say",
    ]
    assert branches(r"\b(?:one\s+of\s+)?the\s+best", FLAGS) == [r"\bone\s+of\s+the\s+best", r"\bthe\s+best"]
    assert branches(r"a|b", FLAGS) == ["a", "b"]


def test_a_lookahead_every_branch_satisfies_is_dropped_from_it() -> None:
    # As in claims.unsourced-statistic: the lookahead kept the regex module from
    # skipping to the digits, and every branch starts with a digit or a letter.
    source = r"(?=[\d\w])(?:\b(?:\d[\d,.]*|dozens|hundreds)\s+(?:[\w-]+\s+){0,2}?(?:people|residents)\b)"
    assert branches(source, FLAGS) == [
        r"\b\d[\d,.]*\s+(?:[\w-]+\s+){0,2}?(?:people|residents)\b",
        r"\bdozens\s+(?:[\w-]+\s+){0,2}?(?:people|residents)\b",
        r"\bhundreds\s+(?:[\w-]+\s+){0,2}?(?:people|residents)\b",
    ]
    # Kept where the branch may start otherwise or consume nothing, or the class is not plain.
    assert branches(r"(?=\w)(?:\b(?:\w+|-x|\d*y))", FLAGS) == [r"\b\w+", r"(?=\w)\b-x", r"(?=\w)\b\d*y"]
    assert branches(r"(?=[a-z])(?:ab|cd)", FLAGS) == [r"(?=[a-z])ab", r"(?=[a-z])cd"]
    assert branches(r"(?=\w)(?:é|b)", FLAGS | regex.ASCII) == [r"(?=\w)é", r"(?=\w)b"]  # \w is [a-zA-Z0-9_]
    assert branches(r"(?=[²\w])(?:²|b)", FLAGS) == [r"²", r"b"]  # a listed member, a letter


@pytest.mark.parametrize(
    "source",
    [
        r"\b(?:a|b)(\w)\1",  # a numbered backreference: splitting renumbers the groups
        r"(?i)(?:a|b)c",  # global flags
        r"(?:a|b)??c",  # lazy: without the group first
        r"(?P<x>a|b)c",  # a capturing group stays
        r"(?=(?P<x>a))(?:a|b)",  # a capture in a lookaround
        r"(?x) (?:a|b)",  # free spacing
    ],
)
def test_branches_leave_alone_what_splitting_would_change(source: str) -> None:
    assert branches(source, FLAGS) == [source]


def test_start_literals() -> None:
    assert start_literals(r"(?=[rp])(?:\b(?:reportedly|rumou?redly)\b)", FLAGS) == (
        "reportedly",
        "rumoredly",
        "rumouredly",
    )
    assert start_literals(r"\bd['’]après", FLAGS) == ("d'après", "d’après")
    assert start_literals(r"(?-i:The)\s", FLAGS) == ("the",)
    assert start_literals(r"\s*foo", FLAGS) is None
    assert start_literals(r"[a-z]+", FLAGS) is None
    assert start_literals(r"İstanbul", FLAGS) is None  # its lower case is longer
    assert prefilter(r"\bis\s+(?:\w+ly\s+)?(?:believed|said)\s+to", FLAGS).requires == (("believed", "said"),)


def test_fold_agrees_with_case_insensitive_matching() -> None:
    """Two characters the regex module matches case-insensitively fold alike."""
    cased = "".join(
        chr(c)
        for c in range(0x110000)
        if not 0xD800 <= c < 0xE000 and (chr(c).lower() != chr(c) or chr(c).upper() != chr(c))
    )
    for char in cased:
        mine = fold(char)
        for other in regex.findall(regex.escape(char), cased, flags=regex.IGNORECASE):
            theirs = fold(other)
            if mine is not None and theirs is not None:
                assert mine == theirs, (char, other)


def test_a_text_that_cannot_be_folded_is_matched_the_usual_way() -> None:
    document = Document("İstanbul: some say the deal is off. Many say it is not.")
    assert document.folded.text is None
    patterns = compile_set([r"\b(?:some|many)\s+say"], FLAGS, "test")
    assert [m.group() for m in scan(patterns, document, RULE)] == ["some say", "Many say"]
    assert matching.matches_in(patterns, document, RULE, 0, 20)


def _longest_first(items: list[str], ignore_accents: bool = False) -> str:
    """The plain alternation that matching.alternation used to write."""
    ordered = sorted(set(items), key=lambda s: (-len(s), s))
    return "(?:" + "|".join(phrase_to_regex(item, ignore_accents) for item in ordered) + ")"


def _phrase_lists(ruleset: RuleSet) -> Iterator[tuple[list[str], bool]]:
    for rule in ruleset.rules:
        phrases = rule.options.get("phrases")
        lists = phrases.values() if isinstance(phrases, dict) else [phrases] if phrases else []
        for items in lists:
            yield list(items), bool(rule.options.get("ignore_accents", False))
    for profile in ruleset.languages.values():
        for words in profile.word_classes.values():
            yield list(words), False
    yield (
        ["Share", "share this", "a", "a lot", "a lot of", "ab", "it's", "it’s", "e-mail", "E-mail address"],
        False,
    )
    yield ["été", "ete", "Été publié", "déjà", "deja vu"], True


@pytest.mark.parametrize("flags", [FLAGS, regex.MULTILINE])
def test_phrase_lists_as_prefix_trees_match_as_the_longest_first_list(
    rulesets: tuple[RuleSet, RuleSet], flags: int
) -> None:
    current, _ = rulesets
    texts = [path.read_text("utf-8") for path in _texts()[:40]]
    compared = 0
    for items, ignore_accents in _phrase_lists(current):
        for after in ("", WORD_EDGE_AFTER, r"\s+\w+", r"[ \t]*$"):
            tree = regex.compile(WORD_EDGE_BEFORE + alternation(items, ignore_accents) + after, flags)
            plain = regex.compile(WORD_EDGE_BEFORE + _longest_first(items, ignore_accents) + after, flags)
            for text in texts:
                assert _found(tree.finditer(text)) == _found(plain.finditer(text)), items[:5]
            compared += 1
    assert compared > 100


def test_attribution_word_lookups_agree_with_listing_every_word() -> None:
    """attribution._Analyser looks up whether a word is written in lower case, or
    capitalised after another word, instead of listing every such word."""
    from artlint import attribution

    lower_words = regex.compile(r"(?<![\p{L}\p{M}'’\-])\p{Ll}[\p{L}\p{M}'’\-]*")
    midcap_words = regex.compile(r"(?<=[\p{L}\p{N},;%)][ \t\u00a0]{1,3})\p{Lu}[\p{L}\p{M}'’\-]*")
    lexicon = attribution.lexicon("en")
    assert lexicon is not None
    checked = 0
    for path in _texts()[:50]:
        text = path.read_text("utf-8")
        analyser = attribution._Analyser(Document(text), lexicon)
        lowercase, midcaps = set(lower_words.findall(text)), set(midcap_words.findall(text))
        for word in set(attribution._tokens(text)):
            for asked in {word, word.lower(), word.capitalize()}:
                assert analyser._written_as(asked, True) == (asked in midcaps), asked
                assert analyser._written_as(asked, False) == (asked in lowercase), asked
                checked += 1
    assert checked > _at_least(10000, 1000)
