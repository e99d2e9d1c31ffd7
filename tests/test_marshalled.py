"""artlint/marshalled.py: compiled code kept as bytes is read back only by the Python that
wrote it; anything else (another bytecode version, damaged bytes) reads as None, so the
callers (the build's method table, the generated tree walkers) compile afresh."""

from __future__ import annotations

from importlib.util import MAGIC_NUMBER

from artlint import marshalled


def test_code_round_trips_through_the_tagged_bytes() -> None:
    code = compile("answer = 6 * 7", "<test>", "exec")
    data = marshalled.dump({"answer": code, "plain": (1, "two")})
    assert data.startswith(MAGIC_NUMBER)
    table = marshalled.load(data)
    namespace: dict[str, int] = {}
    exec(table["answer"], namespace)
    assert namespace["answer"] == 42 and table["plain"] == (1, "two")


def test_bytes_of_another_python_or_damaged_bytes_read_as_none() -> None:
    data = marshalled.dump(compile("x = 1", "<test>", "exec"))
    other = bytes([MAGIC_NUMBER[0] ^ 0xFF]) + MAGIC_NUMBER[1:]  # another bytecode version's tag
    assert marshalled.load(other + data[len(MAGIC_NUMBER) :]) is None
    assert marshalled.load(MAGIC_NUMBER + b"not marshal") is None
    assert marshalled.load(data[: len(data) // 2]) is None
    assert marshalled.load(b"") is None
