"""Dataclasses made with the method code compiled at build time (artlint/records.py):
the code read back must be what compiling the same text gives, and a table made
under another Python must be left alone."""

from __future__ import annotations

import dataclasses
from importlib.util import MAGIC_NUMBER
from pathlib import Path

import pytest

from artlint import records
from artlint.findings import Finding
from artlint.records import dataclass


def test_the_build_table_holds_the_code_compiling_each_text_gives(tmp_path: Path) -> None:
    path = records.write_methods(tmp_path / records.METHODS_NAME)
    table = records._read_table(path)
    assert len(table) > 100  # about six methods for each of the package's fifty-odd dataclasses
    for text, code in table.items():
        assert code == compile(text, "<string>", "exec")


def test_a_class_made_from_the_table_behaves_as_a_dataclass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "_table", records._read_table(records.write_methods(tmp_path / "m")))

    @dataclass(frozen=True)
    class Place:
        line: int
        words: tuple[str, ...] = ()

    assert "exec" not in vars(dataclasses)  # found again in builtins once the class is made
    assert Place.__doc__ == "Place"  # not "Place(line: int, ...)": inspect.signature is not called
    place = Place(3, ("said", "the"))
    assert place == Place(3, ("said", "the")) and hash(place) == hash(Place(3, ("said", "the")))
    assert repr(place).endswith("<locals>.Place(line=3, words=('said', 'the'))")
    assert dataclasses.replace(place, line=4).line == 4 and Place(5).words == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.line = 9  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Finding)][:2] == ["line", "column"]


def test_a_table_from_another_python_is_left_alone(tmp_path: Path) -> None:
    path = records.write_methods(tmp_path / records.METHODS_NAME)
    data = path.read_bytes()
    path.write_bytes(b"\x00\x00" + data[2:])
    assert records._read_table(path) == {}
    path.write_bytes(MAGIC_NUMBER + b"not marshal")
    assert records._read_table(path) == {}
    assert records._read_table(tmp_path / "missing") == {}
