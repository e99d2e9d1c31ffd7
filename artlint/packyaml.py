"""Rule packs and language files as YAML: parsed once, with the nodes kept for
line numbers in error messages, and refused when too large or nested too deeply.

Imported only when a pack is parsed (PyYAML costs about 50 ms to import, a
fifth of a one-file run that reads the compiled rules)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from artlint.ruleset import MAX_PACK_BYTES, MAX_PACK_NODES


class _PackLoader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false.  Word lists hold 'on', 'no', 'y' as words."""


_PackLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PackLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

# libyaml's parser reads the packs about 30 times faster than the pure-Python one
# (seconds on a first run); the pure-Python one stays for its error messages.
_FastPackLoader: type[yaml.SafeLoader] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CPackLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
        """_PackLoader's resolvers on libyaml's parser."""

    _CPackLoader.yaml_implicit_resolvers = _PackLoader.yaml_implicit_resolvers
    _FastPackLoader = _CPackLoader


class PackTooLarge(yaml.YAMLError):
    pass


def load_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    with open(path, "rb") as handle:
        raw = handle.read(MAX_PACK_BYTES + 1)
    if len(raw) > MAX_PACK_BYTES:
        raise PackTooLarge(f"larger than {MAX_PACK_BYTES // (1024 * 1024)} MiB; not loaded")
    text = raw.decode("utf-8")
    try:
        if _FastPackLoader is not None:
            try:
                return _compose_and_construct(text, _FastPackLoader)
            except yaml.MarkedYAMLError:
                pass  # read again below, for the pure-Python parser's wording of the error
        return _compose_and_construct(text, _PackLoader)
    except RecursionError:
        raise PackTooLarge("nested too deeply; not loaded") from None


def _compose_and_construct(text: str, loader_class: type[yaml.SafeLoader]) -> tuple[Any, yaml.Node | None]:
    """The pack's nodes (for line numbers) and its data, parsed once; its size is
    checked on the nodes, before the aliases are expanded into data."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        _check_expanded_size(node)
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def _check_expanded_size(root: yaml.Node | None) -> None:
    """Count the values the pack holds with its aliases expanded, without
    expanding them (each node's size is worked out once); refuse a pack past
    MAX_PACK_NODES or one whose aliases loop."""
    if root is None:
        return
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > MAX_PACK_NODES:
                raise PackTooLarge(
                    f"holds more than {MAX_PACK_NODES:,} values once its aliases are expanded; not loaded"
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise PackTooLarge("an alias refers to a value that contains it; not loaded")
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def line_of(node: yaml.Node | None, path: Sequence[Any]) -> int:
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
