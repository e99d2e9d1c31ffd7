"""`artlint rules --test [PACK...]` runs the examples of rule packs, and
`rules --explain` marks each example: rule authors see at once when a change
makes a rule miss its bad example or report a good one."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import ROOT, run_cli

PACK = """\
category: boilerplate
rules:
  - id: boilerplate.donation-plea
    kind: phrase
    severity: warning
    message: "Donation plea left in the text: '{match}'"
    phrases:
      en: ["Donate now", "Support our journalism"]
    examples:
      bad: ["Donate now", "Support our journalism today"]
      good: ["The charity said it would spend the money on new beds."]
"""


def _pack(tmp_path: Path, text: str = PACK) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_examples_all_pass() -> None:
    run = run_cli("rules", "--isolated", "--test")
    assert run.code == 0, run.out
    last = run.out.splitlines()[-1]
    assert last.endswith(" passed, 0 failed.") and " of 7" in last  # 70-odd rules


def test_a_pack_whose_examples_hold_passes_and_only_its_rules_run(tmp_path: Path) -> None:
    run = run_cli("rules", "--isolated", "--test", str(_pack(tmp_path)))
    assert run.code == 0, run.out
    assert run.out == "3 examples of 1 rule: 3 passed, 0 failed.\n"


def test_a_rule_that_misses_its_bad_example_or_reports_a_good_one_fails(tmp_path: Path) -> None:
    # The rule was edited: one phrase dropped, and a good example now says it.
    broken = PACK.replace(', "Support our journalism"', "").replace(
        "The charity said it would spend the money on new beds.", "Donate now, the mayor said."
    )
    pack = _pack(tmp_path, broken)
    run = run_cli("rules", "--isolated", "--test", str(pack))
    assert run.code == 1
    assert run.out.splitlines() == [
        f"{pack}:3: boilerplate.donation-plea: bad example not reported: [en] 'Support our journalism today'",
        f"{pack}:3: boilerplate.donation-plea: good example reported: Donation plea left in the text: "
        "'Donate now': [en] 'Donate now, the mayor said.'",
        "3 examples of 1 rule: 1 passed, 2 failed.",
    ]
    explained = run_cli(
        "rules", "--isolated", "--rule-path", str(pack), "--explain", "boilerplate.donation-plea"
    )
    assert explained.code == 1
    lines = explained.out.splitlines()
    assert "  ok   [en] Donate now" in lines
    failing = lines.index("  FAIL [en] Support our journalism today")
    assert lines[failing + 1].strip() == "^ bad example not reported"
    assert "  FAIL [en] Donate now, the mayor said." in lines


def test_a_bundled_pack_given_by_path_is_tested_not_loaded_twice() -> None:
    pack = ROOT / "rules" / "claims.yaml"
    run = run_cli("rules", "--isolated", "--test", str(pack))
    assert run.code == 0, run.err
    rules = len(yaml.safe_load(pack.read_text(encoding="utf-8"))["rules"])
    assert f" of {rules} rules: " in run.out  # the claims pack only, once


def test_a_missing_pack_is_a_usage_error(tmp_path: Path) -> None:
    run = run_cli("rules", "--isolated", "--test", str(tmp_path / "nope.yaml"))
    assert run.code == 2 and "rule pack not found" in run.err
