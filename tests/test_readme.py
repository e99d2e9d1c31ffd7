"""The README's examples work: its rule pack loads and proves itself on its
examples, its configuration validates, its two set-up commands are the ones CI runs."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

from conftest import ROOT, run_cli

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
    # A rule_paths folder must hold a pack (an empty one is an error): the README's own.
    pack = next(b for b in _blocks("yaml") if b.startswith("category:"))
    (tmp_path / "house-rules" / "house.yaml").write_text(pack, encoding="utf-8")
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


def _console_blocks() -> list[tuple[list[str], str]]:
    """The README's `console` blocks: the command after '$ ' and what it prints."""
    blocks = []
    for block in _blocks("console"):
        first, _, output = block.partition("\n")
        assert first.startswith("$ artlint "), first
        blocks.append((shlex.split(first[len("$ artlint ") :]), output))
    return blocks


def test_readme_sample_output_is_what_the_cli_prints() -> None:
    blocks = _console_blocks()
    assert len(blocks) >= 2
    for args, shown in blocks:
        run = run_cli(*args, cwd=ROOT)  # the repository's own config, as a user in the clone gets it
        assert run.out == shown, f"README sample for `artlint {' '.join(args)}` is out of date:\n{run.out}"


def test_precommit_rev_is_the_release_tag_of_this_version() -> None:
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8"), re.M).group(1)
    revs = re.findall(r"^\s*rev: (\S+)", README, re.M)
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert revs == [f"v{version}"] and f"rev: v{version}" in hooks
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True)
    if tags.returncode == 0 and tags.stdout.split():  # a clone with its tags: the tag must be one of them
        assert f"v{version}" in tags.stdout.split()
