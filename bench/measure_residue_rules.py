"""Measure each boilerplate rule's line precision on every labeled page of
../shared/corpus and write the table artlint reads: rules/boilerplate-measured.json.

    python bench/measure_residue_rules.py          # print the table and write it
    python bench/measure_residue_rules.py --check  # print it; exit 1 if the file is stale

What the table decides (artlint/measured.py):
- a finding's `confidence` is its rule's measured precision;
- `fix` may delete a rule's lines only when the rule has earned it: precision
  >= 0.995 over lines of at least 10 sites, the same on the DAnIEL pages
  where it fires on 20 lines or more, and not one line labeled BODY reported
  on any page.  DAnIEL's 297 sites were added after the phrase rules were
  written, so no rule was fitted to them: that is where a rule's precision is
  held out.  The last condition is stricter than the precision one, and on
  purpose: a line `fix` deletes wrongly is lost text, and some of the lines
  it rules out are label noise (a section label DAnIEL's reference kept), a
  price we pay in recall.  A rule too rare to reach 10 sites alone earns it
  as a member of a band: the rules that judge a line by its own words only
  (kind `line`, no context) and never reported a BODY line; the band as a
  whole must have precision >= 0.995 over >= 10 sites.  A rule that did not
  earn it is reported, not fixed, whatever its pack says.  Fixes that rewrite
  a matched span (`fix: replace`) delete no line and are not gated.

Lines are counted where a rule's finding covers a labeled line; a line two
rules report counts for both.  The learned scorer (boilerplate.line-model)
takes its confidence from its own held-out bands (bench/train_residue.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from residue_data import load_pages  # noqa: E402

from artlint.api import Linter  # noqa: E402
from artlint.config import Config  # noqa: E402
from artlint.measured import FIX_PRECISION, FIX_SITES, HELD_OUT_LINES, TABLE_PATH  # noqa: E402
from artlint.rule import Rule  # noqa: E402

MODEL_RULE = "boilerplate.line-model"


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    sites: set[str] = field(default_factory=set)
    held_right: int = 0
    held_wrong: int = 0

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 0.0

    @property
    def held_out_precision(self) -> float | None:
        total = self.held_right + self.held_wrong
        return self.held_right / total if total else None

    def earns_fix(self) -> bool:
        held = self.held_right + self.held_wrong
        held_ok = held < HELD_OUT_LINES or (self.held_out_precision or 0.0) >= FIX_PRECISION
        enough = self.precision >= FIX_PRECISION and len(self.sites) >= FIX_SITES and held_ok
        return enough and self.wrong == 0


def measure(shared: Path, linter: Linter) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for page in load_pages(shared):
        result = linter.lint_text(page.text, lang=page.lang, path=page.name)
        covered: dict[str, set[int]] = defaultdict(set)
        for finding in result.findings:
            if finding.category == "boilerplate":
                covered[finding.rule].update(range(finding.line, finding.end_line + 1))
        for rule, lines in covered.items():
            tally = tallies[rule]
            for number in lines:
                if number not in page.labels:
                    continue
                residue = page.labels[number]
                tally.right += residue
                tally.wrong += not residue
                if page.corpus == "daniel":
                    tally.held_right += residue
                    tally.held_wrong += not residue
                if residue:
                    tally.sites.add(page.site)
    return tallies


def in_band(rule: Rule | None, tally: Tally) -> bool:
    """A rule judged by its own words only that never reported a BODY line."""
    if rule is None or rule.kind != "line" or rule.options.get("context", "none") != "none":
        return False
    return tally.wrong == 0 and tally.right > 0


def table(tallies: dict[str, Tally], rules_by_id: dict[str, Rule]) -> dict:
    band = [rule for rule, tally in tallies.items() if in_band(rules_by_id.get(rule), tally)]
    band_sites = set().union(*(tallies[rule].sites for rule in band)) if band else set()
    band_right = sum(tallies[rule].right for rule in band)
    band_earns = len(band_sites) >= FIX_SITES and band_right > 0  # no wrong line by construction
    rules = {}
    for rule in sorted(tallies):
        tally = tallies[rule]
        held = tally.held_out_precision
        alone = tally.earns_fix()
        by_band = not alone and band_earns and rule in band
        rules[rule] = {
            "precision": round(tally.precision, 4),
            "lines": tally.right + tally.wrong,
            "sites": len(tally.sites),
            "held_out_precision": None if held is None else round(held, 4),
            "held_out_lines": tally.held_right + tally.held_wrong,
            "fix": alone or by_band,
            "fix_by": "rule" if alone else "band" if by_band else None,
        }
    return {
        "about": "Line precision of each boilerplate rule on every labeled page of the shared corpora "
        "(held out: the DAnIEL pages, which no rule was written against). Written by "
        "bench/measure_residue_rules.py; read by artlint/measured.py.",
        "fix_needs": {"precision": FIX_PRECISION, "sites": FIX_SITES, "held_out_lines": HELD_OUT_LINES},
        "band": {"rules": sorted(band), "lines": band_right, "sites": len(band_sites), "fix": band_earns},
        "rules": rules,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the table is stale")
    args = parser.parse_args(argv)
    linter = Linter.from_config(Config(select=("boilerplate",), ignore=(MODEL_RULE,)))
    data = table(measure(args.shared, linter), linter.ruleset.by_id())
    print(f"{'rule':<36} {'P':>6} {'lines':>6} {'sites':>5}  {'held-out P':>10} {'lines':>6}  fix")
    for rule, row in data["rules"].items():
        held = "-" if row["held_out_precision"] is None else f"{row['held_out_precision']:.3f}"
        print(
            f"{rule:<36} {row['precision']:>6.3f} {row['lines']:>6} {row['sites']:>5}  "
            f"{held:>10} {row['held_out_lines']:>6}  {row['fix_by'] or 'no'}"
        )
    print(f"band of rules judged by their own words, never wrong: {data['band']}")
    text = json.dumps(data, indent=1, sort_keys=False) + "\n"
    if args.check:
        current = TABLE_PATH.read_text(encoding="utf-8") if TABLE_PATH.exists() else ""
        return 0 if current == text else 1
    TABLE_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
