"""Patterns compiled on first use (artlint/lazyre.py): the rule matchers read
back from the rule cache or the wheel hold PickledPattern, rebuilt only when a
rule runs them; they must match exactly as the compiled patterns do."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex
from conftest import SCRAPED_EN, SCRAPED_FR

from artlint.lazyre import PickledPattern, dumps
from artlint.ruleset import load_ruleset


def _patterns(value: object, found: list[object]) -> list[object]:
    """The regex patterns (compiled or pickled) inside a matcher's fields."""
    if isinstance(value, (regex.Pattern, PickledPattern)):
        found.append(value)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _patterns(item, found)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            _patterns(getattr(value, name), found)
    return found


def test_matchers_read_back_hold_patterns_that_match_as_the_compiled_ones() -> None:
    ruleset = load_ruleset(use_cache=False)
    texts = [SCRAPED_EN.read_text("utf-8"), SCRAPED_FR.read_text("utf-8")]
    compared = 0
    for rule in ruleset.rules:
        for code, matcher in rule.compiled.items():
            compiled = _patterns(matcher, [])
            read_back = _patterns(pickle.loads(dumps(matcher)), [])
            assert len(read_back) == len(compiled), (rule.id, code)
            for original, lazy in zip(compiled, read_back, strict=True):
                assert isinstance(lazy, PickledPattern) and "_pattern" not in vars(lazy)
                assert (lazy.pattern, lazy.flags) == (original.pattern, original.flags)
                for text in texts:
                    expected = [(m.span(), m.groups()) for m in original.finditer(text)]
                    assert [(m.span(), m.groups()) for m in lazy.finditer(text)] == expected
                compared += 1
    assert compared > 500


def test_a_pickled_pattern_is_rebuilt_once_and_pickles_again_unbuilt() -> None:
    pattern = regex.compile(r"(?i)\bsubscribe\s+to\s+(our|the)\s+newsletter\b")
    lazy = pickle.loads(dumps({"p": pattern}))["p"]
    assert "_pattern" not in vars(lazy)
    again = pickle.loads(pickle.dumps(lazy))
    assert isinstance(again, PickledPattern) and "_pattern" not in vars(again)
    line = "Subscribe to our newsletter for updates"
    assert lazy.match(line).group(1) == "our"
    built = vars(lazy)["_pattern"]
    assert lazy.search(line).span() == pattern.search(line).span()
    assert vars(lazy)["_pattern"] is built  # rebuilt once, not per method


def test_module_patterns_written_at_build_match_as_compiled_from_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint import lazyre

    path = lazyre.write_patterns(tmp_path / lazyre.PATTERNS_NAME)
    table = lazyre._read_table(path)
    assert len(table) > 50  # the attribution, segmentation and line-feature patterns among them
    monkeypatch.setattr(lazyre, "_table", table)
    texts = [SCRAPED_EN.read_text("utf-8"), SCRAPED_FR.read_text("utf-8")]
    for source, flags in table:
        rebuilt, fresh = lazyre.compiled(source, flags), regex.compile(source, flags)
        assert rebuilt is not fresh and (rebuilt.pattern, rebuilt.flags) == (source, fresh.flags)
        for text in texts:
            assert [(m.span(), m.groups()) for m in rebuilt.finditer(text)] == [
                (m.span(), m.groups()) for m in fresh.finditer(text)
            ]


def test_module_patterns_of_another_regex_version_are_compiled_from_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint import lazyre

    path = lazyre.write_patterns(tmp_path / lazyre.PATTERNS_NAME)
    assert lazyre._read_table(path)
    monkeypatch.setattr(regex, "__version__", "0.0.0")
    assert lazyre._read_table(path) == {}
    path.write_bytes(b"not a table")
    assert lazyre._read_table(path) == {}
