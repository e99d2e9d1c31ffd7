"""Train the gap scorer (kind `gap-scorer`, rule entities.gap-model) and write its
parameters into rules/entities-model.yaml.

    python bench/train_holes.py            # train on half A, write the pack
    python bench/train_holes.py --dry-run  # print the figures, write nothing

Data: half A of ../shared/corpus/clean (bench/holes_synthetic.py splits records
by the hash of their id; half B is never read here), damaged by the seeded
generator of bench/holes_synthetic.py.  Every candidate gap of the damaged text
(artlint/analysis/gap_features.py) is a row: positive when a name was deleted at
that spot, negative when nothing was; candidates near a deletion but not at it
are left out (neither right nor wrong).

Thresholds and bands come from two folds of half A (by a second bit of the id
hash): each record is scored by the model trained on the other fold.  Per
language the threshold is the lowest probability at which the candidates that
are not deletions stay under BUDGET findings per 10,000 words; the bands are the
out-of-fold precisions on the damaged records.  The final model is trained on
all of half A.  Deterministic: seeded deletions, random_state=0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import boosted  # noqa: E402
from holes_synthetic import LANGUAGES, damage, german_stats, load_words, read_records  # noqa: E402

from artlint.analysis import gap_features  # noqa: E402
from artlint.analysis.trees import TreeModel  # noqa: E402
from artlint.ruleset import _load_yaml  # noqa: E402

PACK = HERE.parent / "rules" / "entities-model.yaml"
RULE = "entities.gap-model"
TREES = 120
DEPTH = 3
LEARNING_RATE = 0.1
RATE = 0.3  # chance that a candidate name is deleted, as bench/holes_synthetic.py
# Findings per 10,000 words the model may add where nothing was deleted (the issue
# allows 0.5 in news; the phrase rules already spend part of it).
BUDGET = 0.05
# From the band whose out-of-fold precision reaches this, findings are errors.  Not 0.9 as
# for the phrase rules: its findings held 0.86 precision on half B (30 of 35), so none is.
ERROR_PRECISION = 0.95
BAND_STARTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
AT = 1  # columns: a candidate this close to a deletion is where the name stood
NEAR = 20  # columns: closer than this but not at it, the row is left out


@dataclass
class Rows:
    features: list[tuple[float, ...]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    fold: list[int] = field(default_factory=list)
    words: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))
    pairs: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)


def fold_of(record_id: str) -> int:
    return hashlib.sha1(record_id.encode("utf-8")).digest()[1] % 2


def word_classes(language: str, pairs: dict | None = None) -> gap_features.WordClasses:
    data, _node = _load_yaml(HERE.parent / "rules" / "languages" / f"{language}.yaml")
    return gap_features.WordClasses.from_variables(language, data.get("word_classes", {}), pairs)


MIN_LEFT = 20  # a left word seen fewer times in half A has no pair counts


def pair_table(clean: Path, language: str) -> dict[str, dict[str, int]]:
    """Pairs counted on the undamaged text of half A; pairs seen once are left out."""
    texts = [record["text"] for record in read_records(clean, language, "A", None)]
    counted = gap_features.count_pairs(texts, word_classes(language))
    return {
        left: {right: n for right, n in sorted(counts.items()) if right == "" or n >= 2}
        for left, counts in sorted(counted.items())
        if counts[""] >= MIN_LEFT
    }


def build_rows(clean: Path) -> Rows:
    rows = Rows()
    for language in LANGUAGES:
        words = load_words(language)
        rows.pairs[language] = pair_table(clean, language)
        classes = word_classes(language, rows.pairs[language])
        stats = german_stats(read_records(clean, language, None, None), words) if language == "de" else None
        for record in read_records(clean, language, "A", None):
            text, holes = damage(record, words, stats, RATE)
            fold = fold_of(record["id"])
            rows.words[(language, fold)] += len(text.split())
            starts = [0]
            for line in text.split("\n"):
                starts.append(starts[-1] + len(line) + 1)
            by_line = defaultdict(list)
            for hole in holes:
                by_line[hole.line].append(hole.column)
            for spot, row in gap_features.candidates(text, classes):
                line = _line_of(starts, spot)
                column = spot - starts[line - 1]
                distance = min((abs(column - c) for c in by_line[line]), default=NEAR + 1)
                if AT < distance <= NEAR:
                    continue
                rows.features.append(row)
                rows.labels.append(1 if distance <= AT else 0)
                rows.language.append(language)
                rows.fold.append(fold)
    return rows


def _line_of(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1


def fit(features: list[tuple[float, ...]], labels: list[int]) -> dict:
    return boosted.fit(features, labels, gap_features.FEATURES, TREES, DEPTH, LEARNING_RATE)


def predict(model: dict, rows: list[tuple[float, ...]]) -> list[float]:
    trees = TreeModel.from_data(model, gap_features.FEATURES)
    return [trees.probability(row) for row in rows]


def out_of_fold(rows: Rows) -> list[float]:
    predictions = [0.0] * len(rows.labels)
    for fold in (0, 1):
        train = [i for i, f in enumerate(rows.fold) if f != fold]
        test = [i for i, f in enumerate(rows.fold) if f == fold]
        model = fit([rows.features[i] for i in train], [rows.labels[i] for i in train])
        for i, p in zip(test, predict(model, [rows.features[i] for i in test]), strict=True):
            predictions[i] = p
    return predictions


def thresholds(rows: Rows, predictions: list[float]) -> dict[str, float]:
    """Per language, the lowest probability at which findings where nothing was
    deleted stay within BUDGET per 10,000 words (out of fold)."""
    chosen = {}
    for language in LANGUAGES:
        words = sum(n for (lang, _f), n in rows.words.items() if lang == language)
        negatives = sorted(
            (
                p
                for p, y, lang in zip(predictions, rows.labels, rows.language, strict=True)
                if lang == language and not y
            ),
            reverse=True,
        )
        allowed = int(BUDGET * words / 10000)
        # The probability of the (allowed + 1)-th negative, nudged above it.
        bar = negatives[allowed] if allowed < len(negatives) else 0.5
        chosen[language] = round(max(0.5, min(0.99, bar + 1e-4)), 4)
    return chosen


def report(rows: Rows, predictions: list[float], chosen: dict[str, float]) -> None:
    print(
        f"{'language':<9} {'rows':>8} {'deleted':>7} {'threshold':>9} {'found':>6} {'recall':>7} "
        f"{'false':>6} {'per10k':>7}"
    )
    for language in LANGUAGES:
        picked = [
            (p, y)
            for p, y, lang in zip(predictions, rows.labels, rows.language, strict=True)
            if lang == language
        ]
        deleted = sum(y for _p, y in picked)
        found = sum(1 for p, y in picked if y and p >= chosen[language])
        false = sum(1 for p, y in picked if not y and p >= chosen[language])
        words = sum(n for (lang, _f), n in rows.words.items() if lang == language)
        print(
            f"{language:<9} {len(picked):>8} {deleted:>7} {chosen[language]:>9.4f} {found:>6} "
            f"{found / deleted if deleted else 0:>7.3f} {false:>6} {10000 * false / words:>7.2f}"
        )
    print("(out of fold on half A; recall counts only deletions after a preposition or an article)")


def write_pack(
    model: dict, chosen: dict[str, float], measured: list[list[float]], rows: Rows, command: str
) -> None:
    error_from = next((start for start, precision in measured if precision >= ERROR_PRECISION), 1.0)
    model = {**model, "trained": command}
    header = f"""# Written by bench/train_holes.py: do not edit by hand; retrain instead.
# A learned judge of candidate gaps (issue 12): gradient-boosted trees over the
# word classes, shape and place of the tokens around the spot after a preposition
# or an article (artlint/analysis/gap_features.py), trained on seeded deletions
# of link-like names from half A of corpus/clean.  `threshold` keeps its findings
# on the undamaged text of half A under {BUDGET} per 10,000 words per language;
# `bands` are out-of-fold precisions on the damaged records: a finding's confidence.
category: entities
rules:
  - id: {RULE}
    kind: gap-scorer
    severity: warning
    message: "A name seems to be missing {{where}} (probability {{probability}})"
    description: >-
      A preposition or an article followed by what cannot follow it directly:
      another preposition, a conjunction, a verb, the end of the clause ("held
      in on Thursday", "die Reise nach auf", "le capitulaire de qui").  The
      word classes come from rules/languages; a learned model weighs them.
      Spots another entities rule reported are left to it.
    threshold: {json.dumps(chosen)}
    error_from: {error_from}
    bands: {json.dumps(measured)}
    pairs: {json.dumps(rows.pairs, ensure_ascii=False, sort_keys=True)}
    examples:
      bad:
{_examples(EXAMPLES_BAD)}
      good:
{_examples(EXAMPLES_GOOD)}
    model: """
    PACK.write_text(header + boosted.flow(model) + "\n", encoding="utf-8")


# Real sentences of corpus/clean (half B: bbc/business/219, 10kgnad-test/0820) with the name
# the generator cut out, and intact.
EXAMPLES_BAD = [
    ("Adding to its woes, Borussia Dortmund was beaten 5-0 by on Saturday.", "en"),
    ("Auch US-Präsident Barack Obama drängte am Rande des Umweltgipfels in auf Spannungsabbau.", "de"),
]
EXAMPLES_GOOD = [
    ("Adding to its woes, Borussia Dortmund was beaten 5-0 by Bayern Munich on Saturday.", "en"),
    ("Auch US-Präsident Barack Obama drängte am Rande des Umweltgipfels in Paris auf Spannungsabbau.", "de"),
]


def _examples(examples: list[tuple[str, str]]) -> str:
    return "\n".join(
        f"        - {{text: {json.dumps(t, ensure_ascii=False)}, lang: {lang}}}" for t, lang in examples
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    args = parser.parse_args(argv)
    rows = build_rows(args.shared / "corpus" / "clean")
    print(f"{len(rows.labels)} candidate gaps, {sum(rows.labels)} where a name was deleted")
    predictions = out_of_fold(rows)
    chosen = thresholds(rows, predictions)
    report(rows, predictions, chosen)
    measured = boosted.bands(predictions, rows.labels, BAND_STARTS)
    print("bands (probability from, out-of-fold precision):", measured)
    if not args.dry_run:
        model = fit(rows.features, rows.labels)
        write_pack(
            model,
            chosen,
            measured,
            rows,
            "python bench/train_holes.py (half A of corpus/clean, seed 12, rate 0.3)",
        )
        print(f"wrote {PACK}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
