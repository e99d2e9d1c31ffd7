"""The README's examples work: its rule pack loads and proves itself on its
examples, its configuration validates, its two set-up commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

from artlint.api import Linter
from artlint.config import Config, load_config
from artlint.ruleset import load_ruleset

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def test_readme_rule_pack_loads_and_its_examples_hold(tmp_path: Path) -> None:
    pack = next(b for b in _blocks("yaml") if b.startswith("category:"))
    path = tmp_path / "house.yaml"
    path.write_text(pack, encoding="utf-8")
    ruleset = load_ruleset([path])
    rule = ruleset.by_id()["boilerplate.donation-appeal"]
    linter = Linter.from_config(Config(select=(rule.id,), rule_paths=(str(path),)))
    for example in rule.examples:
        found = [
            f for f in linter.lint_text(example.text, lang=example.language).findings if f.rule == rule.id
        ]
        assert bool(found) is example.bad, example


def test_readme_configuration_validates(tmp_path: Path) -> None:
    config_text = next(b for b in _blocks("toml") if "[tool.artlint]" in b)
    (tmp_path / "house-rules").mkdir()
    (tmp_path / "pyproject.toml").write_text(config_text, encoding="utf-8")
    config = load_config(tmp_path / "pyproject.toml")
    assert config.fail_on == "warning" and config.min_score == 70
    assert dict(config.severity) == {"readability": "warning"}
    linter = Linter.from_config(config)
    assert all(r.category in ("boilerplate", "entities", "claims") for r in linter.ruleset.rules)
    assert "claims.puffery" not in linter.ruleset.by_id()


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"^(python3 -m venv .*)$", _blocks("sh")[0], re.M)
    assert len(commands) == 2
    main_job, tests = commands
    assert "artlint check examples/" in main_job
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
