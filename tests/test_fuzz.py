"""Fuzzing the readers, the engine and the writers (issue 11): texts with lone
surrogates, control characters, deep nesting and huge lines must not crash
anything, must lint the same twice, and must give schema-valid, UTF-8 reports.

Bounded so that the whole file runs in well under 30 seconds: few examples
per property, no example database, no deadline (the machine's load varies).
"""

from __future__ import annotations

import io
import json
from functools import cache

from conftest import EXAMPLES, validate_jsonl, validate_report
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from artlint.api import Linter
from artlint.config import Config
from artlint.errors import InputProblem
from artlint.readers import parse
from artlint.report import REPORTERS
from artlint.results import Summary
from artlint.sources import Article, SourceOptions, decode, parse_record

# Deterministic (the same examples on every machine, so CI reproduces what a
# developer saw) and without shrinking: shrinking an article-sized failing text
# can outlast CI's time limit, and the failing example is reported as found.
FUZZ = settings(
    max_examples=15,
    deadline=None,
    database=None,
    derandomize=True,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
REAL_LINES = [
    line
    for name in ("scraped-fr.txt", "clean-article.md")
    for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
]
ODD = [
    "\x00",
    "\x1b[31m",
    "\r",
    "\r\n",
    "\u2028",
    "\u202e",
    "\ud83d",
    "\udcff",
    "\ufeff",
    "\t",
    "%",
    "::",
    "\x85",
]


@cache
def linter() -> Linter:
    return Linter.from_config(Config(lang="fr"))


def texts() -> st.SearchStrategy[str]:
    """Real article lines mixed with odd characters, sometimes one huge line."""
    piece = st.one_of(
        st.sampled_from(REAL_LINES),
        st.sampled_from(ODD),
        st.text(max_size=30),  # any code point, lone surrogates included
        st.builds(
            lambda c, n: c * n, st.sampled_from(["a", " ", "é", "|", "-", "<", "*"]), st.integers(1, 50_000)
        ),
    )
    return st.lists(piece, max_size=12).map("\n".join)


def _reports(results: list, problems: list[InputProblem]) -> dict[str, str]:
    out = {}
    summary = Summary()
    for result in results:
        summary.add(result)
    for name, reporter_class in REPORTERS.items():
        stream = io.StringIO()
        reporter = reporter_class(stream)
        for problem in problems:
            reporter.problem(problem)
        for result in results:
            reporter.result(result)
        reporter.finish(summary, problems)
        out[name] = stream.getvalue()
    return out


def _check_reports(reports: dict[str, str]) -> None:
    for name, text in reports.items():
        text.encode("utf-8")  # strict: no lone surrogate reaches a report
        if name in ("text", "github"):
            assert not any(c in text for c in "\x00\x1b\r\u202e"), name
    validate_report(json.loads(reports["json"]))
    validate_jsonl([json.loads(line) for line in reports["jsonl"].splitlines()])
    json.loads(reports["sarif"])


@FUZZ
@given(texts(), st.sampled_from(["txt", "md", "html", "jsonl"]), st.text(max_size=12))
@example(
    "", "txt", "\x85"
)  # found by this test: a raw NEL in a JSONL report line splits it for str.splitlines
def test_engine_and_writers_never_crash_and_are_deterministic(text: str, fmt: str, record: str) -> None:
    article = Article(
        f"dir/{record}.txt", fmt, text, record=record or None, record_line=1 if record else None
    )
    first = linter().lint_contained(article)
    second = linter().lint_contained(article)
    assert first == second
    if isinstance(first, InputProblem):
        assert not first.internal, first.message
        reports = _reports([], [first])
    else:
        assert not any(p.internal for p in first.problems)
        reports = _reports([first], list(first.problems))
    _check_reports(reports)


@FUZZ
@given(texts(), st.sampled_from(["txt", "md", "html"]))
def test_readers_keep_lines_and_never_crash(text: str, fmt: str) -> None:
    parsed = parse(text, fmt)
    if fmt in ("txt", "md"):
        assert parsed.text.count("\n") == text.count("\n")  # masking never moves a line


@FUZZ
@given(
    st.binary(max_size=2000),
    st.sampled_from(["txt", "md", "html"]),
    st.sampled_from([None, "cp1252", "latin-1"]),
)
def test_decode_never_crashes(data: bytes, fmt: str, encoding: str | None) -> None:
    decoded = decode("x", data, SourceOptions(encoding=encoding), fmt)
    assert isinstance(decoded, (tuple, InputProblem))


def nested_json() -> st.SearchStrategy[str]:
    depth = st.integers(1, 200_000)
    return st.one_of(
        st.builds(lambda n: "[" * n + "]" * n, depth),
        st.builds(lambda n: '{"text": ' + "[" * n + "]" * n + "}", depth),
        st.builds(lambda n: '{"id": ' + '{"a":' * n + "1" + "}" * n + ', "text": "Leave a Reply"}', depth),
        st.builds(
            lambda rid, text: json.dumps({"id": rid, "text": text}, ensure_ascii=True),
            st.one_of(st.text(max_size=10), st.integers(), st.none(), st.lists(st.integers(), max_size=3)),
            texts(),
        ),
        st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    )


@FUZZ
@given(nested_json())
def test_jsonl_records_never_crash(line: str) -> None:
    raw = line.encode("utf-8", "surrogatepass")
    item = parse_record(raw, "c.jsonl", 1, SourceOptions())
    if isinstance(item, InputProblem):
        assert not item.internal
        _check_reports(_reports([], [item]))
        return
    result = linter().lint_contained(item)
    assert not isinstance(result, InputProblem) or not result.internal
    if not isinstance(result, InputProblem):
        _check_reports(_reports([result], list(result.problems)))
