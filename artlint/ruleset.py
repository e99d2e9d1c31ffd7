"""Load rule packs (YAML), validate them against schemas/rule.schema.json,
and compile every rule once for every language it has data for.

Errors name the file, the line, the rule and the field:
``rules/claims.yaml:42: claims.weasel: severity: 'fatal' is not one of ...``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import field, replace
from functools import cache
from pathlib import Path
from typing import Any

from artlint import __version__, measured
from artlint.errors import RulePackError, schema_message
from artlint.kinds import KINDS
from artlint.language import LanguageProfile
from artlint.records import dataclass
from artlint.resources import languages_dir, load_schema, rules_dir
from artlint.rule import ANY_LANGUAGE, Example, Rule

CATEGORIES = ("boilerplate", "entities", "sourcing", "claims", "readability")
_PER_LANGUAGE_FIELDS = ("phrases", "patterns", "if", "unless", "min", "max", "threshold")


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


# A rule pack is a few hundred kilobytes; far bigger is a mistake or an attack.
MAX_PACK_BYTES = 2 * 1024 * 1024
# Values the pack holds once its aliases are expanded (the bundled packs: a few
# tens of thousands).  An "alias bomb" (ten anchors of ten aliases each) holds
# 10**10 while its text is tiny: validating it would walk every one.
MAX_PACK_NODES = 2_000_000


def _load_yaml(path: Path) -> tuple[Any, Any]:
    """The pack's data and its root node (artlint.packyaml)."""
    from artlint.packyaml import load_yaml

    return load_yaml(path)


def _line_of(node: Any, path: Sequence[Any]) -> int:
    from artlint.packyaml import line_of

    return line_of(node, path)


# -- loading ---------------------------------------------------------------------
def pack_files(extra_paths: Sequence[str | Path] = ()) -> list[Path]:
    """Bundled packs first, then user packs (files, or folders of *.yaml/*.yml)."""
    files = sorted(p for p in rules_dir().glob("*.yaml"))
    for item in extra_paths:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise RulePackError([f"{path}: no rule packs (*.yaml, *.yml) in this folder"])
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise RulePackError([f"{path}: rule pack not found (or not a regular file)"])
    for pack in files:
        # Checked before the packs are hashed for the cache (which reads them whole).
        if pack.stat().st_size > MAX_PACK_BYTES:
            raise RulePackError([f"{pack}: larger than {MAX_PACK_BYTES // (1024 * 1024)} MiB; not loaded"])
    return files


def load_ruleset(extra_paths: Sequence[str | Path] = (), use_cache: bool = True) -> RuleSet:
    """Every bundled and user rule pack, validated and compiled: the bundled ones
    as compiled when the package was built (when that form matches this code),
    the others read back from the cache folder when compiled before (by content hash)."""
    files = pack_files(extra_paths)
    language_files = sorted(languages_dir().glob("*.yaml"))
    shipped = _shipped(files, language_files) if use_cache else None
    if shipped is not None and len(shipped.packs) == len(files):
        # Only bundled packs, compiled at build time: nothing to read from or write to the cache.
        return _build(files, language_files, None, shipped)
    digest = hashlib.sha256(_environment())
    # The compiled form depends on the code that compiles it, too: the kinds and
    # every helper they call (hashing the whole package costs about a millisecond).
    package = Path(__file__).resolve().parent
    code_files = sorted(package.rglob("*.py"))
    # The measured table decides fix and confidence: a new table is a new entry.
    table = [measured.TABLE_PATH] if measured.TABLE_PATH.exists() else []
    for path in [*code_files, *language_files, *table]:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    base = digest.hexdigest()  # what every pack's compiled form depends on besides itself
    for path in files:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    cache_path = _cache_path(digest.hexdigest())
    if use_cache and cache_path is not None:
        from artlint import cache

        cached = cache.load(cache_path)  # signed: a planted file is never unpickled
        if isinstance(cached, RuleSet):
            with contextlib.suppress(OSError):  # most recently used: kept when old ones are dropped
                os.utime(cache_path)
            return cached
    ruleset = _build(files, language_files, base if use_cache and cache_path is not None else None, shipped)
    if use_cache and cache_path is not None:
        _write_cache(cache_path, ruleset)
    return ruleset


# -- the bundled packs compiled at build time ------------------------------------------
# The wheel ships the bundled packs compiled (setup.py runs `write_compiled` on the
# built package), so a fresh install, a new CI runner or a read-only cache folder
# does not spend seconds compiling about a thousand patterns.  The file starts with
# the key of what it was compiled from; any difference (a pack, a language file, the
# code, the regex module, Python) and it is not used.  It is package data, as
# trusted as the code beside it.
COMPILED_NAME = "compiled-rules.pickle"
_HERE = "<rules>"  # stands for the bundled rules folder in the sources stored in that file


@dataclass(frozen=True)
class _Shipped:
    languages: Mapping[str, LanguageProfile]
    # bundled pack file name -> its rules, before measured.apply; in the file, without
    # their matchers, which are in `matchers`
    packs: Mapping[str, tuple[Rule, ...]]
    # language -> attribution lexicon (or None: the language has none), compiled from sourcing.yaml
    lexicons: Mapping[str, Any] = field(default_factory=dict)
    # language -> {rule id: matcher}, pickled apart: a run unpickles the languages it meets only
    matchers: Mapping[str, Any] = field(default_factory=dict)
    codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # rule id -> its languages


class _Unpickled(Mapping[str, Any]):
    """Values pickled one by one, each unpickled when first asked for (a third of the
    compiled rules serve French, another part German: an English article needs neither)."""

    def __init__(self, blobs: Mapping[str, bytes]) -> None:
        self._blobs = blobs
        self._values: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._values:
            import pickle

            self._values[key] = pickle.loads(self._blobs[key])
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Unpickled, (dict(self._blobs),))  # what was unpickled is not pickled again


class _LazyMatchers(Mapping[str, Any]):
    """A rule's `compiled` (language -> matcher), read from the shared per-language store."""

    def __init__(self, rule_id: str, codes: tuple[str, ...], store: Mapping[str, Mapping[str, Any]]) -> None:
        self._rule_id, self._codes, self._store = rule_id, codes, store

    def __getitem__(self, code: str) -> Any:
        if code not in self._codes:
            raise KeyError(code)
        return self._store[code][self._rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_LazyMatchers, (self._rule_id, self._codes, self._store))


def _compiled_path() -> Path:
    return Path(__file__).resolve().parent / COMPILED_NAME


def _environment() -> bytes:
    """What every compiled form depends on besides the files: its pickled patterns are
    for the Python and `regex` that wrote them (`lazyre.versions`), and the trees'
    generated code is marshalled by this Python."""
    from artlint.lazyre import versions

    return f"{__version__}\0".encode() + versions() + b"\0"


def _key_files(language_files: Sequence[Path]) -> tuple[hashlib._Hash, list[tuple[Path, Path]]]:
    """A digest of the versions the compiled form depends on, and (root, path) of its files."""
    digest = hashlib.sha256(_environment())
    package = Path(__file__).resolve().parent
    table = [measured.TABLE_PATH] if measured.TABLE_PATH.exists() else []
    files = [(package, path) for path in sorted(package.rglob("*.py"))]
    files += [(rules_dir(), path) for path in [*sorted(rules_dir().glob("*.yaml")), *language_files, *table]]
    return digest, files


def _shipped_key(language_files: Sequence[Path]) -> bytes:
    """What the bundled packs' compiled form depends on, named relative to where it lies."""
    digest, files = _key_files(language_files)
    for root, path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest().encode()


def _key_stamp(compiled: Path, key: bytes, language_files: Sequence[Path]) -> Path | None:
    """A file in the cache folder whose name stands for the size and modification time of
    every file the key hashes, and of the compiled form: when it exists, the key was
    found to match them before, and hashing them again (2-3 ms a run) is not needed.
    Python trusts its bytecode cache on the same grounds."""
    from artlint import cache

    if not cache.enabled():
        return None
    digest, files = _key_files(language_files)
    digest.update(key)
    try:
        for _, path in [(compiled, compiled), *files]:
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}\0".encode())
    except OSError:
        return None
    return cache.cache_dir() / f"shipped-{digest.hexdigest()[:32]}"


def _key_matches(compiled: Path, key: bytes) -> bool:
    language_files = sorted(languages_dir().glob("*.yaml"))
    stamp = _key_stamp(compiled, key, language_files)
    if stamp is not None and stamp.exists():
        return True
    if key != _shipped_key(language_files):
        return False
    if stamp is not None:
        with contextlib.suppress(OSError):  # an unusable cache folder is reported elsewhere, once
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.touch()
    return True


@cache
def _read_shipped(path: Path) -> _Shipped | None:
    """The build-time compiled form at `path`, if it was compiled from these very files."""
    import pickle

    try:
        with open(path, "rb") as handle:
            key = handle.readline().rstrip(b"\n")
            if not _key_matches(path, key):
                return None
            data = pickle.load(handle)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None
    return data if isinstance(data, _Shipped) else None


def shipped_lexicons() -> Mapping[str, Any] | None:
    """The attribution lexicons compiled at build time (artlint.attribution.lexicon), or None."""
    data = _read_shipped(_compiled_path())
    return data.lexicons if data is not None else None


def _shipped(files: Sequence[Path], language_files: Sequence[Path]) -> _Shipped | None:
    """The build-time compiled form of the bundled packs among `files`, or None."""
    data = _read_shipped(_compiled_path())
    if data is None:
        return None
    here = str(rules_dir())
    bundled = {path.name for path in files if path.parent == rules_dir()}
    return _Shipped(
        {
            code: replace(profile, source=profile.source.replace(_HERE, here, 1))
            for code, profile in data.languages.items()
        },
        {
            name: tuple(
                replace(
                    rule,
                    source=rule.source.replace(_HERE, here, 1),
                    compiled=_LazyMatchers(rule.id, data.codes[rule.id], data.matchers),
                )
                for rule in rules
            )
            for name, rules in data.packs.items()
            if name in bundled
        },
    )


def write_compiled(target: Path | None = None) -> Path:
    """Compile the bundled packs and write them where `load_ruleset` looks first
    (the build runs this on the package it is about to ship)."""
    import pickle

    language_files = sorted(languages_dir().glob("*.yaml"))
    packs: dict[str, tuple[Rule, ...]] = {}
    ruleset = _build(pack_files(), language_files, collect=packs)
    here = str(rules_dir())
    matchers: dict[str, dict[str, Any]] = {}
    for rules in packs.values():
        for rule in rules:
            for code, matcher in rule.compiled.items():
                matchers.setdefault(code, {})[rule.id] = matcher
    from artlint import attribution

    lexicon_pack = rules_dir() / attribution.LEXICON_PACK
    # Patterns pickled to be rebuilt when first run: one English article runs about
    # 40 of the lexicon's 425 (its unpickling 2.7 -> 0.6 ms).
    from artlint.lazyre import dumps

    shipped = _Shipped(
        {
            code: replace(profile, source=profile.source.replace(here, _HERE, 1))
            for code, profile in ruleset.languages.items()
        },
        {
            name: tuple(replace(r, source=r.source.replace(here, _HERE, 1), compiled={}) for r in rules)
            for name, rules in packs.items()
        },
        lexicons=_Unpickled(
            {code: dumps(attribution.build_lexicon(lexicon_pack, code)) for code in ruleset.languages}
        ),
        matchers=_Unpickled({code: dumps(by_rule) for code, by_rule in matchers.items()}),
        codes={rule.id: tuple(rule.compiled) for rules in packs.values() for rule in rules},
    )
    target = target or _compiled_path()
    payload = _shipped_key(language_files) + b"\n" + pickle.dumps(shipped, protocol=pickle.HIGHEST_PROTOCOL)
    target.write_bytes(payload)
    return target


def _per_language(ruleset: RuleSet) -> RuleSet:
    """`ruleset` with its matchers pickled apart per language, as in the wheel's
    compiled file: reading the cache back then unpickles (recompiles) only the
    languages a run meets, not the French and German patterns for an English page."""

    from artlint.lazyre import dumps

    matchers: dict[str, dict[str, Any]] = {}
    for index, rule in enumerate(ruleset.rules):  # by position: ids of user packs may repeat
        for code, matcher in rule.compiled.items():
            matchers.setdefault(code, {})[str(index)] = matcher
    store = _Unpickled({code: dumps(by_rule) for code, by_rule in matchers.items()})
    return replace(
        ruleset,
        rules=tuple(
            replace(rule, compiled=_LazyMatchers(str(index), tuple(rule.compiled), store))
            for index, rule in enumerate(ruleset.rules)
        ),
    )


_KEEP_RULE_CACHES = 8  # other checkouts and versions may share the cache folder
_KEEP_PACK_CACHES = 64  # one per pack file: the bundled ones and a few versions of the user's


def _cache_path(key: str) -> Path | None:
    from artlint import cache

    return cache.cache_dir() / f"rules-{key[:32]}.pickle" if cache.enabled() else None


def _write_cache(path: Path, ruleset: RuleSet) -> None:
    from artlint import cache

    cache.store(path, _per_language(ruleset))
    # Every edit of a pack makes a new entry: drop all but the most recently used
    # (a hit touches its entry, see load_ruleset).
    try:
        for pattern, keep in (("rules-*.pickle", _KEEP_RULE_CACHES), ("pack-*.pickle", _KEEP_PACK_CACHES)):
            entries = sorted(path.parent.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in entries[keep:]:
                stale.unlink(missing_ok=True)
    except OSError:
        pass


def _pack_cache_path(base: str, path: Path) -> Path | None:
    """Where one pack's compiled rules are kept: a user who adds or edits a pack
    recompiles that pack only, not the bundled ones (seconds of regex compiling)."""
    from artlint import cache

    try:
        key = hashlib.sha256(f"{base}\0{path}\0".encode() + path.read_bytes()).hexdigest()
    except OSError:
        return None
    return cache.cache_dir() / f"pack-{key[:32]}.pickle"


def _cached_pack(cache_path: Path | None) -> tuple[Rule, ...] | None:
    if cache_path is None:
        return None
    from artlint import cache

    rules = cache.load(cache_path)  # signed: a planted file is never unpickled
    if not (isinstance(rules, tuple) and all(isinstance(r, Rule) for r in rules)):
        return None
    with contextlib.suppress(OSError):  # most recently used: kept when old ones are dropped
        os.utime(cache_path)
    return rules


def _build(
    files: Sequence[Path],
    language_files: Sequence[Path],
    cache_base: str | None = None,
    shipped: _Shipped | None = None,
    collect: dict[str, tuple[Rule, ...]] | None = None,
) -> RuleSet:
    """Validate and compile the packs; with `cache_base`, a pack compiled before
    (same content, same code and language data) is read back instead, and a
    bundled pack in `shipped` is taken from there.  `collect` receives each
    pack's compiled rules by file name."""
    from artlint import cache

    problems: list[str] = []
    languages = dict(shipped.languages) if shipped is not None else _load_languages(language_files, problems)
    # Every pack to compile is read and validated before any is compiled: a
    # mistake in a user's pack is reported without waiting for the others' regexes.
    readied: list[tuple[Path, Path | None, tuple[Rule, ...] | None, Any, Any]] = []
    validator = None
    for path in files:
        rules_here = (
            shipped.packs.get(path.name) if shipped is not None and path.parent == rules_dir() else None
        )
        pack_cache = None
        if rules_here is None:
            pack_cache = _pack_cache_path(cache_base, path) if cache_base is not None else None
            rules_here = _cached_pack(pack_cache)
        if rules_here is not None:
            readied.append((path, None, rules_here, None, None))
            continue
        import yaml  # only when a pack is read: a run on compiled packs needs none (8 ms)

        try:
            data, node = _load_yaml(path)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
            problems.append(f"{where}: not a readable YAML file: {getattr(error, 'problem', None) or error}")
            continue
        if isinstance(data, Mapping) and "language" in data and "rules" not in data:
            continue  # a language data file given among the rule paths; loaded below
        if validator is None:
            import jsonschema  # 0.1 s to import: only when a pack is compiled

            validator = jsonschema.Draft202012Validator(load_schema("rule"))
        errors = sorted(
            validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message)
        )
        if errors:
            for error in _leaf_errors(errors):
                problems.append(_describe(path, node, data, list(error.absolute_path), _message(error)))
            continue
        readied.append((path, pack_cache, None, data, node))
    if problems:
        raise RulePackError(problems)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path, pack_cache, done, data, node in readied:
        if done is not None:
            # Only packs without problems are cached; ids may still clash with another pack.
            for rule in done:
                if rule.id in seen:
                    problems.append(
                        f"{rule.source}: {rule.id}: id: duplicate rule id (first defined at {seen[rule.id]})"
                    )
                    continue
                seen[rule.id] = rule.source
                rules.append(rule)
            if collect is not None:
                collect[path.name] = done
            continue
        problems_before, compiled_here = len(problems), []
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
                compiled_here.append(_compile_rule(spec, data, languages, where))
            except ValueError as error:
                field_name = str(error).split(":", 2)[1].strip() if str(error).count(":") >= 2 else "rule"
                detail = str(error).split(": ", 2)[-1]
                problems.append(_describe(path, node, data, [*location, field_name], detail))
        rules.extend(compiled_here)
        if len(problems) == problems_before:
            if pack_cache is not None:
                cache.store(pack_cache, tuple(compiled_here))
            if collect is not None:
                collect[path.name] = tuple(compiled_here)
    if problems:
        raise RulePackError(problems)
    rules.sort(key=lambda r: r.id)
    rules = measured.apply(rules, measured.load_table())
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
    message = schema_message(error)  # quotes at most an excerpt of the value
    if error.validator == "unevaluatedProperties":
        return message.replace("Unevaluated properties are not allowed", "unknown field(s)")
    return message


def _describe(path: Path, node: Any, data: Any, location: list[Any], message: str) -> str:
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
    import yaml

    validator = jsonschema.Draft202012Validator(load_schema("language"))
    result: dict[str, LanguageProfile] = {}
    for path in files:
        try:
            data, node = _load_yaml(path)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            problems.append(f"{path}: not a readable YAML file: {error}")
            continue
        errors = list(validator.iter_errors(data))
        for error in errors:
            where = list(error.absolute_path)
            problems.append(
                f"{path}:{_line_of(node, where)}: language: {'.'.join(map(str, where)) or '(file)'}: "
                f"{schema_message(error)}"
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
