"""Line-level precision, recall and F1 of the `boilerplate` category on the
labeled residue corpus and the seeds, next to the C4 line rules.

    python bench/quality.py residue          # the table, with the targets
    python bench/quality_residue.py --errors # the same, then every wrong line and the rule behind it
    python bench/quality_residue.py --rules  # the same, then each rule's right and wrong lines per set
    python bench/quality_residue.py --spread # the same, then how P and R vary over pages

A line counts as flagged when a boilerplate finding starts, ends or spans it.
Ground truth: `*.labels.jsonl` of ../shared/corpus/residue/{naive,traf_default}
(English-dominant; artlint detects each page's language) and
../shared/corpus/fr-de/residue/{naive,traf} split by the language that
languages.json gives (passed to artlint as the article language); for the
seeds, the lines labeled `boilerplate` (must/should) are residue and their
`clean` boilerplate lines are body.

C4 line rules (as datatrove applies them): a line is dropped when it does not
end in terminal punctuation (. ? ! " ' and the curly ” ’) or ends in "...",
has fewer than 3 words, or mentions javascript or a site policy.  Computed on
the same lines.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from artlint.api import Linter
from artlint.config import Config

# Targets from issue 3, for every language alike: precision on both variants,
# recall per variant.
PRECISION_TARGET = 0.95
RECALL_TARGET = {"naive": 0.85, "traf": 0.60}

# datatrove's list plus the typographic closing quotes, which our pages use
# (without them C4 would drop every paragraph ending in a quote).
_C4_END = (".", "?", "!", '"', "'", "”", "’")
_C4_POLICY = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)


@dataclass
class Page:
    name: str
    text: str
    labels: dict[int, bool]  # 1-based line -> is residue
    lang: str | None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, flagged: bool, residue: bool) -> None:
        if flagged and residue:
            self.tp += 1
        elif flagged:
            self.fp += 1
        elif residue:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Row:
    name: str
    variant: str | None  # naive | traf | None (no target)
    pages: int = 0
    ours: Counts = field(default_factory=Counts)
    c4: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)
    by_rule: dict[str, Counts] = field(default_factory=dict)  # first rule of a flagged line
    by_page: dict[str, Counts] = field(default_factory=dict)

    @property
    def lines(self) -> int:
        return self.ours.tp + self.ours.fp + self.ours.fn + self.ours.tn

    @property
    def residue(self) -> int:
        return self.ours.tp + self.ours.fn

    def meets(self) -> bool | None:
        if self.variant is None:
            return None
        return self.ours.precision >= PRECISION_TARGET and self.ours.recall >= RECALL_TARGET[self.variant]


def c4_drops(line: str) -> bool:
    text = line.strip()
    if not text.endswith(_C4_END) or text.endswith("..."):
        return True
    if len(text.split()) < 3:
        return True
    lowered = text.lower()
    return "javascript" in lowered or any(p in lowered for p in _C4_POLICY)


def corpus_pages(folder: Path, languages: dict[str, str] | None = None) -> Iterator[Page]:
    for labels_path in sorted(folder.glob("*.labels.jsonl")):
        stem = labels_path.name.removesuffix(".labels.jsonl")
        text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
        labels = {}
        for raw in labels_path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                item = json.loads(raw)
                labels[item["line"]] = item["label"] == "RESIDUE"
        yield Page(stem, text, labels, (languages or {}).get(stem))


def seed_pages(seeds: Path) -> Iterator[Page]:
    files = json.loads((seeds / "expected.json").read_text(encoding="utf-8"))["files"]
    for name, spec in sorted(files.items()):
        labels: dict[int, bool] = {}
        for group in spec["clean"]:
            if group["category"] == "boilerplate":
                labels.update(dict.fromkeys(group["lines"], False))
        for label in [*spec["must"], *spec["should"]]:
            if label["category"] == "boilerplate":
                labels[label["line"]] = True
        yield Page(name, (seeds / name).read_text(encoding="utf-8"), labels, spec["language"])


def flagged_lines(linter: Linter, page: Page) -> dict[int, str]:
    """Line -> id of the (first) boilerplate rule that flags it."""
    result = linter.lint_text(page.text, lang=page.lang, path=page.name)
    flagged: dict[int, str] = {}
    for finding in result.findings:
        if finding.category == "boilerplate":
            for number in range(finding.line, finding.end_line + 1):
                flagged.setdefault(number, finding.rule.removeprefix("boilerplate."))
    return flagged


def score(row: Row, linter: Linter, pages: Iterable[Page]) -> Row:
    for page in pages:
        row.pages += 1
        flagged = flagged_lines(linter, page)
        lines = page.text.split("\n")
        on_page = row.by_page.setdefault(page.name, Counts())
        for number, residue in sorted(page.labels.items()):
            text = lines[number - 1] if number <= len(lines) else ""
            hit = number in flagged
            row.ours.add(hit, residue)
            on_page.add(hit, residue)
            if hit:
                row.by_rule.setdefault(flagged[number], Counts()).add(True, residue)
            row.c4.add(c4_drops(text), residue)
            if hit != residue:
                kind = "FP" if hit else "FN"
                why = f" [{flagged[number]}]" if hit else ""
                row.errors.append(f"{kind} {page.name[:24]}:{number}:{why} {text.strip()[:100]}")
    return row


def build_rows(shared: Path, linter: Linter) -> list[Row]:
    corpus = shared / "corpus"
    rows = [
        score(Row("residue/naive (en+)", "naive"), linter, corpus_pages(corpus / "residue" / "naive")),
        score(
            Row("residue/traf_default (en+)", "traf"),
            linter,
            corpus_pages(corpus / "residue" / "traf_default"),
        ),
    ]
    languages = json.loads((corpus / "fr-de" / "languages.json").read_text(encoding="utf-8"))
    for variant, folder in (("naive", "naive"), ("traf", "traf")):
        pages = list(corpus_pages(corpus / "fr-de" / "residue" / folder, languages))
        for lang in sorted({p.lang for p in pages if p.lang}, key=lambda code: (code != "fr", code)):
            chosen = [p for p in pages if p.lang == lang]
            rows.append(score(Row(f"fr-de/{folder} {lang}", variant), linter, chosen))
    seeds = list(seed_pages(shared / "seeds"))
    for lang in sorted({p.lang for p in seeds if p.lang}, key=lambda code: (code != "fr", code)):
        chosen = [p for p in seeds if p.lang == lang]
        rows.append(score(Row(f"seeds {lang} (labeled lines)", None), linter, chosen))
    return rows


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'set':<28} {'pages':>5} {'lines':>6} {'resid.':>6}  "
        f"{'artlint P':>9} {'R':>5} {'F1':>5}   {'C4 P':>5} {'R':>5} {'F1':>5}   target"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        verdict = row.meets()
        target = (
            "-"
            if verdict is None
            else (
                f"P>={PRECISION_TARGET:.2f} R>={RECALL_TARGET[row.variant or 'naive']:.2f} "
                + ("met" if verdict else "MISSED")
            )
        )
        print(
            f"{row.name:<28} {row.pages:>5} {row.lines:>6} {row.residue:>6}  "
            f"{row.ours.precision:>9.3f} {row.ours.recall:>5.3f} {row.ours.f1:>5.3f}   "
            f"{row.c4.precision:>5.3f} {row.c4.recall:>5.3f} {row.c4.f1:>5.3f}   {target}"
        )


Interval = tuple[float, float]


def page_spread(row: Row, draws: int = 2000, seed: int = 0) -> tuple[Interval, Interval]:
    """5th and 95th percentiles of precision and recall over `draws` samples
    of the row's pages drawn with replacement: how far another set of pages
    of the same kind may land (a held-out half is such a set)."""
    pages = list(row.by_page.values())
    chance = random.Random(seed)
    precisions: list[float] = []
    recalls: list[float] = []
    for _ in range(draws):
        total = Counts()
        for counts in chance.choices(pages, k=len(pages)):
            total.tp += counts.tp
            total.fp += counts.fp
            total.fn += counts.fn
        precisions.append(total.precision)
        recalls.append(total.recall)
    precisions.sort()
    recalls.sort()
    low, high = int(draws * 0.05), int(draws * 0.95) - 1
    return (precisions[low], precisions[high]), (recalls[low], recalls[high])


def print_spread(rows: list[Row]) -> None:
    print("\n# spread over pages: 90% page-bootstrap interval; pages holding most wrong flags")
    for row in rows:
        if row.variant is None:
            continue
        (p_low, p_high), (r_low, r_high) = page_spread(row)
        worst = sorted(row.by_page.items(), key=lambda item: -item[1].fp)[:2]
        named = ", ".join(f"{name[:12]} {counts.fp}" for name, counts in worst if counts.fp)
        print(
            f"  {row.name:<28} P {p_low:.3f}-{p_high:.3f}  R {r_low:.3f}-{r_high:.3f}  "
            f"wrong flags {row.ours.fp}: {named or '-'}"
        )


def run(args: argparse.Namespace) -> int:
    shared = Path(args.shared)
    linter = Linter.from_config(Config(select=("boilerplate",)))
    rows = build_rows(shared, linter)
    print_table(rows)
    if getattr(args, "spread", False):
        print_spread(rows)
    if getattr(args, "errors", False):
        for row in rows:
            print(f"\n# {row.name}: {len(row.errors)} wrong lines")
            for error in row.errors:
                print("  " + error)
    if getattr(args, "rules", False):
        for row in rows:
            print(f"\n# {row.name}: labeled lines each rule flags (residue / body)")
            for rule, counts in sorted(row.by_rule.items(), key=lambda item: -item[1].tp - item[1].fp):
                print(f"  {counts.tp:5d} {counts.fp:4d}  {rule}")
    return 0 if all(row.meets() is not False for row in rows) else 1


if __name__ == "__main__":
    cli = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    cli.add_argument("--errors", action="store_true", help="list every wrong line")
    cli.add_argument("--rules", action="store_true", help="count the lines each rule flags, right and wrong")
    cli.add_argument("--spread", action="store_true", help="page-bootstrap intervals of P and R; worst pages")
    sys.exit(run(cli.parse_args()))
