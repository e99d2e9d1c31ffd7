"""`gap-scorer`: a learned model judges each candidate gap, the spot after a
preposition or an article (artlint/analysis/gap_features.py), and reports the
ones where a name was most likely cut out ("held in on Thursday", "die Reise
nach auf").  Its parameters are data in the rule pack:

    model: {features: [...], base: ..., trees: [...]}   # artlint/analysis/trees.py
    threshold: {en: 0.9, fr: 0.9, de: 0.9}   # report a spot whose probability reaches this
    error_from: 0.97                          # from here on the finding is an error
    bands: [[0.9, 0.93], ...]                 # [probability from, measured precision]
    pairs: {en: {in: {"": 9120, on: 11, ...}}} # function words after each preposition,
                                              # counted on edited prose (a feature)

The thresholds are chosen on the half of corpus/clean the model was trained on
(bench/train_holes.py) so that it adds few findings to edited prose; a spot
another `entities` rule already reported (same line, 20 columns) is left to
that rule, which names what it saw.  Each finding's `confidence` is the
precision of its band on the synthetic deletions, not the raw probability.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from artlint.analysis import gap_features
from artlint.analysis.trees import Bands, TreeModel
from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.gap import surroundings, where_words
from artlint.matching import make_finding
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "gap-scorer"
STAGE = 3  # after the `gap` rules, whose spots it leaves to them
_NEAR = 20  # columns within which another finding already covers a spot


@dataclass(frozen=True)
class GapScorerMatcher:
    model: TreeModel
    classes: gap_features.WordClasses
    threshold: float
    error_from: float
    bands: Bands
    uses_findings: bool = True
    stage: int = STAGE


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> GapScorerMatcher | None:
    thresholds = spec.get("threshold", {})
    if language not in gap_features.LANGUAGES or language not in thresholds:
        return None
    return GapScorerMatcher(
        model=TreeModel.from_data(spec["model"], gap_features.FEATURES),
        classes=gap_features.WordClasses.from_variables(
            language,
            variables,
            spec.get("pairs", {}).get(language),
        ),
        threshold=float(thresholds[language]),
        error_from=float(spec.get("error_from", 2.0)),
        bands=Bands.from_data(spec.get("bands", ())),
    )


def check(
    document: Document, rule: Rule, matcher: GapScorerMatcher, findings: Sequence[Finding] = ()
) -> Iterator[Finding]:
    taken = [(f.line, f.column) for f in findings if f.category == rule.category]
    text = document.text
    for spot, row in gap_features.candidates(text, matcher.classes):
        probability = matcher.model.probability_reaching(row, matcher.threshold)
        if probability is None or probability < matcher.threshold:
            continue
        fields = surroundings(text, spot)
        fields["where"] = where_words(fields["before"], fields["after"])
        finding = make_finding(document, rule, spot, spot, probability=f"{probability:.2f}", **fields)
        if any(line == finding.line and abs(column - finding.column) <= _NEAR for line, column in taken):
            continue
        taken.append((finding.line, finding.column))
        confidence = matcher.bands.confidence(probability)
        severity = "error" if probability >= matcher.error_from else finding.severity
        yield replace(finding, severity=severity, confidence=confidence or finding.confidence)
