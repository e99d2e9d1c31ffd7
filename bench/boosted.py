"""Boosted trees for artlint's learned rules: fitted with scikit-learn (bench
only), exported as artlint/analysis/trees.py reads them, written into a rule
pack as YAML that a reviewer can diff.  Used by bench/train_residue.py and
bench/train_holes.py."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence


def fit(
    features: Sequence[tuple[float, ...]],
    labels: Sequence[int],
    names: Sequence[str],
    trees: int,
    depth: int,
    learning_rate: float,
    weights: Sequence[float] | None = None,
) -> dict:
    """A model mapping {features, base, trees}; deterministic (random_state=0)."""
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(
        n_estimators=trees, max_depth=depth, learning_rate=learning_rate, random_state=0
    )
    model.fit(features, labels, sample_weight=weights)
    weights = weights if weights is not None else [1.0] * len(labels)
    prior = sum(w for w, y in zip(weights, labels, strict=True) if y) / sum(weights)
    exported = []
    for (estimator,) in model.estimators_:
        tree = estimator.tree_
        leaf = [left == -1 for left in tree.children_left]
        exported.append(
            [
                [int(f) if not is_leaf else 0 for f, is_leaf in zip(tree.feature, leaf, strict=True)],
                [
                    round(float(t), 6) if not is_leaf else 0.0
                    for t, is_leaf in zip(tree.threshold, leaf, strict=True)
                ],
                [int(i) for i in tree.children_left],
                [int(i) for i in tree.children_right],
                [round(float(v) * learning_rate, 6) for v in tree.value[:, 0, 0]],
            ]
        )
    return {"features": list(names), "base": round(math.log(prior / (1 - prior)), 6), "trees": exported}


def flow(value: object) -> str:
    """JSON whose numbers YAML 1.1 also reads as numbers (fixed point: '1e-06' would be a string)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(flow(v) for v in value) + "]"
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    return json.dumps(value)


def bands(predictions: list[float], labels: list[int], starts: Sequence[float]) -> list[list[float]]:
    """[probability from, share of positives among the rows at or above it] for each
    start that holds at least 30 rows: a finding's confidence, measured out of fold."""
    result = []
    for start in starts:
        chosen = [y for p, y in zip(predictions, labels, strict=True) if p >= start]
        if len(chosen) >= 30:
            result.append([start, round(sum(chosen) / len(chosen), 3)])
    return result
