"""Linting time grows linearly with one sentence's length (issue 11, item 5):
the attribution analysis tokenises each sentence once, not once per cue word.
bench/linear.py prints the figures for 1, 2 and 4 MB."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.api import Linter
from artlint.attribution import _SentenceWords, _tokens
from artlint.config import Config

SENTENCE = (
    "the mayor said that the council, according to officials who told reporters, "
    "would approve the plan and the minister confirmed, as the report showed, "
)


def test_one_long_sentence_is_linted_in_linear_time() -> None:
    linter = Linter.from_config(Config(lang="en"))
    text = "The " + SENTENCE * (200_000 // len(SENTENCE)) + "."  # 200 KB, thousands of cues
    started = time.monotonic()
    result = linter.lint_text(text)
    elapsed = time.monotonic() - started
    assert result.words > 30_000
    assert elapsed < 30  # was 216 s: quadratic in the cues of the sentence


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
