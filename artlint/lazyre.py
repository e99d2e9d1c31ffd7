"""A module-level regex compiled when first used, not when its module is imported.

Compiling costs about 0.1-1 ms a pattern; a one-file `check` imports dozens of
patterns it never uses (Markdown masks for a .txt file, directive syntax for a
text without comments), and import time is most of its latency."""

from __future__ import annotations

import copyreg
import io
import pickle
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


class PickledPattern:
    """A compiled pattern read back from the rule cache or the wheel's compiled
    rules, rebuilt when first used: a run unpickles every rule of an article's
    language, but the literal prefilters spare most patterns on most texts.
    Its pickled form (the pattern's compiled code, a long list of numbers)
    stays bytes until then, so reading the rules back copies it and no more.
    Used as the pattern itself, as LazyPattern is."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # pickle, copy and the like ask for these: not the pattern's
            raise AttributeError(name)
        real = self.__dict__.get("_pattern")
        if real is None:
            rebuild, arguments = pickle.loads(self._data)
            real = self.__dict__["_pattern"] = rebuild(*arguments)
        value = getattr(real, name)
        setattr(self, name, value)
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (PickledPattern, (self._data,))


_PATTERN = type(regex.compile(""))


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is _PATTERN:
            data = pickle.dumps(copyreg.dispatch_table[_PATTERN](obj), protocol=pickle.HIGHEST_PROTOCOL)
            return (PickledPattern, (data,))
        return NotImplemented


def dumps(value: Any) -> bytes:
    """pickle.dumps(value), its regex patterns unpickled as PickledPattern."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()
