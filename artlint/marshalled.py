"""Compiled code kept as bytes across processes: marshalled, and tagged with the
bytecode magic number of the Python that wrote it, since marshalled code is only
valid for that Python (its bytecode changes between versions)."""

from __future__ import annotations

import marshal
from importlib.util import MAGIC_NUMBER
from typing import Any


def dump(value: Any) -> bytes:
    """`value` (code, or containers of code and plain values) as tagged marshal bytes."""
    return MAGIC_NUMBER + marshal.dumps(value)


def load(data: bytes) -> Any | None:
    """What `dump` wrote, or None when another Python wrote it or the bytes are damaged."""
    if not data.startswith(MAGIC_NUMBER):
        return None
    try:
        return marshal.loads(data[len(MAGIC_NUMBER) :])
    except (ValueError, EOFError, TypeError):
        return None
