"""`weasel`: the vague stand-ins for a source that the attribution analysis
finds by construction (artlint/attribution.py: a reporting verb whose speaker
is an unnamed group or an indefinite person, an agentless passive of opinion,
hearsay with no accuser, a rumour frame, an unattributed expectation, an
anonymous speaker's quotation), not inside an identified speaker's speech.

    constructs: [speaker, passive, hearsay, allegation, rumour, speculation, quote]  # default: all
    what: {speaker: "...", passive: "..."}   # the message's {what} per construct
    confidence: {speaker: 0.9, "*": 0.8}     # measured precision per construct

The word lists are the language's data in rules/sourcing.yaml; a language
without them gets no finding.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from artlint import attribution
from artlint.document import Document
from artlint.findings import Finding
from artlint.matching import make_finding
from artlint.rule import Rule

NAME = "weasel"
CONSTRUCTS = ("speaker", "passive", "hearsay", "allegation", "rumour", "speculation", "quote")


@dataclass(frozen=True)
class WeaselMatcher:
    constructs: frozenset[str]
    what: Mapping[str, str]
    confidence: Mapping[str, float]


def compile(
    spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
) -> WeaselMatcher | None:
    constructs = spec.get("constructs", CONSTRUCTS)
    unknown = sorted(set(constructs) - set(CONSTRUCTS))
    if unknown:
        raise ValueError(
            f"{where}: constructs: unknown {', '.join(unknown)} (choose from {', '.join(CONSTRUCTS)})"
        )
    return WeaselMatcher(
        frozenset(constructs),
        dict(spec.get("what", {})),
        {str(k): float(v) for k, v in dict(spec.get("confidence", {})).items()},
    )


def check(document: Document, rule: Rule, matcher: WeaselMatcher) -> Iterator[Finding]:
    analysis = attribution.analyse(document)
    if analysis is None:
        return
    reported: set[int] = set()  # one finding per sentence: the first construct in it
    for weasel in analysis.weasels:
        if weasel.construct not in matcher.constructs or weasel.sentence in reported:
            continue
        reported.add(weasel.sentence)
        finding = make_finding(
            document,
            rule,
            weasel.start,
            weasel.end,
            what=matcher.what.get(weasel.construct, weasel.construct),
        )
        confidence = matcher.confidence.get(weasel.construct, matcher.confidence.get("*"))
        yield finding if confidence is None else dataclasses.replace(finding, confidence=confidence)
