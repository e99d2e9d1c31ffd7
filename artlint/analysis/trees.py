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
comparisons a line.  They are walked by Python code generated from the arrays
(one nested conditional expression per tree), about three times faster than a
loop over them; the code is compiled with the rule pack and kept, marshalled,
in its compiled form, so a run does not pay for compiling it.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from functools import cached_property
from typing import Any

from artlint import marshalled
from artlint.records import dataclass

Tree = tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]]


# Deeper trees than this are walked by the loop (the compiler's nesting limit).
_MAX_GENERATED_DEPTH = 40


@dataclass(frozen=True)
class TreeModel:
    features: tuple[str, ...]
    base: float
    trees: tuple[Tree, ...]
    # The generated walkers, marshalled (see _compile_walkers); b"" for none.
    code: bytes = field(default=b"", compare=False, repr=False)

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
            # A split's children come after it (the order scikit-learn writes): every walk
            # ends, and no index falls outside the arrays.
            size = len(left)
            for node, (lt, rt) in enumerate(zip(left, right, strict=True)):
                leaf = lt == -1 and rt == -1
                if not leaf and not (node < lt < size and node < rt < size):
                    raise ValueError(f"model: trees[{number}]: node {node}: children out of order or range")
            trees.append(
                (
                    tuple(int(f) for f in feature_ids),
                    tuple(float(t) for t in thresholds),
                    tuple(int(i) for i in left),
                    tuple(int(i) for i in right),
                    tuple(float(v) for v in values),
                )
            )
        model = cls(features, float(data["base"]), tuple(trees))
        return cls(features, model.base, model.trees, _compile_walkers(model))

    def __getstate__(self) -> dict[str, Any]:
        # The walkers are functions (not picklable); `code` rebuilds them.
        return {k: v for k, v in self.__dict__.items() if k != "_walkers"}

    @cached_property
    def _walkers(self) -> tuple[Callable[..., float], Callable[..., float | None]] | None:
        """(score(row), score_reaching(row, target)) generated from the trees, or None."""
        code = marshalled.load(self.code) if self.code else None
        if code is None:
            source = _walker_source(self)
            if source is None:
                return None
            code = compile(source, "<artlint trees>", "exec")
        namespace: dict[str, Any] = {}
        exec(code, namespace)  # code generated from numbers by _walker_source (or trusted as a pickle is)
        return namespace["score"], namespace["score_reaching"]

    def probability(self, row: Sequence[float]) -> float:
        walkers = self._walkers
        if walkers is not None:
            return _sigmoid(walkers[0](row))
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
        walkers = self._walkers
        if walkers is not None:
            reached = walkers[1](row, target)
            return None if reached is None else _sigmoid(reached)
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


def _walker_source(model: TreeModel) -> str | None:
    """Python source of `score(r)` and `score_reaching(r, target)`: the loops of
    `probability` and `probability_reaching` unrolled, the same comparisons and
    the same additions in the same order, so the very same float.  None when a
    number has no exact literal (inf, nan) or a tree is too deep."""
    numbers = [model.base, *model._most_left]
    for _, thresholds, left, _, values in model.trees:
        numbers += [t for t, lt in zip(thresholds, left, strict=True) if lt != -1]
        numbers += [v for v, lt in zip(values, left, strict=True) if lt == -1]
    if not all(math.isfinite(number) for number in numbers):
        return None
    walks = []
    for tree in model.trees:
        walk = _tree_expression(tree, 0, 0)
        if walk is None:
            return None
        walks.append(walk)
    score = [f"    s = {model.base!r}"] + [f"    s += {walk}" for walk in walks]
    reaching = [f"    s = {model.base!r}"]
    for walk, most in zip(walks, model._most_left, strict=True):
        reaching += [f"    if s + {most!r} < target:", "        return None", f"    s += {walk}"]
    lines = ["def score(r):", *score, "    return s"]
    lines += ["def score_reaching(r, target):", *reaching, "    return s"]
    return "\n".join(lines) + "\n"


def _tree_expression(tree: Tree, node: int, depth: int) -> str | None:
    feature_ids, thresholds, left, right, values = tree
    if left[node] == -1:
        return repr(values[node])
    if depth >= _MAX_GENERATED_DEPTH:
        return None
    low = _tree_expression(tree, left[node], depth + 1)
    high = _tree_expression(tree, right[node], depth + 1)
    if low is None or high is None:
        return None
    return f"({low} if r[{feature_ids[node]}] <= {thresholds[node]!r} else {high})"


def _compile_walkers(model: TreeModel) -> bytes:
    source = _walker_source(model)
    if source is None:
        return b""
    return marshalled.dump(compile(source, "<artlint trees>", "exec"))


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
