"""`scorer`: a learned model judges every non-blank line from named features
(artlint/analysis/line_features.py) and reports the lines it is sure are
residue.  Its parameters are data in the rule pack:

    model: {features: [...], base: ..., trees: [...]}   # artlint/analysis/trees.py
    threshold: 0.95       # report a line whose probability reaches this,
    zone: outside-text    # standing before or after the article's text (any: anywhere),
    max_prose_share: 0.4  # on a page with at most this share of prose lines,
    skip_lists: true      # and not in a run of lines of one shape or one template (a list, a table)
    bands:                # measured on held-out sites (bench/train_residue.py):
      - [0.8, 0.91]       # from this probability up, this share of reported lines was residue
      - [0.9, 0.97]

Why the zone, the page limit and the lists: measured on held-out sites, the
lines the model doubts most are the article's own tables, lists and
captions, which stand inside its text or close it (a price list, tour
dates), and residue is rare on a page an extractor already cleaned (mostly
prose), so there even a confident probability is often wrong.  Inside the
text, in lists and on clean pages the phrase rules, which name what they
find, are left to judge.

The scorer runs after every other rule of the document (it reads their
boilerplate findings as a feature) and reports only lines none of them
reported, so a line gets one finding.  Each finding's `confidence` is the
held-out precision of its band, not the raw probability: that is what a
user can act on.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from artlint.analysis import line_features, lists
from artlint.analysis.trees import Bands, TreeModel
from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.line import layout
from artlint.matching import line_fix, make_finding
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "scorer"
STAGE = 3  # after every `line` rule, including the neighbour ones (stage 2)


@dataclass(frozen=True)
class ScorerMatcher:
    model: TreeModel
    threshold: float
    outside_text_only: bool
    max_prose_share: float
    skip_lists: bool
    bands: Bands
    # Columns of the feature rows that the reporting policy reads (found once, at compile).
    share_column: int = 0
    before_column: int = 0
    after_column: int = 0
    first_lower_column: int = 0
    blank_before_column: int = 0
    end_terminal_above_column: int = 0
    words_above_column: int = 0
    shape_run_column: int = 0
    uses_findings: bool = True
    stage: int = STAGE

    def confidence(self, probability: float) -> float | None:
        return self.bands.confidence(probability)


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> ScorerMatcher | None:
    if language != "*":
        return None
    model = TreeModel.from_data(spec["model"], line_features.FEATURES)
    return ScorerMatcher(
        model=model,
        threshold=float(spec.get("threshold", 0.5)),
        outside_text_only=spec.get("zone", "any") == "outside-text",
        max_prose_share=float(spec.get("max_prose_share", 1.0)),
        skip_lists=bool(spec.get("skip_lists", False)),
        bands=Bands.from_data(spec.get("bands", ())),
        share_column=line_features.FEATURES.index("document_prose_share"),
        before_column=line_features.FEATURES.index("before_text"),
        after_column=line_features.FEATURES.index("after_text"),
        first_lower_column=line_features.FEATURES.index("first_lower"),
        blank_before_column=line_features.FEATURES.index("blank_before"),
        end_terminal_above_column=line_features.FEATURES.index("end_terminal_-1"),
        words_above_column=line_features.FEATURES.index("words_-1"),
        shape_run_column=line_features.FEATURES.index("same_shape_run"),
    )


_IN_A_LIST = math.log1p(2)
_WRAPPED_WORDS_ABOVE = math.log1p(5)  # features count words as log1p


def reports(
    matcher: ScorerMatcher, row: Sequence[float], probability: float, templated: bool = False
) -> bool:
    """Whether a line with these features and this probability is reported;
    `templated`: the line shares its template with a neighbour (artlint/analysis/lists.py)."""
    return probability >= matcher.threshold and reportable(matcher, row, templated)


def reportable(matcher: ScorerMatcher, row: Sequence[float], templated: bool = False) -> bool:
    """The conditions of `reports` besides the probability: checked first, they spare
    the model on most lines (prose), which no probability would report."""
    if row[matcher.share_column] > matcher.max_prose_share:
        return False
    if matcher.skip_lists and templated:
        return False
    # same_shape_run is log1p(run length): a run of two or more is a list or a table
    if matcher.skip_lists and row[matcher.shape_run_column] >= _IN_A_LIST:
        return False
    if wrapped(matcher, row):
        return False
    return not matcher.outside_text_only or bool(row[matcher.before_column] or row[matcher.after_column])


def wrapped(matcher: ScorerMatcher, row: Sequence[float]) -> bool:
    """Whether the line carries on a sentence from the line right above it (no blank
    line between, the line above ends no sentence and has words, this one starts in
    lower case): a paragraph wrapped over short lines, as Markdown and plain text
    often are, whose lines each look short and unfinished.  Measured on the
    development pages and DAnIEL folds 0-1, sparing such lines cost 0.002-0.005
    recall and raised trafilatura precision (0.978 -> 0.982)."""
    return (
        row[matcher.first_lower_column] > 0
        and row[matcher.blank_before_column] == 0
        and row[matcher.end_terminal_above_column] == 0
        and row[matcher.words_above_column] >= _WRAPPED_WORDS_ABOVE
    )


def check(
    document: Document, rule: Rule, matcher: ScorerMatcher, findings: Sequence[Finding] = ()
) -> Iterator[Finding]:
    facts = layout(document)
    # The conditions of `reportable` that need no feature row, first: most pages are
    # mostly prose, and on the others only the lines around the text can be reported.
    if line_features.document_prose_share(facts) > matcher.max_prose_share:
        return
    only = set(line_features.outside_text(facts)) if matcher.outside_text_only else None
    others = [f for f in findings if f.category == "boilerplate" and f.rule != rule.id]
    features = line_features.compute(document, others, document.stopwords, only)
    reported = {n for f in others for n in range(f.line, f.end_line + 1)}
    text = document.text
    # Which lines stand in a list cut from one template: read only when the policy skips lists.
    if matcher.skip_lists:
        templated = lists.in_template_runs([text[line.content_start : line.end] for line in facts.lines])
    else:
        templated = [False] * len(facts.lines)
    for number, row in zip(features.numbers, features.rows, strict=True):
        index = facts.index_of[number]
        if not reportable(matcher, row, templated[index]):
            continue
        probability = matcher.model.probability(row)
        line = facts.lines[index]
        # Findings are placed in the source (HTML maps back to markup), features by document line.
        if probability < matcher.threshold or document.position(line.start)[0] in reported:
            continue
        end = max(line.content_start, line.start + len(text[line.start : line.end].rstrip()))
        finding = make_finding(
            document,
            rule,
            line.content_start,
            end,
            fix=line_fix(rule, document, line.start, line.end),
            probability=f"{probability:.2f}",
        )
        yield _with_confidence(finding, matcher.confidence(probability))


def _with_confidence(finding: Finding, confidence: float | None) -> Finding:
    from dataclasses import replace

    return replace(finding, confidence=confidence) if confidence is not None else finding
