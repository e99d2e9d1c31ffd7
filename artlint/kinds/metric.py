"""`metric`: a measurement of the text must stay within [min, max].

    metric: flesch_reading_ease | words | mean_sentence_words | sentence_words
    min: 30             # or per language: {fr: 25, "*": 30}
    max: 45
    min_words: 100      # shorter documents are not judged (document metrics)

`sentence_words` is judged sentence by sentence (overlong sentences); the
others once per document.  The message can use {value}, {min} and {max}.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from artlint import readability
from artlint.document import Document
from artlint.findings import Finding
from artlint.matching import make_finding
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "metric"
METRICS = ("flesch_reading_ease", "words", "mean_sentence_words", "sentence_words")


@dataclass(frozen=True)
class MetricMatcher:
    metric: str
    minimum: float | None
    maximum: float | None
    min_words: int


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> MetricMatcher | None:
    return MetricMatcher(
        spec["metric"],
        _bound(spec.get("min"), language),
        _bound(spec.get("max"), language),
        spec.get("min_words", 100),
    )


def _bound(value: float | Mapping[str, float] | None, language: str) -> float | None:
    """A bound is a number, or a number per language ({fr: 30, "*": 40})."""
    if isinstance(value, Mapping):
        return value.get(language, value.get("*"))
    return value


def _outside(value: float, matcher: MetricMatcher) -> bool:
    return (matcher.minimum is not None and value < matcher.minimum) or (
        matcher.maximum is not None and value > matcher.maximum
    )


def check(document: Document, rule: Rule, matcher: MetricMatcher) -> Iterator[Finding]:
    if matcher.metric == "sentence_words":
        for start, end, count in readability.sentence_word_counts(document):
            if _outside(count, matcher):
                yield make_finding(
                    document, rule, start, end, value=count, min=matcher.minimum, max=matcher.maximum
                )
        return
    if document.word_count < matcher.min_words or not document.nonblank_lines:
        return
    value: float | None
    if matcher.metric == "flesch_reading_ease":
        value = readability.flesch_reading_ease(document)
    elif matcher.metric == "words":
        value = document.word_count
    else:
        counts = readability.sentence_word_counts(document)
        value = sum(c for _, _, c in counts) / len(counts) if counts else None
    if value is None or not _outside(value, matcher):
        return
    first = document.nonblank_lines[0]
    yield make_finding(
        document,
        rule,
        first.content_start,
        first.end,
        value=f"{value:.1f}",
        min=matcher.minimum,
        max=matcher.maximum,
    )
