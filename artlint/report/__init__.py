"""Output formats.  Each reporter receives results as they are ready (so text
and JSONL stream) and the summary at the end.

- text:   path:line:col: severity rule-id message, then one summary line
- json:   one JSON document (schemas/report.schema.json)
- jsonl:  one JSON object per article, as soon as it is linted, then a summary object
- sarif:  SARIF 2.1.0, for code-scanning dashboards
- github: GitHub Actions workflow commands (annotations on the pull request)
- html:   one self-contained page for a corpus: score histograms, lowest articles, rules, languages
"""

from __future__ import annotations

from typing import IO

from artlint.report.base import Reporter
from artlint.report.github import GithubReporter
from artlint.report.html import HtmlReporter
from artlint.report.json import JsonLinesReporter, JsonReporter
from artlint.report.sarif import SarifReporter
from artlint.report.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "jsonl": JsonLinesReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "html": HtmlReporter,
}


def make_reporter(name: str, stream: IO[str], color: bool = False) -> Reporter:
    return REPORTERS[name](stream, color=color)
