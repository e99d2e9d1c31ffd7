"""artlint as a pre-commit hook, for real: a throwaway repository installs the
`artlint` hook from this checkout with the real pre-commit; committing a scraped
seed article is refused with artlint's findings printed, a clean article commits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, SCRAPED_FR

GIT_ENV = {
    "GIT_AUTHOR_NAME": "artlint test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "artlint test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = _run(["git", *args], cwd, env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _checkout_files() -> list[str]:
    """The checkout's files: git's view when it is a clone, else the tree minus build litter."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, text=True
    )
    if listed.returncode == 0 and listed.stdout:
        return [name for name in listed.stdout.split("\0") if name]
    skipped = {"__pycache__", "build", "dist"}
    return [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*")
        if path.is_file()
        and not any(
            (part.startswith(".") and part not in (".pre-commit-hooks.yaml", ".ci"))
            or part in skipped
            or part.endswith(".egg-info")
            for part in path.relative_to(ROOT).parts
        )
    ]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str]]:
    """A git repository holding this checkout's files as they are now (committed or not)."""
    env = {**os.environ, **GIT_ENV}
    repo = tmp_path_factory.mktemp("artlint-hook-repo")
    for name in _checkout_files():
        source = ROOT / name
        if source.is_file():
            target = repo / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "artlint under test")
    return repo, _git(repo, env, "rev-parse", "HEAD"), env


def test_hook_refuses_residue_and_accepts_clean_article(hook_repo, tmp_path: Path) -> None:
    repo, revision, env = hook_repo
    env = {**env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    project = tmp_path / "newsroom"
    project.mkdir()
    _git(project, env, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {revision}\n    hooks:\n      - id: artlint\n",
        encoding="utf-8",
    )
    installed = _run([sys.executable, "-m", "pre_commit", "install"], project, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git(project, env, "add", ".pre-commit-config.yaml")

    # A scraped article: subscription form, repeated title, 'des rumeurs circulent'.
    shutil.copy(SCRAPED_FR, project / "meta-midjourney.txt")
    _git(project, env, "add", "meta-midjourney.txt")
    refused = _run(["git", "commit", "-m", "add scraped article"], project, env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "meta-midjourney.txt:14:1: warning boilerplate.subscription-prompt" in output
    assert "boilerplate.form-message" in output
    assert _run(["git", "rev-parse", "--verify", "HEAD"], project, env).returncode != 0  # nothing committed

    # A clean article commits.
    _git(project, env, "reset", "-q", "meta-midjourney.txt")
    shutil.copy(EXAMPLES / "clean-article.md", project / "cycle-lanes.md")
    _git(project, env, "add", "cycle-lanes.md")
    accepted = _run(["git", "commit", "-m", "add clean article"], project, env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "artlint" in accepted.stdout + accepted.stderr  # the hook ran and passed
    assert "cycle-lanes.md" in _git(project, env, "show", "--name-only", "--format=", "HEAD")
