"""Synthetic missing names: recall and precision of the `entities` rules on clean
prose from which link-like names were deleted, as a scraper that drops link text does.

    python bench/holes_synthetic.py                 # held-out half B, every language
    python bench/holes_synthetic.py --half A        # the half rules may be tuned on
    python bench/holes_synthetic.py --limit 200 --show-false 20 --show-misses 20

Data: ../shared/corpus/clean/{en,fr,de}.jsonl (edited prose, names intact).

Split.  Records go to half A or B by the SHA-1 of their id (`half_of`).  Rules
and word lists are written looking at half A only (its deletions and its false
findings); the figures that count are those of half B, which nobody tuned on.
The real labeled pages (corpus/holes, corpus/fr-de/holes: `bench/quality.py
holes`) are the check that these synthetic figures mean something.

Deletions.  A candidate is a run of 1-5 capitalised words (lowercase particles
such as "of", "de", "von" allowed inside) standing where scrapers find link
text: after a preposition, in a list (between commas or before a
conjunction), as a subject (a sentence start followed by a lowercase word),
as an object (after a verb; in English a word in -ed, -s or a listed verb),
as the noun of an article ("the Guardian reported", "le Sénat a voté"),
after a role ("chairman Alan Beith said"), or in English in apposition to a
common noun after a determiner, closing its phrase ("in the journal BMJ Case
Reports.").  A possessive ending stays in the text ("of ’s management"): it
stands outside the link.  A sentence's first word counts as a
name only when the document also writes it capitalised mid-sentence; a German
capitalised word, which may be any noun, counts only when the corpus rarely
puts an article before it.  Each candidate is deleted with probability
`--rate` (seeded by the record id, so the output is deterministic), never two
in the same sentence, then the blanks left are collapsed as a scraper does
("According to Reuters, the" -> "According to , the").

Scores.  recall: deleted spans with an `entities` finding on their line within
20 columns of where the text stood; precision: findings within 20 columns of
a deletion over all findings on the damaged records (the clean-corpus rate of
`bench/quality.py holes` covers the records with nothing deleted).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

# This checkout's artlint, not whichever one is installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from artlint.api import Linter
from artlint.config import Config
from artlint.ruleset import _load_yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CATEGORY = "entities"
LANGUAGES = ("en", "fr", "de")
WINDOW = 20
TARGET_RECALL = 0.75
TARGET_PRECISION = 0.90
SEED = 12

# A capitalised word (inner apostrophes, hyphens, dots: "O'Brien", "Jean-Luc", "U.S").
_CAP = r"\p{Lu}[\p{L}\p{M}\p{N}'’\-]*(?:\.\p{Lu}[\p{L}\p{M}\p{N}'’\-]*)*"
_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*")
# Sentence ends: a full stop, ! or ? followed by a blank (abbreviations blur this,
# which only makes a few candidates look mid-sentence).
# Marks that close a noun phrase right after a name in apposition.
_CLOSING = frozenset({",", ".", ")"})
_SENTENCE_END_RE = regex.compile(r"[.!?…][\"”’»)]*[ \t]+|\n")


def half_of(record_id: str) -> str:
    """'A' (may be looked at while writing rules) or 'B' (held out), by the id's hash."""
    return "A" if hashlib.sha1(record_id.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def load_words(language: str) -> dict[str, set[str]]:
    # artlint's own loader: plain YAML would read "on" and "no" as booleans.
    data, _node = _load_yaml(ROOT / "rules" / "languages" / f"{language}.yaml")
    classes = data.get("word_classes", {})
    words = {name: {w.casefold() for w in values} for name, values in classes.items()}
    words["stopwords"] = {w.casefold() for w in data.get("stopwords", [])}
    return words


def read_records(clean: Path, language: str, half: str | None, limit: int | None) -> Iterator[dict]:
    """Records of one language in file order; `limit` caps each genre (a quick sample)."""
    per_genre: Counter[str] = Counter()
    with (clean / f"{language}.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if half and half_of(record["id"]) != half:
                continue
            if limit is not None and per_genre[record["genre"]] >= limit:
                continue
            per_genre[record["genre"]] += 1
            # The novels say "eng", "fra", "deu": the file names the language artlint uses.
            record["lang"] = language
            yield record


@dataclass(frozen=True)
class Hole:
    line: int  # 1-based
    column: int  # 0-based, where the text stood in the damaged line
    text: str
    where: str  # preposition | list | subject | object | title | apposition | determiner


@dataclass
class NameStats:
    """How often a capitalised German word follows an article, a possessive or an
    inflected adjective: common nouns do ("ihren Platz", "faule Kredite"), names
    rarely ("in Wien", "sagte Katzian")."""

    after_modifier: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)

    def name_like(self, word: str) -> bool:
        seen = self.total[word]
        return seen >= 3 and self.after_modifier[word] / seen < 0.1


# Inflected adjectives and possessives end so ("faule", "ihren", "seinem").
_MODIFIER_RE = regex.compile(r"\p{Ll}+(?:e|en|em|er|es|s)")


def german_stats(records: Iterable[dict], words: dict[str, set[str]]) -> NameStats:
    stats = NameStats()
    # Articles, also fused with a preposition ("im", "zum"): common nouns follow them.
    determiners = words["determiners"] | words.get("contracted_articles", set())
    for record in records:
        previous = ""
        for match in _WORD_RE.finditer(record["text"]):
            word = match.group()
            if word[:1].isupper():
                stats.total[word] += 1
                if previous.casefold() in determiners or _MODIFIER_RE.fullmatch(previous):
                    stats.after_modifier[word] += 1
            previous = word
    return stats


def _candidates(
    text: str, language: str, words: dict[str, set[str]], stats: NameStats | None
) -> list[tuple[int, int, str]]:
    """(start, end, where) of the link-like name spans of one paragraph."""
    # Lowercase words that may stand inside a name ("Bank of America", "Thomas d'Aquin").
    name_particles = words.get("name_particles", set())
    particles = "|".join(regex.escape(p) for p in sorted(name_particles, key=len, reverse=True))
    span_re = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}'’\-]){_CAP}(?:[ \t]+(?:(?:{particles})[ \t]+){{0,2}}{_CAP}){{0,4}}"
        rf"(?![\p{{L}}\p{{N}}'’\-])"
    )
    starts = {0} | {m.end() for m in _SENTENCE_END_RE.finditer(text)}
    # Words the paragraph writes capitalised where no sentence starts: names.
    mid_words = {w for m in span_re.finditer(text) if m.start() not in starts for w in m.group().split()}
    prepositions = words["prepositions"]
    conjunctions = words["conjunctions"]
    function = (
        words["stopwords"]
        | words["determiners"]
        | prepositions
        | conjunctions
        | words.get("subject_pronouns", set())
    )
    found = []
    for match in span_re.finditer(text):
        span = match.group()
        parts = span.split()
        if len(parts) > 5 or parts[-1].casefold() in name_particles:
            continue
        if parts[0].casefold() in function or (not any(ch.islower() for ch in span) and len(span) > 5):
            continue  # a capitalised function word, or a shouted heading
        start, end = match.span()
        if span.endswith(("'s", "’s")):
            end -= 2  # "⟦Labour⟧’s management": the possessive ending is outside the link
        before = text[max(0, start - 40) : start]
        after = text[end : end + 40]
        prev = _WORD_RE.findall(before)
        prev_word = prev[-1].casefold() if prev and before.rstrip() and before.rstrip()[-1].isalnum() else ""
        next_match = regex.match(r"[ \t]*([\p{L}\p{N}]+|\S)", after)
        next_token = next_match.group(1) if next_match else ""
        at_start = start in starts
        if (
            language != "de"
            and next_token[:1].islower()
            and next_token.casefold() not in function | words.get("auxiliaries", set())
            and not regex.fullmatch(r"\p{Ll}+(?:ed|s|e|a|ent|ait)", next_token)
        ):
            continue  # a modifier ("Olympic silver", "Turing machine"), not a name in its own slot
        if (
            language == "de"
            and stats is not None
            and not all(stats.name_like(p) for p in parts if p[:1].isupper())
        ):
            continue
        if at_start:
            if parts[0] not in mid_words:
                continue  # capitalised because it opens the sentence, maybe not a name
            if next_token[:1].islower() and next_token.casefold() not in conjunctions:
                found.append((start, end, "subject"))
            continue
        if prev_word in prepositions:
            found.append((start, end, "preposition"))
        elif before.rstrip().endswith(",") or prev_word in conjunctions:
            if next_token in {",", "."} or next_token.casefold() in conjunctions:
                found.append((start, end, "list"))
        elif prev_word in words.get("articles", set()):
            # A name standing as the noun of an article: "the ⟦Guardian⟧ reported", "le
            # ⟦Sénat⟧ a voté" (a lowercase word after it made it a modifier, skipped above).
            found.append((start, end, "determiner"))
        elif prev_word and prev[-1][:1].islower() and prev_word not in function:
            if prev_word in words.get("roles", set()):
                found.append((start, end, "title"))  # "chairman ⟦Alan Beith⟧ said"
            elif language != "en" or _english_verb(prev_word, words):
                found.append((start, end, "object"))
            elif len(prev) >= 2 and prev[-2].casefold() in words["determiners"] and next_token in _CLOSING:
                # A name in apposition to a common noun, closing its phrase: "in the journal
                # ⟦BMJ Case Reports⟧.", "the program ⟦2B Mindset⟧," (real scraped pages do this).
                found.append((start, end, "apposition"))
    return found


def _english_verb(word: str, words: dict[str, set[str]]) -> bool:
    """Whether an English word before a name can be its verb ("beat", "told", "said",
    "joins"); adjectives and nouns before a name make it a modifier ("senior Conservative
    members", "record holder Ceplak"), not an object."""
    known = words["auxiliaries"] | words.get("reporting_verbs", set()) | words.get("irregular_pasts", set())
    return word in known or word.endswith("ed") or (word.endswith("s") and not word.endswith("ss"))


def damage(
    record: dict, words: dict[str, set[str]], stats: NameStats | None, rate: float
) -> tuple[str, list[Hole]]:
    """The record's text with some names deleted, and where they stood."""
    rng = random.Random(f"{SEED}:{record['id']}")
    language = record["lang"]
    lines_out: list[str] = []
    holes: list[Hole] = []
    for number, paragraph in enumerate(record["text"].split("\n"), start=1):
        chosen: list[tuple[int, int, str]] = []
        taken_sentences: set[int] = set()
        sentence_starts = [0] + [m.end() for m in _SENTENCE_END_RE.finditer(paragraph)]
        for start, end, where in _candidates(paragraph, language, words, stats):
            if rng.random() >= rate:
                continue
            sentence = max(i for i, s in enumerate(sentence_starts) if s <= start)
            if sentence in taken_sentences:
                continue
            taken_sentences.add(sentence)
            chosen.append((start, end, where))
        out = []
        cursor = 0
        line_holes = []
        for start, end, where in chosen:
            out.append(paragraph[cursor:start])
            line_holes.append((len("".join(out)), paragraph[start:end], where))
            cursor = end
        out.append(paragraph[cursor:])
        line = "".join(out)
        # Collapse the blanks the deletion left, tracking where each hole moves.
        collapsed, columns = _collapse(line, [c for c, _t, _w in line_holes])
        for column, (_c, text, where) in zip(columns, line_holes, strict=True):
            holes.append(Hole(number, column, text, where))
        lines_out.append(collapsed)
    return "\n".join(lines_out), holes


def _collapse(line: str, spots: list[int]) -> tuple[str, list[int]]:
    """Runs of blanks become one blank, leading and trailing blanks go; the offsets
    in `spots` are mapped to the new line."""
    out: list[str] = []
    mapping: list[int] = []
    previous_blank = True  # drops leading blanks
    for char in line:
        mapping.append(len(out))
        if char in " \t":
            if previous_blank:
                continue
            previous_blank = True
            out.append(" ")
        else:
            previous_blank = False
            out.append(char)
    mapping.append(len(out))
    text = "".join(out).rstrip(" ")
    return text, [min(mapping[s], len(text)) for s in spots]


@dataclass
class Score:
    records: int = 0
    words: int = 0
    holes: int = 0
    found: int = 0
    findings: int = 0
    right: int = 0
    by_where: Counter[str] = field(default_factory=Counter)
    found_where: Counter[str] = field(default_factory=Counter)
    rule_right: Counter[str] = field(default_factory=Counter)
    rule_wrong: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    # Deletions whose junction (the word before and the word after the spot) is a pair
    # that edited prose of half A writes at least JUNCTION_SEEN times: nothing local
    # shows them ("sued in 2001", "s'écria en riant"), and how many of those were found.
    invisible: int = 0
    invisible_found: int = 0

    @property
    def ceiling(self) -> float | None:
        """Recall if every deletion with an unusual junction were found, and no other."""
        return (self.holes - self.invisible + self.invisible_found) / self.holes if self.holes else None

    @property
    def recall(self) -> float | None:
        return self.found / self.holes if self.holes else None

    @property
    def precision(self) -> float | None:
        return self.right / self.findings if self.findings else None


JUNCTION_SEEN = 3
_JUNCTION_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*|[^\s\p{L}\p{N}]")


def junction_counts(texts: Iterable[str]) -> Counter[tuple[str, str]]:
    """How often each pair of adjacent tokens (words or marks, case-folded) occurs."""
    pairs: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for line in text.split("\n"):
            tokens = [t.casefold() for t in _JUNCTION_RE.findall(line)]
            pairs.update(itertools.pairwise(tokens))
    return pairs


def _junction(line: str, column: int) -> tuple[str, str]:
    before = _JUNCTION_RE.findall(line[:column])
    after = _JUNCTION_RE.findall(line[column:])
    return (before[-1].casefold() if before else "", after[0].casefold() if after else "")


def score_record(
    linter: Linter,
    record: dict,
    text: str,
    holes: list[Hole],
    score: Score,
    min_severity: str,
    junctions: Counter[tuple[str, str]] | None = None,
) -> None:
    rank = {"info": 0, "warning": 1, "error": 2}
    result = linter.lint_text(text, lang=record["lang"])
    findings = [
        f for f in result.findings if f.category == CATEGORY and rank[f.severity] >= rank[min_severity]
    ]
    lines = text.split("\n")
    score.records += 1
    score.words += len(text.split())
    for hole in holes:
        score.holes += 1
        score.by_where[hole.where] += 1
        found = any(f.line == hole.line and abs(f.column - 1 - hole.column) <= WINDOW for f in findings)
        if junctions is not None and junctions[_junction(lines[hole.line - 1], hole.column)] >= JUNCTION_SEEN:
            score.invisible += 1
            score.invisible_found += found
        if found:
            score.found += 1
            score.found_where[hole.where] += 1
        else:
            line = lines[hole.line - 1]
            score.misses.append(
                f"{record['id']}:{hole.line} [{hole.where}] …{line[max(0, hole.column - 60) : hole.column]}"
                f"⟦{hole.text}⟧{line[hole.column : hole.column + 40]}…"
            )
    for f in findings:
        score.findings += 1
        if any(f.line == h.line and abs(f.column - 1 - h.column) <= WINDOW for h in holes):
            score.right += 1
            score.rule_right[f.rule] += 1
        else:
            score.rule_wrong[f.rule] += 1
            line = lines[f.line - 1]
            c = f.column - 1
            score.false.append(
                f"{record['id']}:{f.line} {f.rule}: …{line[max(0, c - 60) : c]}⟦⟧{line[c : c + 40]}…"
            )


def synthetic(
    linter: Linter, clean: Path, half: str | None, limit: int | None, rate: float, min_severity: str = "info"
) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for language in LANGUAGES:
        words = load_words(language)
        stats = german_stats(read_records(clean, language, None, None), words) if language == "de" else None
        junctions = junction_counts(r["text"] for r in read_records(clean, language, "A", None))
        for record in read_records(clean, language, half, limit):
            text, holes = damage(record, words, stats, rate)
            if holes:
                score_record(linter, record, text, holes, scores[language], min_severity, junctions)
    return dict(scores)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_scores(scores: dict[str, Score], title: str) -> None:
    print(title)
    print(
        f"{'language':<9} {'records':>7} {'words':>8} {'holes':>6} {'found':>6} {'recall':>7} "
        f"{'findings':>8} {'right':>6} {'precision':>9} {'ceiling':>7}  by place (found/deleted)"
    )
    for language, s in sorted(scores.items()):
        places = ", ".join(f"{w} {s.found_where[w]}/{n}" for w, n in sorted(s.by_where.items()))
        meets = (s.recall or 0) >= TARGET_RECALL and (s.precision or 0) >= TARGET_PRECISION
        print(
            f"{language:<9} {s.records:>7} {s.words:>8} {s.holes:>6} {s.found:>6} {_fmt(s.recall):>7} "
            f"{s.findings:>8} {s.right:>6} {_fmt(s.precision):>9} {_fmt(s.ceiling):>7}  {places}"
            f"   {'meets targets' if meets else 'BELOW target'}"
        )
    print()


def print_rules(scores: dict[str, Score]) -> None:
    print("findings per rule (near a deletion / elsewhere):")
    for language, s in sorted(scores.items()):
        for rule in sorted(set(s.rule_right) | set(s.rule_wrong)):
            print(f"  {language} {rule:<40} {s.rule_right[rule]:>6} {s.rule_wrong[rule]:>5}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--half", choices=("A", "B", "all"), default="B", help="records to damage (default: B, held out)"
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="at most this many records per language and genre"
    )
    parser.add_argument("--rate", type=float, default=0.3, help="chance that a candidate name is deleted")
    parser.add_argument("--min-severity", choices=("info", "warning", "error"), default="info")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N")
    parser.add_argument("--show-false", type=int, default=0, metavar="N")
    parser.add_argument(
        "--no-real", action="store_true", help="skip the real pages (corpus/holes, corpus/fr-de/holes)"
    )
    parser.add_argument("--dump", type=Path, help="write the damaged records and their holes here (JSONL)")
    args = parser.parse_args(argv)
    clean = args.shared / "corpus" / "clean"
    if not clean.is_dir():
        print(f"no clean corpus at {clean}", file=sys.stderr)
        return 2
    if args.dump:
        return dump(clean, args)
    linter = Linter.from_config(Config(select=(CATEGORY,)), use_cache=False)
    half = None if args.half == "all" else args.half
    scores = synthetic(linter, clean, half, args.limit, args.rate, args.min_severity)
    print_scores(
        scores,
        f"synthetic deletions, half {args.half}, rate {args.rate}, "
        f"findings of severity >= {args.min_severity}; "
        f"targets: recall >= {TARGET_RECALL} at precision >= {TARGET_PRECISION}",
    )
    print(
        f"ceiling: the recall if every deletion were found except those whose junction (the words\n"
        f"either side of the spot) edited prose of half A writes {JUNCTION_SEEN}+ times, which no local\n"
        f"evidence can tell from intact text (unless found anyway).\n"
    )
    print_rules(scores)
    if not args.no_real:
        print_real_pages(linter, args.shared / "corpus")
    for language, s in sorted(scores.items()):
        if args.show_misses:
            print(f"missed ({language}):")
            rng = random.Random(SEED)
            for line in rng.sample(s.misses, min(args.show_misses, len(s.misses))):
                print("  " + line)
        if args.show_false:
            print(f"false ({language}):")
            for line in s.false[: args.show_false]:
                print("  " + line)
    return 0


def print_real_pages(linter: Linter, corpus: Path) -> None:
    """The check that the synthetic figures mean something: the real pages whose link
    text a scraper dropped (no rule was tuned on them in issue 12)."""
    sys.path.insert(0, str(HERE))
    from quality_holes import Tally, print_table, score_folder

    languages_file = corpus / "fr-de" / "languages.json"
    languages = json.loads(languages_file.read_text(encoding="utf-8")) if languages_file.is_file() else {}
    total = Tally()
    for folder, labels in ((corpus / "holes", {}), (corpus / "fr-de" / "holes", languages)):
        if folder.is_dir():
            for tally in score_folder(linter, folder, labels).values():
                total.add(tally)
    if total.pages:
        print_table("real pages with holes (corpus/holes + corpus/fr-de/holes)", {"all": total}, "total")


def dump(clean: Path, args: argparse.Namespace) -> int:
    half = None if args.half == "all" else args.half
    with args.dump.open("w", encoding="utf-8") as out:
        for language in LANGUAGES:
            words = load_words(language)
            stats = (
                german_stats(read_records(clean, language, None, None), words) if language == "de" else None
            )
            for record in read_records(clean, language, half, args.limit):
                text, holes = damage(record, words, stats, args.rate)
                row: dict[str, Any] = {**record, "text": text, "holes": [h.__dict__ for h in holes]}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
