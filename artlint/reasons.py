"""Why a category scores below 100: the rules (and, for sourcing, the
attribution metrics) that took its points, each with its share of the loss.

It follows artlint/scoring.py step by step (heaviest finding per line,
boilerplate outside the text compressed, the sourcing factor), so the shares
of a category add up to 1 and the points add up to 100 minus its score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from artlint.findings import Finding
from artlint.scoring import (
    CATEGORIES,
    CATEGORY_SCALE,
    SOURCING_TARGET_DENSITY,
    edge_penalty,
    finding_weight,
    sourcing_factor,
    text_span,
)


def score_reasons(
    findings: Iterable[Finding], words: int, metrics: Mapping[str, Any] | None, checked: Iterable[str]
) -> dict[str, list[dict[str, Any]]]:
    """category -> reasons, largest first, for every checked category that lost points."""
    heaviest: dict[tuple[str, int], Finding] = {}
    for finding in findings:
        key = (finding.category, finding.line)
        if key not in heaviest or finding_weight(finding) > finding_weight(heaviest[key]):
            heaviest[key] = finding
    span = text_span(metrics)
    inside: dict[str, dict[str, float]] = {c: {} for c in CATEGORIES}
    outside: dict[str, float] = {}
    lines: dict[str, dict[str, int]] = {c: {} for c in CATEGORIES}
    for (category, line), finding in heaviest.items():
        if category not in inside:
            continue
        weight = finding_weight(finding)
        lines[category][finding.rule] = lines[category].get(finding.rule, 0) + 1
        if category == "boilerplate" and span is not None and not span[0] <= line <= span[1]:
            outside[finding.rule] = outside.get(finding.rule, 0.0) + weight
        else:
            inside[category][finding.rule] = inside[category].get(finding.rule, 0.0) + weight
    # Residue around the text counts compressed: each rule keeps its part of the compressed total.
    outside_total = sum(outside.values())
    if outside_total:
        compressed = edge_penalty(outside_total)
        kept = inside["boilerplate"]
        for rule, weight in outside.items():
            kept[rule] = kept.get(rule, 0.0) + compressed * weight / outside_total
    length = max(1.0, math.sqrt(max(words, 0) / 500.0))
    reasons: dict[str, list[dict[str, Any]]] = {}
    for category in CATEGORIES:
        if category not in set(checked):
            continue
        penalty = sum(inside[category].values())
        from_findings = 100.0 * math.exp(-penalty / (CATEGORY_SCALE[category] * length))
        factor = sourcing_factor(metrics) if category == "sourcing" else 1.0
        total_loss = 100.0 - from_findings * factor
        if total_loss <= 1e-9:
            continue
        found_loss = 100.0 - from_findings
        items = [
            {
                "rule": rule,
                "lines": lines[category][rule],
                "points": round(found_loss * weight / penalty, 1),
                "share": round(found_loss * weight / penalty / total_loss, 3),
            }
            for rule, weight in inside[category].items()
            if penalty > 0
        ]
        if factor < 1.0:
            items.append(_sourcing_metric(metrics, from_findings * (1.0 - factor), total_loss))
        items.sort(key=lambda item: (-item["share"], item.get("rule", item.get("metric", ""))))
        reasons[category] = items
    return reasons


def _sourcing_metric(metrics: Mapping[str, Any] | None, loss: float, total: float) -> dict[str, Any]:
    data = (metrics or {}).get("sourcing", {})
    density = float(data.get("attributions_per_1000_words", 0.0))
    share = data.get("claims_attributed_share")
    why = (
        f"{density:g} attributed sentences per 1,000 words "
        f"({SOURCING_TARGET_DENSITY:g} or more count as sourced)"
    )
    if share is not None:
        why += f"; {round(100 * float(share))}% of the claim sentences attributed"
    return {
        "metric": "sourcing.attributions_per_1000_words",
        "value": density,
        "points": round(loss, 1),
        "share": round(loss / total, 3),
        "why": why,
    }


def largest(reasons: Mapping[str, list[dict[str, Any]]], category: str) -> str | None:
    """The largest reason of a category, in words (for the text output)."""
    items = reasons.get(category)
    if not items:
        return None
    top = items[0]
    if "rule" in top:
        count = top["lines"]
        return f"{top['rule']} ({count} line{'s' * (count != 1)}, {round(100 * top['share'])}% of the loss)"
    return f"{top['why']} ({round(100 * top['share'])}% of the loss)"
