"""A module-level regex compiled when first used, not when its module is imported.

Compiling costs about 0.1-1 ms a pattern; a one-file `check` imports dozens of
patterns it never uses (Markdown masks for a .txt file, directive syntax for a
text without comments), and import time is most of its latency."""

from __future__ import annotations

from typing import Any

import regex


class LazyPattern:
    """Stands for `regex.compile(source, flags)`; after the first use of a method
    it is an attribute of this object, as fast to reach as the pattern's own."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # pickle, copy and the like ask for these: not the pattern's
            raise AttributeError(name)
        value = getattr(regex.compile(self._source, self._flags), name)
        setattr(self, name, value)
        return value


def lazy(source: str, flags: int = 0) -> Any:
    """A pattern compiled on first use (typed Any: it is used as a `regex.Pattern`)."""
    return LazyPattern(source, flags)
