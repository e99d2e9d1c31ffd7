"""Where the bundled rule packs and schemas live.

In a wheel they are the package data `artlint/rules` and `artlint/schemas`; in a
source checkout they are the top-level `rules/` and `schemas/` folders (the
wheel maps one onto the other, see pyproject.toml).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def rules_dir() -> Path:
    return _data_dir("rules")


def languages_dir() -> Path:
    return rules_dir() / "languages"


def schemas_dir() -> Path:
    return _data_dir("schemas")


SCHEMA_NAMES = ("report", "rule", "config", "language", "baseline")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Return a bundled JSON Schema by short name (report, rule, config, language, baseline)."""
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    with open(schemas_dir() / f"{name}.schema.json", encoding="utf-8") as handle:
        return json.load(handle)
