"""Language data (rules/languages/*.yaml) and language identification.

Identification first counts stop words of the languages artlint has data for:
on article-length text that is fast and reliable.  Only when that evidence is
thin or ambiguous does it ask py3langid, whose model costs about a second and
20 MB to load: one article that the stop words place never pays for it; a
process pool loads it once, before its workers are forked (artlint.api).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import field
from functools import cache
from typing import Any

from artlint.lazyre import compiled
from artlint.records import dataclass

UNDETERMINED = "und"
_TOKEN_RE = compiled(r"\p{L}+")
_SAMPLE_WORDS = 3000
_SAMPLE_CHARS = 40_000  # usually holds more than _SAMPLE_WORDS words
_MIN_HITS = 8
_MARGIN = 1.5


@dataclass(frozen=True)
class LanguageProfile:
    code: str
    name: str
    stopwords: frozenset[str]
    abbreviations: frozenset[str]
    numeral_abbreviations: frozenset[str] = frozenset()  # "No. 5", "p. 12": only before a number
    word_classes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""

    @classmethod
    def from_data(cls, data: Mapping[str, Any], source: str) -> LanguageProfile:
        return cls(
            code=data["language"],
            name=data.get("name", data["language"]),
            stopwords=frozenset(w.lower() for w in data.get("stopwords", [])),
            abbreviations=frozenset(w.lower().rstrip(".") for w in data.get("abbreviations", [])),
            numeral_abbreviations=frozenset(
                w.lower().rstrip(".") for w in data.get("numeral_abbreviations", [])
            ),
            word_classes={k: tuple(v) for k, v in data.get("word_classes", {}).items()},
            source=source,
        )


def detect(text: str, profiles: Mapping[str, LanguageProfile]) -> str:
    """ISO 639-1 code of the text's language, or "und" when there is nothing to go on."""
    words = _sample(text)
    seen = len(words)
    # Lower-casing the words joined is one call instead of one per word ("\n" is
    # never inside a word); counting them once makes each language a few
    # dictionary look-ups instead of a pass over the text.
    frequencies = Counter("\n".join(words).lower().split("\n")) if words else Counter()
    counts = {
        code: sum(frequencies[w] for w in profile.stopwords if w in frequencies)
        for code, profile in profiles.items()
    }
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if ranked and ranked[0][1] >= _MIN_HITS and (len(ranked) == 1 or ranked[0][1] >= _MARGIN * ranked[1][1]):
        return ranked[0][0]
    if seen < 3:
        return UNDETERMINED
    return _identify_with_model(text[:20000])


def _sample(text: str) -> list[str]:
    """The first _SAMPLE_WORDS words, without tokenising the rest of a long text."""
    end = min(len(text), _SAMPLE_CHARS)
    words = _TOKEN_RE.findall(text, 0, end)
    if end < len(text) and len(words) <= _SAMPLE_WORDS:
        # The cut may fall inside a word: only when more than _SAMPLE_WORDS
        # words were found is every kept word whole.
        words = _TOKEN_RE.findall(text)
    return words[:_SAMPLE_WORDS]


def _identify_with_model(text: str) -> str:
    try:
        model = _langid_model()
    except ImportError:  # pragma: no cover - py3langid is a dependency
        return UNDETERMINED
    code, _score = model.classify(text)
    return str(code)


def preload_model() -> None:
    """Load the language model now (before forking workers that will share it)."""
    with contextlib.suppress(ImportError):
        _langid_model()


@cache
def _langid_model() -> Any:
    # Loaded once per process, only for texts the stop-word count could not place.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # py3langid 0.4 renamed the loader (and changed the model format with it).
    load = getattr(LanguageIdentifier, "from_model_file", None) or LanguageIdentifier.from_pickled_model
    return load(MODEL_FILE, norm_probs=False)
