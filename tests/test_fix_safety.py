"""`fix` loses no text (issue 11, items 1-3 and 12): a file edited while fix
runs, a read-only file, a folder it cannot write, an `-o` naming an input."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

import artlint.fix
from artlint import atomic

SCRAPED = EXAMPLES / "scraped-fr.txt"


def _copy(tmp_path: Path, name: str = "r.txt") -> Path:
    target = tmp_path / name
    shutil.copyfile(SCRAPED, target)
    return target


def _no_temporary_files(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.startswith(".artlint-")] == []


def test_fix_keeps_an_edit_made_while_it_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(tmp_path)
    other = _copy(tmp_path, "s.txt")
    real_fix_text = artlint.fix.fix_text

    def edit_meanwhile(text, lint, fmt):  # the user saves the file while fix is linting it
        outcome = real_fix_text(text, lint, fmt)
        if not getattr(edit_meanwhile, "done", False):
            edit_meanwhile.done = True  # type: ignore[attr-defined]
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("EDIT\n")
        return outcome

    monkeypatch.setattr(artlint.fix, "fix_text", edit_meanwhile)
    run = run_cli("fix", "--isolated", str(path), str(other))
    assert run.code == 2
    assert f"{path}: changed since artlint read it" in run.err
    assert path.read_text(encoding="utf-8").endswith("EDIT\n")  # the edit is still there
    assert "Laisser un commentaire" not in other.read_text(encoding="utf-8")  # the next file was fixed
    _no_temporary_files(tmp_path)


def test_same_size_and_time_but_other_content_is_a_change(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    data, before = atomic.snapshot(str(path))
    changed = data.replace(b"Accueil", b"ACCUEIL")
    path.write_bytes(changed)
    os.utime(path, ns=(before.mtime_ns, before.mtime_ns))  # a clock that did not move
    with pytest.raises(atomic.WriteRefused, match="changed since artlint read it"):
        atomic.write_atomic(str(path), b"fixed", expect=before)
    assert path.read_bytes() == changed
    _no_temporary_files(tmp_path)


def test_read_only_file_is_not_rewritten_even_by_root(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    path.chmod(0o444)
    before = path.read_bytes()
    run = run_cli("fix", "--isolated", str(path))
    assert run.code == 2
    assert "read-only file; not written" in run.err
    assert path.read_bytes() == before
    _no_temporary_files(tmp_path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_fix_keeps_the_owner_of_the_file(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    os.chown(path, 12345, 23456)
    path.chmod(0o640)
    assert run_cli("fix", "--isolated", str(path)).code == 0
    status = path.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (12345, 23456, 0o640)
    assert "Laisser un commentaire" not in path.read_text(encoding="utf-8")


def test_unwritable_folder_is_one_file_s_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root may write anywhere, so the folder's refusal is simulated where the temporary file is made.
    locked, free = tmp_path / "locked", tmp_path / "free"
    locked.mkdir()
    free.mkdir()
    first, second = _copy(locked), _copy(free)
    real_mkstemp = atomic.tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):  # `dir`: the name mkstemp uses
        if dir is not None and Path(dir) == locked:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    run = run_cli("fix", "--isolated", str(first), str(second))
    assert run.code == 2
    assert f"{first}: cannot write the fixed file: Permission denied; left as it was" in run.err
    assert "Traceback" not in run.err
    assert first.read_bytes() == SCRAPED.read_bytes()
    assert "Laisser un commentaire" not in second.read_text(encoding="utf-8")


def test_no_temporary_file_is_left_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(tmp_path)

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    run = run_cli("fix", "--isolated", str(path))
    assert run.code == 2
    assert "No space left on device" in run.err
    assert path.read_bytes() == SCRAPED.read_bytes()
    _no_temporary_files(tmp_path)


def test_a_bug_while_fixing_one_file_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _copy(tmp_path, "a.txt"), _copy(tmp_path, "b.txt")
    real_fix_text = artlint.fix.fix_text

    def crash_on_first(text, lint, fmt):
        if not getattr(crash_on_first, "done", False):
            crash_on_first.done = True  # type: ignore[attr-defined]
            raise ZeroDivisionError("boom")
        return real_fix_text(text, lint, fmt)

    monkeypatch.setattr(artlint.fix, "fix_text", crash_on_first)
    run = run_cli("fix", "--isolated", str(first), str(second))
    assert run.code == 2
    assert f"artlint: internal error: {first}: ZeroDivisionError: boom" in run.err
    assert "please report it" in run.err
    assert "Laisser un commentaire" not in second.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github"])
def test_output_naming_an_input_is_refused_before_it_is_opened(tmp_path: Path, fmt: str) -> None:
    path = _copy(tmp_path, "a.txt")
    run = run_cli("check", "--isolated", "--format", fmt, "-o", str(path), str(path))
    assert run.code == 2
    assert "is one of the inputs" in run.err
    assert path.read_bytes() == SCRAPED.read_bytes()
    # the same file by another name, and a report inside a folder being linted
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    assert run_cli("check", "--isolated", "-o", str(link), str(path)).code == 2
    assert run_cli("check", "--isolated", "-o", str(tmp_path / "new.txt"), str(tmp_path)).code == 2
    assert not (tmp_path / "new.txt").exists()
    assert path.read_bytes() == SCRAPED.read_bytes()


def test_baseline_and_cache_use_the_same_atomic_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import artlint.baseline
    import artlint.cache

    assert artlint.baseline.write_atomic is atomic.write_atomic
    assert artlint.cache.write_atomic is atomic.write_atomic
    assert artlint.fix.atomic is atomic
