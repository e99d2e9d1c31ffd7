"""Configuration: `[tool.artlint]` in pyproject.toml or the top level of
.artlint.toml, found from the current folder upward, validated against
schemas/config.schema.json.  Command-line options override it."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import field, fields, replace
from pathlib import Path
from typing import Any

from artlint.errors import ConfigError, schema_message
from artlint.records import dataclass
from artlint.resources import load_schema

CONFIG_NAMES = (".artlint.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_score: float | None = None
    fail_on: str = "warning"
    lang: str | None = None
    format: str = "text"
    rule_paths: tuple[str, ...] = ()
    text_field: str = "text"
    id_field: str = "id"
    exclude: tuple[str, ...] = ()
    encoding: str | None = None
    jobs: int | None = None
    category_weights: Mapping[str, float] = field(default_factory=dict)
    severity: Mapping[str, str] = field(default_factory=dict)
    baseline: str | None = None  # findings not to report (artlint.baseline)
    limits: Mapping[str, float] = field(default_factory=dict)  # artlint.limits.Limits fields
    source: str | None = None  # the file this came from

    def updated(self, **changes: Any) -> Config:
        """A copy with the given values, skipping those that are None (options not given)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    # A pyproject.toml that cannot be read is reported, not passed over: its
    # [tool.artlint] may be the one meant, and the defaults would be a silent change.
    tool = _read_toml(path).get("tool", {})
    return isinstance(tool, dict) and "artlint" in tool


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: 3 ms a run that finds no TOML file does not need.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: not UTF-8 text (byte {error.start})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """The configuration in `path`, or the one found from `start` upward, or the defaults."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Config()
    elif not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    document = _read_toml(path)
    if path.name == "pyproject.toml" or "tool" in document:
        section = document.get("tool", {}).get("artlint")
        if section is None:
            raise ConfigError(f"{path}: no [tool.artlint] section")
        prefix = "tool.artlint."
    else:
        section, prefix = document, ""
    _validate(path, section, prefix)
    values: dict[str, Any] = {}
    known = {f.name for f in fields(Config)}
    for key, value in section.items():
        if key in known:
            values[key] = tuple(value) if isinstance(value, list) else value
    if "rule_paths" in values:
        values["rule_paths"] = tuple(str((path.parent / p).resolve()) for p in values["rule_paths"])
    if "baseline" in values:
        values["baseline"] = str((path.parent / values["baseline"]).resolve())
    weights = values.get("category_weights")
    if weights and not any(weights.values()):
        line = _line_of_key(path.read_text(encoding="utf-8", errors="replace"), "category_weights")
        raise ConfigError(
            f"{path}:{line or 1}: {prefix}category_weights: every weight is 0, so no category would "
            "count in the overall score; give at least one a weight above 0"
        )
    return Config(**values, source=str(path))


def _validate(path: Path, section: Any, prefix: str) -> None:
    stamp = _validated_stamp(section)
    if stamp is not None and stamp.exists():
        return  # this very content passed this very schema before
    import jsonschema  # 30 ms to import: only for a config not seen before

    validator = jsonschema.Draft202012Validator(load_schema("config"))
    errors = sorted(validator.iter_errors(section), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        _remember_valid(stamp)
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = []
    for error in errors:
        keys = [str(k) for k in error.absolute_path]
        if not keys and error.validator == "additionalProperties":
            keys = [str(k) for k in error.instance if k not in load_schema("config")["properties"]][:1]
        where = prefix + ".".join(keys) if keys else (prefix.rstrip(".") or "(top level)")
        line = _line_of_key(text, keys[0]) if keys else None
        location = f"{path}:{line}" if line else str(path)
        lines.append(f"{location}: {where}: {schema_message(error)}")
    raise ConfigError("\n".join(lines))


def _validated_stamp(section: Any) -> Path | None:
    """A file in the cache folder whose existence says: this section is valid."""
    from artlint import cache

    if not cache.enabled():
        return None
    import hashlib
    import json

    digest = hashlib.sha256(json.dumps(load_schema("config"), sort_keys=True).encode())
    digest.update(json.dumps(section, sort_keys=True, default=repr).encode())
    # Named with the cache's key: a stamp planted in a shared cache cannot skip validation.
    name = cache.signed_name(digest.hexdigest())
    return cache.cache_dir() / "valid-config" / name if name is not None else None


def _remember_valid(stamp: Path | None) -> None:
    if stamp is None:
        return
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    except OSError:
        pass  # without a writable cache folder, every run validates


def _line_of_key(text: str, key: str) -> int | None:
    """Line where `key = ...` is set (TOML parsers don't keep positions)."""
    import re

    match = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None
