"""`--format html`: one self-contained page for a run, with score histograms
per category, the lowest-scoring articles and their findings, findings per
rule and the language mix; nothing in it is loaded from the network."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ARTICLES, EXAMPLES, run_cli


class _Page(HTMLParser):
    """What a test needs from the page: external references, charts, table cells."""

    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.svgs: list[dict[str, str | None]] = []
        self.bars = 0
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("src", "href", "xlink:href", "action", "data"):
            if values.get(name):
                self.external.append(f"{tag} {name}={values[name]}")
        if tag in ("script", "link", "iframe", "img", "object", "embed"):
            self.external.append(tag)
        if tag == "svg":
            self.svgs.append(values)
        if tag == "rect" and values.get("class") == "bar":
            self.bars += 1
        if tag == "table":
            self._table = values.get("id") or "?"
            self.tables[self._table] = []
        if tag == "tr" and self._table:
            self._row = []
        if tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._table and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        if tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[_Page, dict, str]:
    folder = tmp_path_factory.mktemp("html")
    odd = folder / "<b>odd & name.txt"  # markup in a path is shown, never interpreted
    odd.write_text("Leave a Reply\n", encoding="utf-8")
    inputs = (str(ARTICLES), str(EXAMPLES), str(odd))
    out = folder / "report.html"
    run = run_cli("check", "--isolated", "--format", "html", "--output", str(out), *inputs)
    assert run.code == 1
    report = run_cli("check", "--isolated", "--format", "json", *inputs).json()
    text = out.read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(text)
    return parsed, report, text


def test_nothing_is_loaded_from_the_network(page) -> None:
    parsed, _report, text = page
    assert parsed.external == []
    assert "http://" not in text.replace("http://www.w3.org", "") and "https://" not in text
    assert "<b>odd" not in text and "&lt;b&gt;odd &amp; name.txt" in text


def test_one_histogram_per_score_counts_every_article(page) -> None:
    parsed, report, _text = page
    assert [svg["data-score"] for svg in parsed.svgs] == [
        "overall", "boilerplate", "entities", "sourcing", "claims", "readability"
    ]
    assert parsed.bars == 6 * 10
    assert f"{report['summary']['articles']} articles" in page[2]


def test_lowest_articles_come_first_with_their_findings(page) -> None:
    parsed, report, _text = page
    rows = parsed.tables["lowest"][1:]
    scores = [float(row[0]) for row in rows]
    assert scores == sorted(scores)
    expected = sorted(r["scores"]["overall"] for r in report["results"])[: len(rows)]
    assert scores == expected
    worst = min(report["results"], key=lambda r: r["scores"]["overall"])
    assert rows[0][3].startswith(f"{len(worst['findings'])} findings")


def test_findings_per_rule_and_languages_match_the_json_report(page) -> None:
    parsed, report, _text = page
    rules = {row[0]: int(row[1]) for row in parsed.tables["rules"][1:]}
    assert rules == dict(Counter(f["rule"] for r in report["results"] for f in r["findings"]))
    languages = {row[0]: int(row[1]) for row in parsed.tables["languages"][1:]}
    assert languages == dict(Counter(r["language"] for r in report["results"]))
    assert set(languages) >= {"en", "fr"}


def test_an_empty_run_still_writes_a_page(tmp_path: Path) -> None:
    out = tmp_path / "empty.html"
    run = run_cli("check", "--isolated", "--format", "html", "--output", str(out), str(tmp_path / "missing"))
    assert run.code == 2
    assert "0 articles" in out.read_text("utf-8") and "Input errors" in out.read_text("utf-8")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a machine with no network and no display (as the browser tests of this workplace run it).
_HEADLESS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (Debian package 'chromium'; .ci/run installs it)")
def test_the_page_renders_in_a_headless_browser_without_console_errors(page, tmp_path: Path) -> None:
    """The page as a browser builds it: the charts' bars and the tables are in the
    rendered DOM, the script (if any) raised nothing, and a screenshot is drawn."""
    _parsed, _report, text = page
    source = tmp_path / "report.html"
    source.write_text(text, encoding="utf-8")
    common = [CHROMIUM, *_HEADLESS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1600"]
    dom = subprocess.run(
        [*common, "--dump-dom", source.as_uri()], capture_output=True, text=True, timeout=120, check=False
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count('class="bar"') == 6 * 10
    assert 'id="lowest"' in dom.stdout and 'id="rules"' in dom.stdout
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []
    shot = tmp_path / "report.png"
    subprocess.run(
        [*common, f"--screenshot={shot}", source.as_uri()], capture_output=True, timeout=120, check=False
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
