"""A self-contained HTML page for a run (`--format html`): score histograms per
category, the lowest-scoring articles with their findings, findings per rule,
and the language mix.  Inline CSS and SVG only: nothing is loaded from the
network, so the page opens the same on a laptop, in CI artifacts or offline.

Only small aggregates and the lowest LOWEST articles are kept while the run
streams, so a large corpus costs little memory.
"""

from __future__ import annotations

import heapq
import html
from collections import Counter
from typing import Any

from artlint.errors import InputProblem
from artlint.report.base import Reporter, location, tool_info
from artlint.results import ArticleResult, Summary
from artlint.scoring import CATEGORIES
from artlint.textsafe import printable


def escape(text: str) -> str:
    """Markup-escaped, with control characters and lone surrogates shown as escapes
    (a page must be valid UTF-8, and a name must not steer the reader's terminal or eye)."""
    return html.escape(printable(text))

LOWEST = 20  # articles listed with their findings
BINS = 10  # histogram bars: 0-10, 10-20, ..., 90-100

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}td,th{padding:.25em .5em;text-align:left;vertical-align:top;
border-bottom:1px solid #eee}th{background:#f6f6f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:1.5em}figure{margin:0}figcaption{font-weight:600}
svg rect.bar{fill:#4a78b5}svg text{font-size:10px;fill:#444}.error{color:#b00}.warning{color:#a60}
.info{color:#067}details summary{cursor:pointer}code{font-size:.9em}
"""


class HtmlReporter(Reporter):
    def __init__(self, stream: Any, color: bool = False) -> None:
        super().__init__(stream, color)
        self.histograms: dict[str, list[int]] = {c: [0] * BINS for c in ("overall", *CATEGORIES)}
        self.rules: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()
        self.lowest: list[tuple[float, int, dict[str, Any]]] = []  # a max-heap of the lowest, by -score
        self.count = 0

    def result(self, result: ArticleResult) -> None:
        self.count += 1
        self.languages[result.language] += 1
        for finding in result.findings:
            self.rules[finding.rule] += 1
        for category, bins in self.histograms.items():
            score = result.scores.get(category)
            if score is not None:
                bins[min(BINS - 1, int(float(score) // (100 / BINS)))] += 1
        overall = float(result.scores.get("overall") or 0.0)
        entry = {
            "where": location(result),
            "overall": overall,
            "scores": dict(result.scores),
            "findings": [(f.line, f.column, f.severity, f.rule, f.message) for f in result.findings],
        }
        # keep the LOWEST lowest scores; the count breaks ties by input order
        item = (-overall, -self.count, entry)
        if len(self.lowest) < LOWEST:
            heapq.heappush(self.lowest, item)
        elif item > self.lowest[0]:
            heapq.heapreplace(self.lowest, item)

    def finish(self, summary: Summary, problems: list[InputProblem]) -> None:
        info = tool_info()
        mean = f"{summary.score_total / summary.articles:.1f}" if summary.articles else "n/a"
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>artlint report: {summary.articles} articles</title>",
            f"<style>{_STYLE}</style></head><body>",
            f"<h1>artlint report</h1><p>{escape(info['name'])} {escape(info['version'])}: "
            f"{summary.articles} articles, {summary.failed} failed, mean score {mean}, "
            f"{summary.findings} findings, {summary.errors} input errors.</p>",
            "<h2>Scores</h2><div class='charts' id='histograms'>",
            *(_histogram(name, bins) for name, bins in self.histograms.items()),
            "</div>",
            "<h2>Lowest-scoring articles</h2>",
            self._lowest_table(),
            "<h2>Findings per rule</h2>",
            _counts_table("rules", "Rule", self.rules, summary.findings),
            "<h2>Languages</h2>",
            _counts_table("languages", "Language", self.languages, self.count),
        ]
        if problems:
            rows = "".join(f"<li>{escape(p.describe())}</li>" for p in problems)
            parts.append(f"<h2>Input errors</h2><ul id='errors'>{rows}</ul>")
        parts.append("</body></html>")
        self.stream.write("\n".join(parts) + "\n")

    def _lowest_table(self) -> str:
        rows = []
        for _neg, _order, entry in sorted(self.lowest, reverse=True):
            scores = ", ".join(
                f"{c} {float(v):.1f}" for c, v in entry["scores"].items() if c != "overall" and v is not None
            )
            findings = "".join(
                f"<li><span class='{escape(sev)}'>{escape(sev)}</span> {line}:{col} "
                f"<code>{escape(rule)}</code> {escape(message)}</li>"
                for line, col, sev, rule, message in entry["findings"]
            )
            details = (
                f"<details><summary>{len(entry['findings'])} findings</summary><ul>{findings}</ul></details>"
                if findings
                else "no findings"
            )
            rows.append(
                f"<tr><td class='n'>{entry['overall']:.1f}</td><td>{escape(entry['where'])}</td>"
                f"<td>{escape(scores)}</td><td>{details}</td></tr>"
            )
        return (
            "<table id='lowest'><thead><tr><th>Score</th><th>Article</th><th>Categories</th>"
            "<th>Findings</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )


def _histogram(name: str, bins: list[int]) -> str:
    """An inline SVG bar chart of one score's distribution (0-100 in BINS bars)."""
    width, height, bar = 220, 120, 20
    top = max(bins) or 1
    bars = []
    for index, count in enumerate(bins):
        h = round(90 * count / top)
        x = 10 + index * bar
        bars.append(
            f"<rect class='bar' x='{x}' y='{100 - h}' width='{bar - 2}' height='{h}'>"
            f"<title>{index * 10}-{index * 10 + 10}: {count}</title></rect>"
        )
        if count:
            bars.append(f"<text x='{x + 2}' y='{98 - h}'>{count}</text>")
    axis = "<text x='10' y='114'>0</text><text x='100' y='114'>50</text><text x='196' y='114'>100</text>"
    return (
        f"<figure><figcaption>{escape(name)}</figcaption>"
        f"<svg class='histogram' data-score='{escape(name)}' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' role='img' aria-label='{escape(name)} scores'>"
        + "".join(bars)
        + axis
        + "</svg></figure>"
    )


def _counts_table(table_id: str, label: str, counts: Counter[str], total: int) -> str:
    rows = "".join(
        f"<tr><td>{escape(key)}</td><td class='n'>{count}</td>"
        f"<td class='n'>{100 * count / total if total else 0:.1f}%</td></tr>"
        for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )
    return (
        f"<table id='{table_id}'><thead><tr><th>{label}</th><th>Count</th><th>Share</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
