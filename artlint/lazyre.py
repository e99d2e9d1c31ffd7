"""A module-level regex compiled when first used, not when its module is imported.

Compiling costs about 0.1-1 ms a pattern; a one-file `check` imports dozens of
patterns it never uses (Markdown masks for a .txt file, directive syntax for a
text without comments), and import time is most of its latency."""

from __future__ import annotations

import copyreg
import io
import pickle
import sys
from pathlib import Path
from typing import Any

import regex

# The module-level patterns compiled when the package was built (`write_patterns`):
# rebuilding one from its compiled code costs about 5 us, compiling its source
# 0.1-0.5 ms, and a one-file `check` compiles about sixty.  Keyed by source and
# flags, so a pattern edited since is simply compiled; the file holds the Python
# and regex versions it was made with and is not used under others.
PATTERNS_NAME = "compiled-patterns.pickle"
_table: dict[tuple[str, int], bytes] | None = None
_asked: dict[tuple[str, int], None] = {}  # every (source, flags) asked for: what the build writes


def _patterns_path() -> Path:
    return Path(__file__).resolve().parent / PATTERNS_NAME


def versions() -> bytes:
    """The Python and `regex` a pickled pattern holds the compiled program of: another
    `regex` may crash on it, so what stores one is keyed by these."""
    return f"{sys.version_info[:2]}\0{regex.__version__}".encode()


def _rebuild(data: bytes) -> regex.Pattern[str]:
    """The pattern pickled by `_pattern_bytes`, from its compiled program."""
    rebuild, arguments = pickle.loads(data)
    return rebuild(*arguments)


def _read_table(path: Path) -> dict[tuple[str, int], bytes]:
    try:
        with open(path, "rb") as handle:
            if handle.readline().rstrip(b"\n") != versions():
                return {}
            table = pickle.load(handle)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def compiled(source: str, flags: int = 0) -> regex.Pattern[str]:
    """regex.compile(source, flags), rebuilt from the build's compiled code when it has it."""
    global _table
    key = (source, flags)
    _asked[key] = None
    if _table is None:
        _table = _read_table(_patterns_path())
    data = _table.get(key)
    return _rebuild(data) if data is not None else regex.compile(source, flags)


class LazyPattern:
    """Stands for `regex.compile(source, flags)`; after the first use of a method
    it is an attribute of this object, as fast to reach as the pattern's own."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # pickle, copy and the like ask for these: not the pattern's
            raise AttributeError(name)
        value = getattr(compiled(self._source, self._flags), name)
        setattr(self, name, value)
        return value


def lazy(source: str, flags: int = 0) -> Any:
    """A pattern compiled on first use (typed Any: it is used as a `regex.Pattern`)."""
    _asked[(source, flags)] = None
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
            real = self.__dict__["_pattern"] = _rebuild(self._data)
        value = getattr(real, name)
        setattr(self, name, value)
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (PickledPattern, (self._data,))


_PATTERN = type(regex.compile(""))


def _pattern_bytes(pattern: regex.Pattern[str]) -> bytes:
    """A compiled pattern pickled with its compiled program (as `regex` pickles it)."""
    return pickle.dumps(copyreg.dispatch_table[_PATTERN](pattern), protocol=pickle.HIGHEST_PROTOCOL)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is _PATTERN:
            return (PickledPattern, (_pattern_bytes(obj),))
        return NotImplemented


def dumps(value: Any) -> bytes:
    """pickle.dumps(value), its regex patterns unpickled as PickledPattern."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def import_package() -> None:
    """Import every module of the package, for the build to see what they make at import."""
    import importlib
    import pkgutil

    import artlint

    for module in pkgutil.walk_packages(artlint.__path__, "artlint."):
        if module.name.endswith(".__main__"):  # runs the command line
            continue
        try:
            importlib.import_module(module.name)
        except Exception:  # an optional extra missing: what it makes is made at run time
            continue


def write_patterns(target: Path | None = None) -> Path:
    """Compile every module-level pattern of the package (those made with `compiled`
    or `lazy`) and write them where `compiled` looks first (the build runs this)."""
    import_package()
    table = {key: _pattern_bytes(regex.compile(*key)) for key in _asked}
    target = target or _patterns_path()
    target.write_bytes(versions() + b"\n" + pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
    return target
