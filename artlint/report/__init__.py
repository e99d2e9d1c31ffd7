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

import importlib
from typing import IO, Any

from artlint.report.base import Reporter

# Each writer is imported when asked for: a run imports only the one it uses.
_WRITERS = {
    "text": ("text", "TextReporter"),
    "json": ("json", "JsonReporter"),
    "jsonl": ("json", "JsonLinesReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "github": ("github", "GithubReporter"),
    "html": ("html", "HtmlReporter"),
}


def reporter_class(name: str) -> type[Reporter]:
    module, attribute = _WRITERS[name]
    return getattr(importlib.import_module(f"artlint.report.{module}"), attribute)  # type: ignore[no-any-return]


def make_reporter(name: str, stream: IO[str], color: bool = False) -> Reporter:
    return reporter_class(name)(stream, color=color)


def __getattr__(name: str) -> Any:
    if name == "REPORTERS":  # every writer by format name
        return {key: reporter_class(key) for key in _WRITERS}
    raise AttributeError(name)
