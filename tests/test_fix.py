"""`artlint fix` removes residue and nothing else, and leaves files as it found
them otherwise: encoding, byte-order mark, line endings, final newline, mode;
atomic writes; idempotent; JSONL records rewritten in their text field only.
The strongest check runs fix over the whole labeled development corpus and
proves that no line labeled BODY is ever removed."""

from __future__ import annotations

import codecs
import difflib
import gzip
import json
import os
import shutil
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ARTICLES, CORPUS, HAVE_SHARED, ROOT, SEEDS, article_labels, needs_shared, run_cli

from artlint.api import Linter
from artlint.config import Config
from artlint.fix import fix_text, text_value_span
from artlint.sources import Article

# Fixture articles (tests/data/articles), so these tests run in a bare clone too.
SEED_EN = "scraped-en.txt"  # breadcrumb, repeated title, source link, comment form
SEED_FR = "scraped-fr.txt"  # breadcrumb, repeated title, subscription form messages at the end


@pytest.fixture(scope="module")
def boilerplate() -> Linter:
    return Linter.from_config(Config(select=("boilerplate",)))


def _lint(linter: Linter, lang: str | None = None):
    def lint(text: str, fmt: str) -> list:
        article = Article("-", fmt, text)
        if lang is None:
            return list(linter.lint_article(article).findings)
        return list(linter.lint_text(text, lang=lang, fmt=fmt).findings)

    return lint


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(ARTICLES / name, target)
    return target


def _fixable(path: Path, *extra: str) -> list[dict]:
    run = run_cli("check", "--isolated", "--select", "boilerplate", "--format", "json", *extra, str(path))
    return [f for r in run.json()["results"] for f in r["findings"] if "fix" in f]


# -- what is removed --------------------------------------------------------------------
def test_fix_removes_the_seed_residue_and_keeps_every_clean_line(tmp_path: Path) -> None:
    labels = article_labels()
    for name in (SEED_EN, SEED_FR):
        path = _copy(tmp_path, name)
        before = path.read_text(encoding="utf-8").split("\n")
        fixable = {f["line"] for f in _fixable(path)}  # an image credit, say, is reported, not fixed
        run = run_cli("fix", "--isolated", "--select", "boilerplate", str(path))
        assert run.code == 0, run.err
        after = path.read_text(encoding="utf-8")
        kept = after.split("\n")
        for group in labels[name]["clean"]:
            for number in group["lines"]:
                assert before[number - 1] in kept, (name, number)
        residue = [x["line"] for x in labels[name]["must"] if x["category"] == "boilerplate"]
        # only rules that earned fix on the labeled pages offer one (artlint/measured.py):
        # comment and subscription forms, share bars, the source link; a repeated title
        # or a breadcrumb is reported, not fixed
        residue = [n for n in residue if n in fixable]
        assert len(residue) >= 3, (name, residue)
        # counted, not looked up: a repeated title leaves its first copy behind
        left = Counter(kept)
        gone = [n for n in residue if left[before[n - 1]] < before.count(before[n - 1])]
        assert gone == residue, (name, residue, gone)
        assert _fixable(path) == []


@needs_shared
def test_fix_replaces_fused_metadata_in_place(tmp_path: Path) -> None:
    path = tmp_path / "001_26ea75ed01c9747a.txt"
    shutil.copyfile(SEEDS / path.name, path)
    first = path.read_text(encoding="utf-8").split("\n")[0]
    assert run_cli("fix", "--isolated", "--select", "boilerplate", str(path)).code == 0
    new_first = path.read_text(encoding="utf-8").split("\n")[0]
    assert new_first.startswith("Le géant californien Meta")
    assert first.endswith(new_first)


NAIVE = (CORPUS / "residue" / "naive", CORPUS / "fr-de" / "residue" / "naive")
TRAF = (CORPUS / "residue" / "traf_default", CORPUS / "fr-de" / "residue" / "traf")
DANIEL = (CORPUS / "daniel" / "naive", CORPUS / "daniel" / "traf_default")


def _corrections() -> dict[str, dict[int, str]]:
    """Labels plainly wrong by the corpus's own rules, corrected one by one with a reason:
    read by the benchmarks' own loader (bench/residue_data.py), so both see the same labels."""
    sys.path.insert(0, str(ROOT / "bench"))
    from residue_data import corrections

    return {
        page: {line: "RESIDUE" if residue else "BODY" for line, residue in lines.items()}
        for page, lines in corrections().items()
    }


CORRECTED = _corrections()


def _labeled_pages(folders: tuple[Path, ...]) -> Iterator[tuple[str, str, dict[int, str], str | None]]:
    """(folder/stem, text, line -> label, language) of each labeled residue page;
    the language is given for the fr-de pages only (the others are detected)."""
    languages = {
        **json.loads((CORPUS / "fr-de" / "languages.json").read_text(encoding="utf-8")),
        **json.loads((CORPUS / "daniel" / "languages.json").read_text(encoding="utf-8")),
    }
    for folder in folders:
        for labels_path in sorted(folder.glob("*.labels.jsonl")):
            stem = labels_path.name.removesuffix(".labels.jsonl")
            labels = {}
            for raw in labels_path.read_text(encoding="utf-8").splitlines():
                item = json.loads(raw)
                labels[item["line"]] = item["label"]
            labels.update(CORRECTED.get(f"{folder.relative_to(CORPUS).as_posix()}/{stem}", {}))
            text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
            given = "fr-de" in folder.parts or "daniel" in folder.parts
            yield f"{folder.name}/{stem}", text, labels, languages[stem] if given else None


def _kept_lines(before: list[str], after: list[str]) -> set[int]:
    """0-based indexes of the lines of `before` that are still in `after`."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}


@needs_shared
def test_no_body_line_of_any_labeled_page_is_ever_removed(boilerplate: Linter) -> None:
    """Every labeled page of every shared corpus, both variants: residue/ (English-dominant),
    fr-de/, and daniel/ (five languages, 297 sites no rule was written against)."""
    pages = removed_residue = 0
    damaged: list[str] = []
    for name, text, labels, lang in _labeled_pages(NAIVE + TRAF + DANIEL):
        outcome = fix_text(text, _lint(boilerplate, lang), "txt")
        assert outcome.converged, name
        before = text.split("\n")
        kept = _kept_lines(before, outcome.text.split("\n"))
        for number, label in labels.items():
            if number - 1 in kept:
                continue
            if label == "BODY":
                damaged.append(f"{name}:{number}: {before[number - 1][:80]}")
            else:
                removed_residue += 1
        pages += 1
    assert pages >= 1900
    assert removed_residue > 1000  # fix does real work on this corpus...
    assert damaged == []  # ...and never removes a line of the article


@needs_shared
def test_a_lede_printed_again_later_does_not_move_the_text(boilerplate: Linter) -> None:
    """Every trafilatura page of the dev corpus with its first paragraph
    printed again at the end: a copy is shape, not proof of where the text
    starts, so fix removes no line of the article (subheadings under the
    lede included)."""
    pages = 0
    damaged: list[str] = []
    for name, page, labels, lang in _labeled_pages(TRAF):
        lines = page.split("\n")
        lede = next(
            (n for n in sorted(labels) if labels[n] == "BODY" and len(lines[n - 1].split()) >= 15), None
        )
        if lede is None:
            continue
        text = "\n".join([*lines, lines[lede - 1]])
        kept = _kept_lines(lines, fix_text(text, _lint(boilerplate, lang), "txt").text.split("\n"))
        damaged += [f"{name}:{n}" for n, label in labels.items() if label == "BODY" and n - 1 not in kept]
        pages += 1
    assert pages >= 80
    assert damaged == []  # fix removes no line of any article


# -- what is kept --------------------------------------------------------------------
def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = _copy(tmp_path, SEED_EN)
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    run = run_cli("fix", "--isolated", "--diff", str(path))
    assert run.code == 1  # something would change
    assert run.out.startswith(f"--- a/{path}\n+++ b/{path}\n@@ ")
    assert "-Leave a Reply\n" in run.out and "-Source link\n" in run.out
    assert "would fix" in run.err
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == [SEED_EN]


def test_write_is_atomic_keeps_mode_and_follows_symlinks(tmp_path: Path) -> None:
    path = _copy(tmp_path, SEED_EN)
    os.chmod(path, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(path.name)
    inode = path.stat().st_ino
    assert run_cli("fix", "--isolated", str(link)).code == 0
    assert link.is_symlink() and os.readlink(link) == path.name
    assert path.stat().st_ino != inode  # a new file was renamed into place
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "Leave a Reply" not in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([SEED_EN, "link.txt"])  # no temp file left


@pytest.mark.parametrize(
    ("newline", "bom", "encoding", "final"),
    [
        ("\n", b"", "utf-8", True),
        ("\r\n", b"", "utf-8", True),
        ("\r\n", codecs.BOM_UTF8, "utf-8", False),
        ("\n", codecs.BOM_UTF16_LE, "utf-16-le", True),
        ("\r\n", codecs.BOM_UTF16_BE, "utf-16-be", False),
        ("\r", b"", "utf-8", True),
    ],
)
def test_encoding_line_endings_and_final_newline_are_kept(
    tmp_path: Path, newline: str, bom: bytes, encoding: str, final: bool
) -> None:
    lines = (ARTICLES / SEED_FR).read_text(encoding="utf-8").split("\n")
    text = newline.join(lines).rstrip("\r\n") + (newline if final else "")
    path = tmp_path / "article.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert run_cli("fix", "--isolated", str(path)).code == 0
    data = path.read_bytes()
    assert data.startswith(bom)
    fixed = data[len(bom) :].decode(encoding)
    assert "Adresse e-mail invalide" not in fixed and "Merci pour votre inscription" not in fixed
    assert fixed.endswith(newline) == final
    if newline == "\r\n":
        assert fixed.count("\r\n") == fixed.count("\n") and "\r\n" in fixed
    elif newline == "\n":
        assert "\r" not in fixed
    else:
        assert "\n" not in fixed
    kept = [ln for ln in fixed.replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln]
    # the breadcrumb is reported, not fixed: its rule has not earned fix on the labeled
    # pages (artlint/measured.py); the title's copy has (boilerplate.repeated-line) and
    # goes, the title stays; the article's lines all stay
    assert kept[:3] == [lines[0], lines[1], next(ln for ln in lines[4:] if ln.startswith("La région a"))]
    assert kept.count(lines[1]) == 1
    assert any(line.startswith("La région a inauguré lundi") for line in kept)


def test_mixed_line_endings_are_kept_line_by_line(tmp_path: Path) -> None:
    text = (
        "The deal was signed on Friday after two years of talks between the companies.\r\n"
        "Leave a Reply\n"
        "It takes effect next year, the ministry said in a statement on Monday.\r\n"
        "Share this article\r"
        "Shares rose by four percent in early trading after the announcement.\n"
    )
    path = tmp_path / "mixed.txt"
    path.write_bytes(text.encode())
    assert run_cli("fix", "--isolated", str(path)).code == 0
    assert path.read_bytes() == (
        b"The deal was signed on Friday after two years of talks between the companies.\r\n"
        b"It takes effect next year, the ministry said in a statement on Monday.\r\n"
        b"Shares rose by four percent in early trading after the announcement.\n"
    )


@needs_shared
def test_latin1_file_given_its_encoding_stays_latin1(tmp_path: Path) -> None:
    text = (SEEDS / "003_fe9b5bcc2976f0d8.txt").read_text(encoding="utf-8")
    text = text.encode("latin-1", errors="replace").decode("latin-1")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    assert run_cli("fix", "--isolated", "--encoding", "latin-1", str(path)).code == 0
    fixed = path.read_bytes().decode("latin-1")
    assert "Afficher le sommaire" not in fixed and "Lecture: 3 minutes" not in fixed
    assert "Malgré les récents scandales" in fixed


def test_fix_is_idempotent_and_check_finds_nothing_fixable_after(tmp_path: Path) -> None:
    for name in sorted(article_labels()):
        _copy(tmp_path, name)
    if HAVE_SHARED:  # and real pages, where the corpora are at hand
        for source in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(source, tmp_path / source.name)
        for folder in ("naive", "traf_default"):
            for source in sorted((CORPUS / "residue" / folder).glob("*.txt"))[:12]:
                shutil.copyfile(source, tmp_path / f"{folder}-{source.name}")
    first = run_cli("fix", "--isolated", str(tmp_path))
    assert first.code == 0, first.err
    snapshot = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    second = run_cli("fix", "--isolated", str(tmp_path))
    assert second.code == 0 and "fixed 0 lines in 0 files" in second.err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == snapshot
    assert _fixable(tmp_path) == []


# -- JSONL ---------------------------------------------------------------------------
def _records() -> list[bytes]:
    en = (ARTICLES / SEED_EN).read_text(encoding="utf-8")
    fr = (ARTICLES / SEED_FR).read_text(encoding="utf-8")
    clean = "The council approved the budget on Tuesday after a long debate.\nIt takes effect in May."
    return [
        b'{"id": "a1", "score": 1.50, "text": ' + json.dumps(en, ensure_ascii=False).encode() + b"}",
        b'{"id":"a2","title":"Caf\\u00e9","text":' + json.dumps(fr).encode() + b',"tags":["x", "y"]}',
        json.dumps({"id": "a3", "text": clean}).encode(),
        b"{not json at all",
        json.dumps({"id": "a5", "body": "no text field here"}).encode(),
    ]


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_jsonl_rewrites_only_the_text_field_of_changed_records(tmp_path: Path, ending: bytes) -> None:
    records = _records()
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(ending.join(records) + ending)
    run = run_cli("fix", "--isolated", str(path))
    assert run.code == 2  # as for check, a malformed record is an input error...
    assert f"{path}:4: malformed JSON line kept as it is" in run.err
    assert "fixed" in run.err and "in 1 file" in run.err  # ...and the other records are fixed
    lines = path.read_bytes().split(ending)
    assert lines[-1] == b"" and len(lines) == len(records) + 1
    # Untouched records, byte for byte, in their order.
    assert lines[2:5] == records[2:5]
    # Changed records: same bytes around the text value; the value is the fixed text.
    for new, old in zip(lines[:2], records[:2], strict=True):
        new_text, old_text = new.decode(), old.decode()
        new_span, old_span = text_value_span(new_text, "text"), text_value_span(old_text, "text")
        assert new_span is not None and old_span is not None
        assert new_text[: new_span[0]] == old_text[: old_span[0]]
        assert new_text[new_span[1] :] == old_text[old_span[1] :]
        assert len(json.loads(new_text)["text"]) < len(json.loads(old_text)["text"])
    assert b'"score": 1.50' in lines[0] and b'"title":"Caf\\u00e9"' in lines[1]
    assert "Leave a Reply" not in json.loads(lines[0])["text"]
    assert "\\u2019" in lines[1].decode()  # the French text stays \\u-escaped as it was
    assert _fixable(path) == []


def test_gzipped_jsonl_is_fixed_and_stays_gzipped(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(gzip.compress(b"\n".join(_records()[:3]) + b"\n"))  # the valid records
    assert run_cli("fix", "--isolated", str(path)).code == 0
    lines = gzip.decompress(path.read_bytes()).split(b"\n")
    assert "Leave a Reply" not in json.loads(lines[0])["text"]
    assert lines[2] == _records()[2]


def test_text_value_span_reads_keys_like_json() -> None:
    line = '{"text": 1, "id": "x", "text": "the \\"real\\" one"}'
    start, end = text_value_span(line, "text") or (0, 0)
    assert json.loads(line[start:end]) == 'the "real" one'
    assert text_value_span('{"text": ["a"]}', "text") is None
    assert text_value_span("{}", "text") is None
    with pytest.raises(ValueError):
        text_value_span('{"text": "a"} trailing', "text")
    with pytest.raises(ValueError):
        text_value_span('["text"]', "text")


def test_fix_refuses_stdin_and_skips_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>Leave a Reply</p>", encoding="utf-8")
    run = run_cli("fix", "--isolated", str(page), "-")
    assert run.code == 2
    assert "cannot read stdin" in run.err and "does not rewrite HTML" in run.err
    assert page.read_text(encoding="utf-8") == "<p>Leave a Reply</p>"
