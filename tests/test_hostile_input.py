"""Hostile and odd input (issue 11, items 9-11 and 13-19): no traceback, nothing
leaked or forged in the output, the same answer from check and fix."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli, run_process, validate_report

from artlint import cache

CLEAN = str(EXAMPLES / "clean-article.md")
SCRAPED = EXAMPLES / "scraped-fr.txt"
FORMATS = ("text", "json", "jsonl", "sarif", "github")
RECORD = json.loads((EXAMPLES / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[0])


def _jsonl(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _check_output(fmt: str, data: bytes) -> None:
    text = data.decode("utf-8")  # strict: the report is valid UTF-8
    if fmt in ("json", "sarif"):
        document = json.loads(text)
        if fmt == "json":
            validate_report(document)
    elif fmt == "jsonl":
        for line in text.splitlines():
            json.loads(line)


# -- 9, 10: lone surrogates and file names that are not UTF-8 ----------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_lone_surrogates_in_id_and_text_in_every_writer(tmp_path: Path, fmt: str) -> None:
    corpus = _jsonl(
        tmp_path / "c.jsonl",
        '{"id": "x\\ud83d", "text": "Harbour Road \\udc00 will close.\\nLeave a Reply\\n"}',
    )
    run = run_process("check", "--isolated", "--format", fmt, str(corpus))
    assert run.code == 1 and "Traceback" not in run.err
    report = tmp_path / "report.out"
    assert run_process("check", "--isolated", "--format", fmt, "-o", str(report), str(corpus)).code == 1
    _check_output(fmt, report.read_bytes())
    if fmt == "json":
        assert json.loads(report.read_bytes())["results"][0]["record"] == "x\ud83d"  # nothing lost


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names are bytes")
@pytest.mark.parametrize("fmt", FORMATS)
def test_file_name_that_is_not_utf8_in_every_format(tmp_path: Path, fmt: str) -> None:
    name = os.fsdecode(b"caf\xe9-\x1b[31m.txt")
    shutil.copyfile(SCRAPED, tmp_path / name)
    for extra in ([], ["-o", str(tmp_path / "report.out")]):
        run = run_process("check", "--isolated", "--format", fmt, *extra, str(tmp_path))
        assert run.code == 1 and "Traceback" not in run.err
    for data in (
        run_process_bytes("check", "--isolated", "--format", fmt, str(tmp_path)),
        (tmp_path / "report.out").read_bytes(),
    ):
        _check_output(fmt, data)
        assert b"\x1b" not in data and b"\xe9" not in data


def run_process_bytes(*args: str) -> bytes:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "artlint", *args], capture_output=True, timeout=120, check=False
    ).stdout


# -- 11: deep nesting -----------------------------------------------------------------
def test_deeply_nested_record_in_check_fix_and_baseline(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "deep.jsonl", "[" * 100_000 + "]" * 100_000, json.dumps(RECORD))
    run = run_cli("check", "--isolated", "--format", "json", str(corpus))
    assert run.code == 2
    assert f"{corpus}:1: malformed JSON: nested too deeply" in run.err
    assert [r["record"] for r in run.json()["results"]] == ["a1"]
    baseline = tmp_path / "baseline.json"
    run = run_cli("check", "--isolated", "--write-baseline", str(baseline), str(corpus))
    assert run.code == 2 and baseline.exists()
    fixed = run_cli("fix", "--isolated", str(corpus))
    assert fixed.code == 2 and "malformed JSON line kept as it is" in fixed.err
    assert corpus.read_text(encoding="utf-8").startswith("[" * 100_000)
    baseline.write_text("[" * 100_000, encoding="utf-8")
    run = run_cli("check", "--isolated", "--baseline", str(baseline), CLEAN)
    assert run.code == 2 and "nested too deeply" in run.err and "Traceback" not in run.err


# -- 13, 17: config files that cannot be read ----------------------------------------------
def test_config_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / ".artlint.toml").write_bytes('lang = "fr" # déjà\n'.encode("latin-1"))
    run = run_cli("check", CLEAN, cwd=tmp_path)
    assert run.code == 2
    assert "not valid TOML: not UTF-8 text" in run.err


def test_invalid_pyproject_is_reported_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.artlint]\nfail_on = "error"\n[tool.other\nbroken = \n', encoding="utf-8"
    )
    run = run_cli("check", CLEAN, cwd=tmp_path)
    assert run.code == 2
    assert "pyproject.toml: not valid TOML" in run.err


# -- 14, 15: nothing leaked, nothing executed ------------------------------------------------
def test_a_non_pack_file_is_not_printed_whole(tmp_path: Path) -> None:
    secret = tmp_path / ".env"
    secret.write_text("KEY=abc\n" + "PASSWORD=hunter2-very-secret-value\n" * 20, encoding="utf-8")
    (tmp_path / ".artlint.toml").write_text('rule_paths = [".env"]\n', encoding="utf-8")
    run = run_cli("check", CLEAN, cwd=tmp_path)
    assert run.code == 2
    assert "is not of type 'object'" in run.err
    assert run.err.count("hunter2") <= 1 and len(run.err) < 600


def _house_pack(folder: Path) -> Path:
    """A user's rule pack of one phrase rule: its compiled form goes to the cache folder."""
    pack = folder / "house.yaml"
    pack.write_text(
        "category: claims\nrules:\n  - id: claims.house-word\n    kind: phrase\n    severity: info\n"
        "    message: house word\n    phrases: {en: [zorblax]}\n    examples: {bad: [zorblax here]}\n",
        encoding="utf-8",
    )
    return pack


def test_a_planted_pickle_in_the_cache_is_never_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared-cache"
    monkeypatch.setenv("ARTLINT_CACHE_DIR", str(folder))
    # A user's pack: its compiled form is cached (an installed package ships the
    # bundled packs compiled, so they alone may leave no rules in the cache).
    pack = _house_pack(tmp_path)
    assert run_cli("check", "--rule-path", str(pack), CLEAN).code == 0  # fills the cache
    entries = [*folder.glob("rules-*.pickle"), *folder.glob("pack-*.pickle")]
    assert entries
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for entry in entries:
        entry.write_bytes(pickle.dumps(Exploit()))  # what an attacker with the cache folder can do
    assert run_cli("check", "--rule-path", str(pack), CLEAN).code == 0
    assert not marker.exists()
    key = cache.key_path()
    assert key.parent == folder.parent and key.stat().st_mode & 0o777 == 0o600


def test_a_cache_entry_of_another_regex_build_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pickled pattern holds the compiled program of the `regex` that wrote it, which
    another build may crash on: two environments sharing a cache folder keep apart."""
    import regex

    from artlint.ruleset import load_ruleset

    folder = tmp_path / "shared-cache"
    monkeypatch.setenv("ARTLINT_CACHE_DIR", str(folder))
    pack = _house_pack(tmp_path)

    def entries() -> set[str]:
        return {p.name for pattern in ("rules-*.pickle", "pack-*.pickle") for p in folder.glob(pattern)}

    load_ruleset([pack])
    first = entries()
    assert first
    monkeypatch.setattr(regex, "__version__", "0.0.0-another-build")
    load_ruleset([pack])
    assert entries() - first  # compiled again under its own key, not read back


def test_a_key_file_others_can_read_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "c"
    monkeypatch.setenv("ARTLINT_CACHE_DIR", str(folder))
    cache.key_path().write_bytes(b"k" * 32)
    cache.key_path().chmod(0o644)
    cache.store(folder / "x.pickle", {"a": 1})
    assert not (folder / "x.pickle").exists()
    assert cache.load(folder / "x.pickle") is None


# -- 16: control characters in ids, paths and messages ------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_an_id_or_a_file_name_cannot_forge_a_workflow_command(tmp_path: Path, fmt: str) -> None:
    forged = "a1\n::error file=evil.py::forged\r\x1b[2J"
    corpus = _jsonl(tmp_path / "c.jsonl", json.dumps({**RECORD, "id": forged}))
    named = tmp_path / "x\n::error file=evil.py::forged.txt"
    shutil.copyfile(SCRAPED, named)
    run = run_cli("check", "--isolated", "--format", fmt, str(corpus), str(named))
    assert run.code == 1
    for stream in (run.out, run.err):
        assert "\x1b" not in stream and "\r" not in stream
        assert not any(line.startswith("::error file=evil.py") for line in stream.splitlines())
    if fmt == "text":
        assert "c.jsonl[a1\\n::error file=evil.py::forged\\r\\x1b[2J]:" in run.out
    else:
        assert "x%0A%3A%3Aerror file=evil.py%3A%3Aforged.txt" in run.out


def test_github_escapes_properties_and_messages() -> None:
    from artlint.textsafe import github_escape

    assert github_escape("a%b\r\nc:d,e", property_value=True) == "a%25b%0D%0Ac%3Ad%2Ce"
    assert github_escape("50% done\n::x") == "50%25 done%0A::x"
    assert github_escape("bell\x07") == "bell\\x07"


# -- 18: the same records in check and fix ------------------------------------------------
def test_jsonl_with_a_bom_keeps_its_first_record(tmp_path: Path) -> None:
    corpus = tmp_path / "bom.jsonl"
    lines = (EXAMPLES / "corpus.jsonl").read_text(encoding="utf-8")
    corpus.write_bytes(b"\xef\xbb\xbf" + lines.encode("utf-8"))
    run = run_cli("check", "--isolated", "--format", "json", str(corpus))
    assert [r["record"] for r in run.json()["results"]][:1] == ["a1"]
    assert run_cli("fix", "--isolated", str(corpus)).code == 0
    data = corpus.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf{") and b"Leave a Reply" not in data


def test_cr_only_line_ends_split_the_same_in_check_and_fix(tmp_path: Path) -> None:
    corpus = tmp_path / "cr.jsonl"
    lines = (EXAMPLES / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    corpus.write_bytes("\r".join(lines).encode("utf-8") + b"\r")
    run = run_cli("check", "--isolated", "--format", "json", str(corpus))
    assert run.code == 1
    assert [(r["record"], r["record_line"]) for r in run.json()["results"]] == [
        (json.loads(line)["id"], number) for number, line in enumerate(lines, start=1)
    ]
    assert run_cli("fix", "--isolated", str(corpus)).code == 0
    assert b"Leave a Reply" not in corpus.read_bytes() and corpus.read_bytes().count(b"\r") == len(lines)


# -- 19: options and inputs that were silently taken ---------------------------------------------
def test_lang_is_normalised_and_validated() -> None:
    upper = run_cli("check", "--isolated", "--lang", "EN", "--format", "json", CLEAN).json()
    lower = run_cli("check", "--isolated", "--lang", "en", "--format", "json", CLEAN).json()
    assert upper["results"] == lower["results"]
    assert run_cli("check", "--isolated", "--lang", "en-GB", CLEAN).code == 0
    bad = run_cli("check", "--isolated", "--lang", "english!", CLEAN)
    assert bad.code == 2 and "is not a language code" in bad.err


def test_unknown_encoding_is_a_usage_error() -> None:
    run = run_cli("check", "--isolated", "--encoding", "no-such-codec", CLEAN)
    assert run.code == 2 and "unknown encoding: no-such-codec" in run.err


def test_rule_path_folder_without_packs(tmp_path: Path) -> None:
    run = run_cli("check", "--isolated", "--rule-path", str(tmp_path), CLEAN)
    assert run.code == 2 and "no rule packs (*.yaml, *.yml) in this folder" in run.err


def test_all_category_weights_zero_is_a_config_error(tmp_path: Path) -> None:
    names = ["boilerplate", "entities", "sourcing", "claims", "readability"]
    config = tmp_path / ".artlint.toml"
    config.write_text("[category_weights]\n" + "".join(f"{n} = 0\n" for n in names), encoding="utf-8")
    run = run_cli("check", "--config", str(config), CLEAN)
    assert run.code == 2 and "every weight is 0" in run.err


def test_html_of_only_script_and_style_is_an_empty_file(tmp_path: Path) -> None:
    page = tmp_path / "app.html"
    page.write_text(
        "<html><head><style>p{}</style></head><body><script>var x = 'Leave a Reply';</script></body></html>",
        encoding="utf-8",
    )
    run = run_cli("check", "--isolated", "--format", "json", str(page), str(EXAMPLES / "scraped-en.html"))
    assert f"artlint: warning: {page}: empty file: nothing to lint" in run.err
    assert [r["path"] for r in run.json()["results"]] == [str(EXAMPLES / "scraped-en.html")]


def test_unreadable_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copyfile(SCRAPED, locked / "a.txt")
    real_scandir = os.scandir

    def refuse(path="."):  # as for a folder without read permission (root reads any)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    run = run_cli("check", "--isolated", str(locked))
    assert run.code == 2
    assert f"{locked}: cannot read this folder: Permission denied" in run.err
    assert "no articles found" not in run.err


def test_json_error_messages_and_ids_read_well(tmp_path: Path) -> None:
    corpus = _jsonl(
        tmp_path / "c.jsonl",
        '{"id": "bad", "text": "a\tb"}',
        json.dumps({"id": {"site": "x", "n": 1}, "text": RECORD["text"]}),
    )
    run = run_cli("check", "--isolated", "--format", "json", str(corpus))
    assert "malformed JSON: Invalid control character at column" in run.err
    assert "at at" not in run.err
    assert run.json()["results"][0]["record"] == '{"n": 1, "site": "x"}'
