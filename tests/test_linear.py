"""Linting time grows linearly with one sentence's length (issue 11, item 5):
the attribution analysis tokenises each sentence once, not once per cue word.
bench/linear.py prints the figures for 1, 2 and 4 MB."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint import attribution
from artlint.api import Linter
from artlint.attribution import _SentenceWords, _tokens
from artlint.config import Config

SENTENCE = (
    "the mayor said that the council, according to officials who told reporters, "
    "would approve the plan and the minister confirmed, as the report showed, "
)


def _tokenised_characters(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    """Characters the attribution analysis tokenises to lint `text`: its work, counted, not timed."""
    seen = [0]
    original_tokens, original_words = attribution._tokens, attribution._SentenceWords.__init__

    def counting_tokens(piece: str) -> list[str]:
        seen[0] += len(piece)
        return original_tokens(piece)

    def counting_words(self: attribution._SentenceWords, source: str, start: int, end: int) -> None:
        seen[0] += end - start
        original_words(self, source, start, end)

    with monkeypatch.context() as patch:
        patch.setattr(attribution, "_tokens", counting_tokens)
        patch.setattr(attribution._SentenceWords, "__init__", counting_words)
        result = Linter.from_config(Config(lang="en")).lint_text(text)
    assert result.words > len(text) // 10
    return seen[0]


def test_one_long_sentence_is_tokenised_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of cues in one sentence: each cue's words are looked up among the
    sentence's tokens, and only its nearest speakers are compared with it, so doubling
    the sentence doubles the work (it was quadratic: 200 KB took 216 s)."""
    work = [
        _tokenised_characters(monkeypatch, "The " + SENTENCE * (size // len(SENTENCE)) + ".")
        for size in (20_000, 40_000, 80_000)
    ]
    assert work[1] <= 2.3 * work[0] and work[2] <= 2.3 * work[1], work


_PIECES = st.sampled_from(
    [
        "l'AFP",
        "qu'a",
        "Smith",
        " ",
        ",",
        ".",
        "said",
        "«",
        "»",
        "—",
        "d’Orsay",
        "U.S.",
        "-t-il",
        "é",
        "42",
        ";",
        "&",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.data())
def test_sentence_words_give_what_tokens_of_the_slice_give(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    words = _SentenceWords(text, 0, len(text))
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    count = data.draw(st.integers(1, 12))
    assert words.first(a, b, count) == _tokens(text[a:b])[:count]
    assert words.last(a, b, count) == _tokens(text[a:b])[-count:]
