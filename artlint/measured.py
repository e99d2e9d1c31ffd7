"""What was measured about the bundled rules, and what follows from it.

`rules/boilerplate-measured.json` (written by bench/measure_residue_rules.py)
holds each boilerplate rule's line precision on the labeled corpora.  Two
things follow:
- every finding of a measured rule carries that precision as `confidence`;
- `fix` deletes a bundled rule's lines only when the rule earned it
  (precision >= FIX_PRECISION over lines of >= FIX_SITES sites, held-out
  pages included, alone or in the band of rules judged by their own words
  that never erred: bench/measure_residue_rules.py); otherwise the rule's findings are reported, not fixed,
  whatever its pack says.  A line `fix` deletes wrongly is lost text.

Rules of a user's own packs are the user's: neither is applied to them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from artlint.resources import rules_dir
from artlint.rule import Rule

FIX_PRECISION = 0.995
FIX_SITES = 10
HELD_OUT_LINES = 20  # held-out precision counts once a rule fires on this many held-out lines
TABLE_PATH = rules_dir() / "boilerplate-measured.json"
MEASURED_CATEGORIES = ("boilerplate",)


def load_table(path: Path = TABLE_PATH) -> Mapping[str, Mapping[str, Any]]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["rules"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def apply(rules: Sequence[Rule], table: Mapping[str, Mapping[str, Any]]) -> list[Rule]:
    bundled = str(rules_dir().resolve())
    result = []
    for rule in rules:
        if rule.category not in MEASURED_CATEGORIES or not str(
            Path(rule.source.rsplit(":", 1)[0]).resolve()
        ).startswith(bundled):
            result.append(rule)
            continue
        row = table.get(rule.id)
        confidence = float(row["precision"]) if row else None
        # a span rewrite deletes no line (fused metadata): it is not gated
        earned = rule.fix == "replace" or bool(row and row.get("fix"))
        result.append(replace(rule, confidence=confidence, fix=rule.fix if earned else None, measured=row))
    return result
