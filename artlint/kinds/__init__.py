"""Rule kinds: the closed set of shapes a rule can take.  One module each,
registered here and nowhere else.

A kind module provides:
- ``NAME``: the value of ``kind:`` in a rule pack;
- ``compile(spec, language, variables, where)``: the matcher for one language
  (or ``"*"``), or None when the rule has no data for it; raises ValueError
  with a message naming the field on bad data;
- ``check(document, rule, matcher)``: the findings in one document.

A matcher whose ``uses_findings`` is true is checked after the rules that
do not use findings, and its kind's ``check`` gets a fourth argument, the
findings made so far (context between rules: a line among residue lines).
Its ``stage`` (1 to 3; 3 when it has none) orders such rules, so that a
stage-2 rule builds on the findings of stage-1 ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import ModuleType
from typing import Any, Protocol

from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds import (
    conditional,
    density,
    doubled,
    gap,
    gap_scorer,
    line,
    metric,
    pattern,
    phrase,
    repeat,
    scorer,
    weasel,
)
from artlint.rule import Rule


class RuleKind(Protocol):
    NAME: str

    def compile(
        self, spec: Mapping[str, Any], language: str, variables: Mapping[str, Sequence[str]], where: str
    ) -> Any | None: ...

    def check(self, document: Document, rule: Rule, matcher: Any) -> Iterator[Finding]: ...


_MODULES: tuple[ModuleType, ...] = (
    phrase,
    pattern,
    line,
    conditional,
    density,
    metric,
    repeat,
    gap,
    gap_scorer,
    doubled,
    scorer,
    weasel,
)
KINDS: dict[str, RuleKind] = {module.NAME: module for module in _MODULES}  # type: ignore[misc]
