"""Could the gap model veto the other `entities` rules?  For each finding of those
rules on half A of corpus/clean, damaged (bench/holes_synthetic.py) and intact, the
probability that the gap model (rules/entities-model.yaml) gives the same spot,
and how many right and wrong findings a veto below each threshold would drop.

    python bench/veto_holes.py            # half A: the half a threshold may be chosen on
    python bench/veto_holes.py --half B   # to report, once a threshold is chosen

A finding is right on the damaged text when it lies within 20 columns of a
deletion; on the intact text when it falls on a spot hand-labeled as a word truly
missing or doubled in the source (bench/data/clean-source-defects.jsonl), wrong
otherwise.  The model judges only spots after a preposition or an article
(artlint/analysis/gap_features.py): other findings have no probability.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from holes_synthetic import LANGUAGES, WINDOW, damage, german_stats, load_words, read_records  # noqa: E402
from quality_holes import DEFECT_VERDICTS, read_labels, verdict_at  # noqa: E402
from train_holes import _line_of  # noqa: E402

from artlint.analysis import gap_features  # noqa: E402
from artlint.api import Linter  # noqa: E402
from artlint.config import Config  # noqa: E402
from artlint.kinds.gap_scorer import GapScorerMatcher  # noqa: E402

JUDGE = "entities.gap-model"
THRESHOLDS = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5)
# Columns after a finding's spot where the model's candidate may start (the blank between).
REACH = 2


def spot_probabilities(text: str, matcher: GapScorerMatcher) -> dict[tuple[int, int], float]:
    """(line, 1-based column) of each candidate gap -> the model's probability."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    found = {}
    for spot, row in gap_features.candidates(text, matcher.classes):
        line = _line_of(starts, spot)
        found[(line, spot - starts[line - 1] + 1)] = matcher.model.probability(row)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--half", choices=("A", "B"), default="A")
    args = parser.parse_args(argv)
    clean = args.shared / "corpus" / "clean"
    linter = Linter.from_config(Config(select=("entities",)), use_cache=False)
    judge = next(rule for rule in linter.ruleset.rules if rule.id == JUDGE)
    labels = read_labels()
    # (rule, language, text) -> probabilities of its right and wrong findings (None: no candidate)
    seen: dict[tuple[str, str, str], list[tuple[float | None, bool]]] = defaultdict(list)
    for language in LANGUAGES:
        matcher = judge.matcher_for(language)
        words = load_words(language)
        stats = german_stats(read_records(clean, language, None, None), words) if language == "de" else None
        for record in read_records(clean, language, args.half, None):
            damaged, holes = damage(record, words, stats, 0.3)
            for which, text in (("intact", record["text"]), ("damaged", damaged)):
                if which == "damaged" and not holes:
                    continue
                probabilities = spot_probabilities(text, matcher)
                for f in linter.lint_text(text, lang=language).findings:
                    if f.category != "entities" or f.rule == JUDGE:
                        continue
                    if which == "intact":
                        right = verdict_at(labels, record["id"], f.line, f.column, f.rule) in DEFECT_VERDICTS
                    else:
                        right = any(
                            f.line == h.line and abs(f.column - 1 - h.column) <= WINDOW for h in holes
                        )
                    p = next(
                        (
                            probabilities[(f.line, f.column + d)]
                            for d in range(REACH + 1)
                            if (f.line, f.column + d) in probabilities
                        ),
                        None,
                    )
                    seen[(f.rule.removeprefix("entities."), language, which)].append((p, right))
    print(
        f"half {args.half}: findings of each rule, and those a veto below each probability "
        "would drop (right/wrong)"
    )
    print(
        f"{'rule':<28} {'lang':<4} {'text':<8} {'right':>6} {'wrong':>6} {'judged':>6}  "
        + " ".join(f"{'<' + str(t):>9}" for t in THRESHOLDS)
    )
    for (rule, language, which), found in sorted(seen.items()):
        judged = [(p, r) for p, r in found if p is not None]
        if not judged:
            continue
        right = sum(r for _p, r in found)
        cells = []
        for t in THRESHOLDS:
            dropped = Counter(r for p, r in judged if p < t)
            cells.append(f"{dropped[True]:>4}/{dropped[False]:<4}")
        print(
            f"{rule:<28} {language:<4} {which:<8} {right:>6} {len(found) - right:>6} {len(judged):>6}  "
            + " ".join(cells)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
