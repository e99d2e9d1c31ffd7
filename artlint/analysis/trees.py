"""Gradient-boosted decision trees, evaluated in pure Python from data.

A model is a mapping written by bench/train_residue.py and kept in a rule
pack, so a user can read, diff and override it like any rule:

    features: [name, ...]          # the order of a row (artlint.analysis.line_features)
    base: -1.2                     # log-odds before the first tree
    trees:                         # one entry per tree, flat arrays by node:
      - [features, thresholds, left, right, values]
                                   # an inner node sends a row left when
                                   # row[features[n]] <= thresholds[n]; a leaf has
                                   # left[n] == -1 and adds values[n] (learning rate applied)

No runtime dependency: a few dozen shallow trees cost a few hundred
comparisons a line.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

Tree = tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]]


@dataclass(frozen=True)
class TreeModel:
    features: tuple[str, ...]
    base: float
    trees: tuple[Tree, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any], known: Sequence[str]) -> TreeModel:
        """Check the model against the feature names this artlint computes."""
        features = tuple(data["features"])
        if features != tuple(known):
            missing = sorted(set(features) - set(known)) or sorted(set(known) - set(features))
            raise ValueError(
                "model: its features differ from the ones artlint computes "
                f"({', '.join(missing) or 'same names, other order'}); retrain it (bench/train_residue.py)"
            )
        trees = []
        for number, tree in enumerate(data["trees"]):
            parts = tuple(tuple(part) for part in tree)
            sizes = {len(part) for part in parts}
            if len(parts) != 5 or len(sizes) != 1:
                raise ValueError(f"model: trees[{number}]: expected five arrays of equal length")
            feature_ids, thresholds, left, right, values = parts
            if any(not 0 <= f < len(features) for f, lt in zip(feature_ids, left, strict=True) if lt != -1):
                raise ValueError(f"model: trees[{number}]: feature index out of range")
            trees.append(
                (
                    tuple(int(f) for f in feature_ids),
                    tuple(float(t) for t in thresholds),
                    tuple(int(i) for i in left),
                    tuple(int(i) for i in right),
                    tuple(float(v) for v in values),
                )
            )
        return cls(features, float(data["base"]), tuple(trees))

    def probability(self, row: Sequence[float]) -> float:
        score = self.base
        for feature_ids, thresholds, left, right, values in self.trees:
            node = 0
            while left[node] != -1:
                node = left[node] if row[feature_ids[node]] <= thresholds[node] else right[node]
            score += values[node]
        return _sigmoid(score)

    def probability_reaching(self, row: Sequence[float], floor: float) -> float | None:
        """`probability(row)` if it may reach `floor`, else None: the walk stops as soon
        as even the largest leaves of the trees left could not lift the score to it
        (most candidates of a rule are far below its threshold).  A returned value
        is the very float `probability` gives: the same leaves, added in the same order."""
        if not 0.0 < floor < 1.0:
            return self.probability(row)
        # With a margin far above float rounding: a row is never dropped that could reach it.
        target = math.log(floor / (1.0 - floor)) - 1e-6
        score = self.base
        for tree, most in zip(self.trees, self._most_left, strict=True):
            if score + most < target:
                return None
            feature_ids, thresholds, left, right, values = tree
            node = 0
            while left[node] != -1:
                node = left[node] if row[feature_ids[node]] <= thresholds[node] else right[node]
            score += values[node]
        return _sigmoid(score)

    @cached_property
    def _most_left(self) -> tuple[float, ...]:
        """For each tree, the largest sum of leaves that it and the trees after it can add."""
        most = [0.0] * (len(self.trees) + 1)
        for number in range(len(self.trees) - 1, -1, -1):
            _, _, left, _, values = self.trees[number]
            most[number] = most[number + 1] + max(v for v, lt in zip(values, left, strict=True) if lt == -1)
        return tuple(most[:-1])


def _sigmoid(score: float) -> float:
    # Stable either side: a sure leaf may push the score past what exp() takes.
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    odds = math.exp(max(score, -700.0))
    return odds / (1.0 + odds)


@dataclass(frozen=True)
class Bands:
    """[probability from, measured precision] pairs of a learned rule: a finding's
    confidence is the precision of its band (what a user can act on), not the raw
    probability."""

    starts: tuple[float, ...] = ()
    precision: tuple[float, ...] = ()

    @classmethod
    def from_data(cls, data: Sequence[Sequence[float]]) -> Bands:
        pairs = sorted((float(start), float(precision)) for start, precision in data)
        return cls(tuple(s for s, _ in pairs), tuple(p for _, p in pairs))

    def confidence(self, probability: float) -> float | None:
        index = bisect.bisect_right(self.starts, probability) - 1
        return self.precision[index] if index >= 0 else None
