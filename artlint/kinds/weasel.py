"""`weasel`: the vague stand-ins for a source that the attribution analysis
finds by construction (artlint/attribution.py: a reporting verb whose speaker
is an unnamed group or an indefinite person, an agentless passive of opinion,
hearsay with no accuser, a rumour frame, an unattributed expectation, an
anonymous speaker's quotation), not inside an identified speaker's speech.

    constructs: [speaker, passive, hearsay, allegation, rumour, speculation, quote]  # default: all
    what: {speaker: "...", passive: "..."}   # the message's {what} per construct
    confidence: {speaker: 0.9, "*": 0.8}     # measured precision per construct

The word lists are the language's data in rules/sourcing.yaml; a language
without them gets no finding.  A sentence that another `claims` rule already
flagged as weasel (the phrase rules claims.weasel-attribution and
claims.weasel-passive) gets no second finding: this rule runs after them
(`uses_findings`) and reports what they miss.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from artlint import attribution
from artlint.document import Document
from artlint.findings import Finding
from artlint.matching import make_finding
from artlint.records import dataclass
from artlint.rule import Rule

NAME = "weasel"
CONSTRUCTS = ("speaker", "passive", "hearsay", "allegation", "rumour", "speculation", "quote")


@dataclass(frozen=True)
class WeaselMatcher:
    constructs: frozenset[str]
    what: Mapping[str, str]
    confidence: Mapping[str, float]
    defer_to: frozenset[str] = frozenset()  # rules whose finding in a sentence makes this one silent

    @property
    def uses_findings(self) -> bool:
        return bool(self.defer_to)

    @property
    def stage(self) -> int:
        return 1


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
        frozenset(spec.get("defer_to", ())),
    )


def check(
    document: Document, rule: Rule, matcher: WeaselMatcher, findings: Sequence[Finding] = ()
) -> Iterator[Finding]:
    analysis = attribution.analyse(document)
    if analysis is None:
        return
    # one finding per sentence: the first construct in it, none where a rule deferred to
    # has one (findings carry source positions: a sentence is compared by its own)
    deferred = sorted((f.line, f.column) for f in findings if f.rule in matcher.defer_to)
    reported: set[int] = set()
    if deferred:
        for index in {w.sentence for w in analysis.weasels}:
            sentence = document.sentences[index]
            low = document.position(sentence.start)
            high = document.position(max(sentence.start, sentence.end - 1))
            at = bisect.bisect_left(deferred, low)
            if at < len(deferred) and deferred[at] <= high:
                reported.add(index)
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
