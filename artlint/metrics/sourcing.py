"""Who says so: attribution measurements (artlint/attribution.py).

    attributed_sentences, attributed_share, attributions_per_1000_words,
    vague_attributions (sentences with a vague or anonymous stand-in for a
    source, by the speaker classification claims.vague-source uses),
    quotes_with_speaker, quotes_without_speaker,
    named_sources (distinct, in order of first mention), claim_sentences,
    attributed_claim_sentences, claims_attributed_share (null without claims)

None when neither sourcing nor claims rules were applied, or the language has
no attribution data.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from artlint import attribution
from artlint.document import Document
from artlint.findings import Finding


def measure(
    document: Document, findings: Sequence[Finding], checked: Collection[str]
) -> dict[str, Any] | None:
    if "sourcing" not in checked and "claims" not in checked:
        return None
    analysis = attribution.analyse(document)
    if analysis is None:
        return None
    return attribution.summary(analysis, document.word_count)
