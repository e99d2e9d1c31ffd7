"""SARIF 2.1.0 output, for GitHub code scanning and other dashboards.

Each rule that reports is described in `tool.driver.rules` (short and full
description, help with its examples, default level, category), so a dashboard
shows more than a bare id.  Files below the current folder are located
relative to `%SRCROOT%` (`originalUriBaseIds`), as the spec (3.14.14) and
GitHub want; a file elsewhere gets an absolute `file://` URI.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from artlint.errors import InputProblem
from artlint.report.base import Reporter, tool_info
from artlint.report.json import dumps
from artlint.results import ArticleResult, Summary

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
_PLACEHOLDER = re.compile(r"\s*[:(]?\s*'?\{[a-z_]+\}'?\)?")


class SarifReporter(Reporter):
    def __init__(self, stream: Any, color: bool = False) -> None:
        super().__init__(stream, color)
        self.results: list[dict[str, Any]] = []
        self.rules: dict[str, dict[str, Any]] = {}
        self.known: dict[str, Any] = {}  # rule id -> Rule, when the CLI hands the rule set over
        self.root = Path.cwd()

    def use_rules(self, ruleset: Any) -> None:
        """The rules of the run, for their descriptions (called by the CLI)."""
        self.known = ruleset.by_id()

    def result(self, result: ArticleResult) -> None:
        for finding in result.findings:
            if finding.rule not in self.rules:
                self.rules[finding.rule] = self._describe(finding.rule, finding.category, finding.severity)
            entry: dict[str, Any] = {
                "ruleId": finding.rule,
                "level": _LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": self.artifact(result.path),
                            "region": {
                                "startLine": result.record_line or finding.line,
                                "startColumn": finding.column if result.record_line is None else 1,
                                "endLine": result.record_line or finding.end_line,
                                "endColumn": finding.end_column if result.record_line is None else 1,
                                "snippet": {"text": finding.excerpt},
                            },
                        }
                    }
                ],
            }
            if result.record is not None:
                entry["properties"] = {"record": result.record, "line_in_record": finding.line}
            self.results.append(entry)

    def artifact(self, path: str) -> dict[str, Any]:
        """An artifactLocation: relative to %SRCROOT% when below it, else an absolute URI."""
        if path == "-":
            return {"uri": "stdin"}
        absolute = Path(os.path.abspath(path))
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:
            return {"uri": absolute.as_uri()}
        return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}

    def _describe(self, rule_id: str, category: str, severity: str) -> dict[str, Any]:
        rule = self.known.get(rule_id)
        described: dict[str, Any] = {
            "id": rule_id,
            "name": "".join(part.capitalize() for part in re.split(r"[.-]", rule_id)),
            "defaultConfiguration": {"level": _LEVEL[rule.severity if rule else severity]},
            "properties": {"category": category, "tags": [category]},
        }
        if rule is None:
            return described
        full = " ".join(rule.description.split()) or _plain_message(rule.message)
        described["shortDescription"] = {"text": _first_sentence(full)}
        described["fullDescription"] = {"text": full}
        described["help"] = _help(rule, full)
        return described

    def finish(self, summary: Summary, problems: list[InputProblem]) -> None:
        info = tool_info()
        ordered = sorted(self.rules)
        index = {rule_id: position for position, rule_id in enumerate(ordered)}
        for entry in self.results:
            entry["ruleIndex"] = index[entry["ruleId"]]
        document = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": info["name"],
                            "version": info["version"],
                            "informationUri": "https://example.invalid/artlint",
                            "rules": [self.rules[k] for k in ordered],
                        }
                    },
                    "originalUriBaseIds": {SRCROOT: {"uri": self.root.as_uri() + "/"}},
                    "columnKind": "unicodeCodePoints",  # as artlint counts columns
                    "results": self.results,
                    "invocations": [
                        {
                            "executionSuccessful": not summary.errors,
                            "toolExecutionNotifications": [
                                {"level": "error", "message": {"text": p.describe()}} for p in problems
                            ],
                        }
                    ],
                }
            ],
        }
        self.stream.write(dumps(document, indent=2) + "\n")


def _plain_message(message: str) -> str:
    """A finding's message template without its placeholders ('... text: '{match}'')."""
    return _PLACEHOLDER.sub("", message).strip()


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= 200 else sentence[:197] + "..."


def _help(rule: Any, full: str) -> dict[str, str]:
    """The description and the rule's examples, as text and as Markdown."""
    text, markdown = [full], [full]
    for label, bad in (("Reported", True), ("Not reported", False)):
        examples = [(e.language, " ".join(e.text.split())) for e in rule.examples if e.bad is bad][:5]
        if examples:
            text.append(f"{label}:\n" + "\n".join(f"  [{lang}] {line}" for lang, line in examples))
            markdown.append(f"**{label}:**\n\n" + "\n".join(f"- `{lang}` {line}" for lang, line in examples))
    if rule.fix:
        text.append(f"artlint fix removes it ({rule.fix}).")
        markdown.append(f"`artlint fix` removes it ({rule.fix}).")
    return {"text": "\n".join(text), "markdown": "\n\n".join(markdown)}
