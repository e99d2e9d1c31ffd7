"""`dataclass`, with the code of its generated methods compiled when the package was built.

`dataclasses.dataclass` writes each class's `__init__`, `__repr__`, `__eq__`,
`__hash__`, `__setattr__` and `__delattr__` as source text and compiles it: about
0.45 ms a class, and a one-file `check` creates about fifty classes at import (a
fifth of its imports).  Here the code compiled from each such text is read from a
table the build writes (`write_methods`), keyed by the text itself: a class whose
text is not there (edited since, another Python) is compiled as usual.  The table
holds the bytecode magic number it was made with and is not used under another.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from artlint import marshalled

METHODS_NAME = "compiled-methods.marshal"
_table: dict[str, Any] | None = None
_used: dict[str, Any] = {}  # every text compiled or read back in this process: what the build writes


def _methods_path() -> Path:
    return Path(__file__).resolve().parent / METHODS_NAME


def _read_table(path: Path) -> dict[str, Any]:
    try:
        table = marshalled.load(path.read_bytes())
    except OSError:
        return {}
    return table if isinstance(table, dict) else {}


def _exec(
    source: str, globals: dict[str, Any] | None = None, namespace: dict[str, Any] | None = None
) -> None:
    """exec(source, globals, namespace), with the code compiled from `source` read
    from the build's table when it is there (the same code: compiled from the same text)."""
    global _table
    if _table is None:
        _table = _read_table(_methods_path())
    code = _table.get(source)
    if code is None:
        code = compile(source, "<string>", "exec")
    _used[source] = code
    exec(code, globals, namespace)


if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:

    def dataclass(cls: Any = None, /, **options: Any) -> Any:
        """dataclasses.dataclass(cls, **options), its methods' code read from the build's table."""

        def wrap(cls: Any) -> Any:
            # dataclasses calls `exec` by its module-global name: ours is found first
            # while this class is made.  Another thread making a dataclass meanwhile
            # gets the same code either way.
            if cls.__doc__ is None:
                # dataclasses would write "Name(field: type, ...)" with inspect.signature:
                # 0.1 ms a class, for a text no one reads.
                cls.__doc__ = cls.__name__
            vars(dataclasses)["exec"] = _exec
            try:
                return dataclasses.dataclass(cls, **options)
            finally:
                vars(dataclasses).pop("exec", None)

        return wrap if cls is None else wrap(cls)


def write_methods(target: Path | None = None) -> Path:
    """Import every module of the package and write the code of the methods its
    dataclasses generate where `dataclass` looks first (the build runs this)."""
    from artlint.lazyre import import_package

    import_package()
    target = target or _methods_path()
    target.write_bytes(marshalled.dump(dict(_used)))
    return target
