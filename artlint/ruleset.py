"""Load rule packs (YAML), validate them against schemas/rule.schema.json,
and compile every rule once for every language it has data for.

Errors name the file, the line, the rule and the field:
``rules/claims.yaml:42: claims.weasel: severity: 'fatal' is not one of ...``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from artlint import __version__
from artlint.errors import RulePackError
from artlint.kinds import KINDS
from artlint.language import LanguageProfile
from artlint.resources import languages_dir, load_schema, rules_dir
from artlint.rule import ANY_LANGUAGE, Example, Rule

CATEGORIES = ("boilerplate", "entities", "sourcing", "claims", "readability")
_PER_LANGUAGE_FIELDS = ("phrases", "patterns", "if", "unless", "min", "max")


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    languages: Mapping[str, LanguageProfile]
    sources: tuple[str, ...] = ()

    def by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}

    def selected(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> RuleSet:
        """Rules named (or whose category/prefix is named) by `select`, minus `ignore`."""
        chosen = [
            rule
            for rule in self.rules
            if (not select or _named(rule.id, select)) and not _named(rule.id, ignore)
        ]
        return replace(self, rules=tuple(chosen))

    def unknown_names(self, names: Iterable[str]) -> list[str]:
        ids = [rule.id for rule in self.rules]
        return [n for n in names if not any(_named(i, [n]) for i in ids)]


def _named(rule_id: str, names: Iterable[str]) -> bool:
    return any(n in ("ALL", "*") or rule_id == n or rule_id.startswith(n.rstrip(".") + ".") for n in names)


# -- YAML with line numbers ------------------------------------------------------
class _PackLoader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false.  Word lists hold 'on', 'no', 'y' as words."""


_PackLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PackLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _load_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=_PackLoader)
    data = yaml.load(text, Loader=_PackLoader)
    return data, node


def _line_of(node: yaml.Node | None, path: Sequence[Any]) -> int:
    """1-based line of the YAML node at a JSON path (or of its closest parent)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == key:
                    node = value_node
                    line = key_node.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


# -- loading ---------------------------------------------------------------------
def pack_files(extra_paths: Sequence[str | Path] = ()) -> list[Path]:
    """Bundled packs first, then user packs (files, or folders of *.yaml/*.yml)."""
    files = sorted(p for p in rules_dir().glob("*.yaml"))
    for item in extra_paths:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
        elif path.is_file():
            files.append(path)
        else:
            raise RulePackError([f"{path}: rule pack not found"])
    return files


def load_ruleset(extra_paths: Sequence[str | Path] = (), use_cache: bool = True) -> RuleSet:
    """Every bundled and user rule pack, validated and compiled (cached by content hash)."""
    files = pack_files(extra_paths)
    language_files = sorted(languages_dir().glob("*.yaml"))
    digest = hashlib.sha256(__version__.encode())
    # The compiled form depends on the code that compiles it, too: the kinds and
    # every helper they call (hashing the whole package costs about a millisecond).
    package = Path(__file__).resolve().parent
    code_files = sorted(package.rglob("*.py"))
    for path in [*code_files, *language_files, *files]:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    cache_path = _cache_path(digest.hexdigest())
    if use_cache and cache_path is not None:
        try:
            with open(cache_path, "rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, RuleSet):
                with contextlib.suppress(OSError):  # most recently used: kept when old ones are dropped
                    os.utime(cache_path)
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            pass
    ruleset = _build(files, language_files)
    if use_cache and cache_path is not None:
        _write_cache(cache_path, ruleset)
    return ruleset


_KEEP_RULE_CACHES = 8  # other checkouts and versions may share the cache folder


def _cache_path(key: str) -> Path | None:
    from artlint import cache

    return cache.cache_dir() / f"rules-{key[:32]}.pickle" if cache.enabled() else None


def _write_cache(path: Path, ruleset: RuleSet) -> None:
    from artlint import cache

    cache.write_atomically(path, lambda out: pickle.dump(ruleset, out, protocol=pickle.HIGHEST_PROTOCOL))
    # Every edit of a pack makes a new entry: drop all but the most recently used
    # (a hit touches its entry, see load_ruleset).
    try:
        entries = sorted(path.parent.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[_KEEP_RULE_CACHES:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass


def _build(files: Sequence[Path], language_files: Sequence[Path]) -> RuleSet:
    import jsonschema

    problems: list[str] = []
    languages = _load_languages(language_files, problems)
    validator = jsonschema.Draft202012Validator(load_schema("rule"))
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            data, node = _load_yaml(path)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
            problems.append(f"{where}: not a readable YAML file: {getattr(error, 'problem', None) or error}")
            continue
        if isinstance(data, Mapping) and "language" in data and "rules" not in data:
            continue  # a language data file given among the rule paths; loaded below
        errors = sorted(
            validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message)
        )
        if errors:
            for error in _leaf_errors(errors):
                problems.append(_describe(path, node, data, list(error.absolute_path), _message(error)))
            continue
        for index, spec in enumerate(data["rules"]):
            location = ["rules", index]
            rule_id = spec["id"]
            if not rule_id.startswith(data["category"] + "."):
                problems.append(
                    _describe(
                        path,
                        node,
                        data,
                        [*location, "id"],
                        f"id must start with the pack's category '{data['category']}.'",
                    )
                )
                continue
            if rule_id in seen:
                problems.append(
                    _describe(
                        path,
                        node,
                        data,
                        [*location, "id"],
                        f"duplicate rule id (first defined at {seen[rule_id]})",
                    )
                )
                continue
            where = f"{path}:{_line_of(node, location)}"
            seen[rule_id] = where
            try:
                rules.append(_compile_rule(spec, data, languages, where))
            except ValueError as error:
                field_name = str(error).split(":", 2)[1].strip() if str(error).count(":") >= 2 else "rule"
                detail = str(error).split(": ", 2)[-1]
                problems.append(_describe(path, node, data, [*location, field_name], detail))
    if problems:
        raise RulePackError(problems)
    rules.sort(key=lambda r: r.id)
    return RuleSet(tuple(rules), languages, tuple(str(p) for p in files))


def _leaf_errors(errors: list[Any]) -> list[Any]:
    """The most specific errors: for if/then and oneOf failures, the nested causes."""
    result = []
    for error in errors:
        if error.context:
            result.extend(_leaf_errors(sorted(error.context, key=lambda e: e.message))[:1])
        else:
            result.append(error)
    return result


def _message(error: Any) -> str:
    if error.validator == "unevaluatedProperties":
        return error.message.replace("Unevaluated properties are not allowed", "unknown field(s)")
    return error.message


def _describe(path: Path, node: yaml.Node | None, data: Any, location: list[Any], message: str) -> str:
    line = _line_of(node, location)
    rule_id = "pack"
    fields = [str(p) for p in location]
    if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int):
        try:
            rule_id = str(data["rules"][location[1]].get("id", f"rules[{location[1]}]"))
        except (KeyError, IndexError, TypeError, AttributeError):
            rule_id = f"rules[{location[1]}]"
        fields = [str(p) for p in location[2:]]
    field_name = ".".join(fields) if fields else "(rule)"
    return f"{path}:{line}: {rule_id}: {field_name}: {message}"


def _load_languages(files: Sequence[Path], problems: list[str]) -> dict[str, LanguageProfile]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema("language"))
    result: dict[str, LanguageProfile] = {}
    for path in files:
        try:
            data, node = _load_yaml(path)
        except (OSError, yaml.YAMLError) as error:
            problems.append(f"{path}: not a readable YAML file: {error}")
            continue
        errors = list(validator.iter_errors(data))
        for error in errors:
            where = list(error.absolute_path)
            problems.append(
                f"{path}:{_line_of(node, where)}: language: {'.'.join(map(str, where)) or '(file)'}: "
                f"{error.message}"
            )
        if not errors:
            result[data["language"]] = LanguageProfile.from_data(data, str(path))
    return result


def _compile_rule(
    spec: Mapping[str, Any], pack: Mapping[str, Any], languages: Mapping[str, LanguageProfile], where: str
) -> Rule:
    kind = KINDS[spec["kind"]]
    rule_id = spec["id"]
    if spec.get("all_languages"):
        spec = _merge_languages(spec)
    codes: set[str] = {ANY_LANGUAGE}
    for field_name in _PER_LANGUAGE_FIELDS:
        value = spec.get(field_name)
        if isinstance(value, Mapping):
            codes.update(value)
    allowed = frozenset(spec["languages"]) if "languages" in spec else None
    compiled: dict[str, Any] = {}
    for code in sorted(codes):
        if allowed is not None and code != ANY_LANGUAGE and code not in allowed:
            continue
        variables = _variables(code, pack, spec, languages)
        matcher = kind.compile(spec, code, variables, f"{rule_id}")
        if matcher is not None:
            compiled[code] = matcher
    if not compiled:
        raise ValueError(f"{rule_id}: languages: the rule has no data for any of its languages")
    options = {k: v for k, v in spec.items() if k not in ("examples",)}
    return Rule(
        id=rule_id,
        category=pack["category"],
        kind=spec["kind"],
        severity=spec["severity"],
        message=spec["message"],
        weight=float(spec.get("weight", 1.0)),
        description=spec.get("description", ""),
        fix=spec.get("fix"),
        replacement=spec.get("replacement", ""),
        timeout=float(spec.get("timeout", 1.0)),
        source=where,
        languages=allowed,
        examples=_examples(spec, compiled),
        options=options,
        compiled=compiled,
    )


def _merge_languages(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Residue does not speak the article's language (a French page keeps an English
    form message): with `all_languages`, every language's lists apply to every article."""
    merged = dict(spec)
    for field_name in ("phrases", "patterns", "unless"):
        value = spec.get(field_name)
        if isinstance(value, Mapping):
            merged[field_name] = {ANY_LANGUAGE: [item for key in sorted(value) for item in value[key]]}
    return merged


def _variables(
    code: str, pack: Mapping[str, Any], spec: Mapping[str, Any], languages: Mapping[str, LanguageProfile]
) -> dict[str, list[str]]:
    """Word lists for {{name}}: language data, then the pack's vars, then the rule's."""
    variables: dict[str, list[str]] = {}
    profile = languages.get(code)
    if profile is not None:
        # Abbreviations that don't end a sentence ("tsp.", "Gov.", "M.") are a word list too.
        variables["abbreviations"] = sorted(profile.abbreviations)
        variables.update({k: list(v) for k, v in profile.word_classes.items()})
    for source in (pack.get("vars", {}), spec.get("vars", {})):
        for lang in (ANY_LANGUAGE, code):
            for name, words in source.get(lang, {}).items():
                variables[name] = list(words)
    return variables


def _examples(spec: Mapping[str, Any], compiled: Mapping[str, Any]) -> tuple[Example, ...]:
    specific = sorted(c for c in compiled if c != ANY_LANGUAGE)
    default = specific[0] if len(specific) == 1 else (spec.get("languages") or ["en"])[0]
    result = []
    for key, bad in (("bad", True), ("good", False)):
        for item in spec["examples"].get(key, []):
            if isinstance(item, str):
                result.append(Example(item, default, bad))
            else:
                result.append(Example(item["text"], item.get("lang", default), bad))
    return tuple(result)
