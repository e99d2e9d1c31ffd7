"""A baseline: the findings a team has accepted, so that only new ones are
reported and fail a run (what detekt and ESLint's suppressions file do).

A finding is known by its article (path, and record for JSONL), its rule and
the text it points at (its excerpt), never by its line: an edit elsewhere in
the file moves a finding without making it new.  Each such key is counted
over the whole run, so a third "Leave a Reply" is new where the baseline holds
two (also across records of a JSONL file that have no id).  Paths are kept
relative to the baseline file's folder, so the file can be committed and used
from any working directory.

The file is JSON, validated against schemas/baseline.schema.json:
    {"artlint_baseline": 1,
     "findings": [{"path": "...", "record": null, "rule": "...", "excerpt": "...", "count": 2}, ...]}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from artlint.atomic import write_atomic
from artlint.errors import ConfigError, schema_message
from artlint.findings import Finding
from artlint.records import dataclass
from artlint.results import ArticleResult, passes
from artlint.textsafe import json_safe

VERSION = 1
Key = tuple[str, str | None, str, str]  # path, record, rule, excerpt


def article_name(path: str, folder: Path) -> str:
    """How a baseline in `folder` names the article at `path` (as the run names it)."""
    if path == "-":
        return path
    return Path(os.path.relpath(Path(path).resolve(), folder)).as_posix()


@dataclass(frozen=True)
class Baseline:
    """A loaded baseline, for one run: `apply` uses its counts up as results come."""

    folder: Path  # paths in `left` are relative to it
    left: dict[tuple[str, str | None], Counter[tuple[str, str]]]  # article -> (rule, excerpt) counts

    def apply(
        self, result: ArticleResult, fail_on: str, min_score: float | None
    ) -> tuple[ArticleResult, int]:
        """The result without its findings the baseline holds, passed again by
        what is left; and how many were left out."""
        if not result.findings:
            return result, 0
        left = self.left.get((article_name(result.path, self.folder), result.record))
        if not left:
            return result, 0
        kept: list[Finding] = []
        for finding in result.findings:
            key = (finding.rule, finding.excerpt)
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(finding)
        dropped = len(result.findings) - len(kept)
        if not dropped:
            return result, 0
        overall = result.scores.get("overall")
        passed = passes(kept, overall, fail_on, min_score)
        return replace(result, findings=tuple(kept), passed=passed), dropped


def load(path: Path) -> Baseline:
    """The baseline in `path`; a ConfigError naming the file and field when it is not one."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the baseline: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: the baseline is not UTF-8 text (byte {error.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{path}:{error.lineno}: not valid JSON: {error.msg}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not a baseline: JSON nested too deeply") from None
    _validate(path, data)
    known: dict[tuple[str, str | None], Counter[tuple[str, str]]] = {}
    for item in data["findings"]:
        article = known.setdefault((item["path"], item.get("record")), Counter())
        article[(item["rule"], item["excerpt"])] += item.get("count", 1)
    return Baseline(path.resolve().parent, known)


def _validate(path: Path, data: object) -> None:
    import jsonschema

    from artlint.resources import load_schema

    validator = jsonschema.Draft202012Validator(load_schema("baseline"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = errors[0]
        where = "/".join(map(str, error.absolute_path)) or "(top level)"
        raise ConfigError(f"{path}: {where}: {schema_message(error)}")


class Writer:
    """Collects the findings of a run, then writes them as a baseline."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.resolve().parent
        self.counts: Counter[Key] = Counter()

    def add(self, result: ArticleResult) -> None:
        name = article_name(result.path, self.folder)
        for finding in result.findings:
            self.counts[(name, result.record, finding.rule, finding.excerpt)] += 1

    def write(self) -> int:
        """Write the baseline atomically (temporary file, then rename); how many findings it holds."""
        items = [
            {"path": p, "record": r, "rule": rule, "excerpt": excerpt, "count": n}
            for (p, r, rule, excerpt), n in sorted(self.counts.items(), key=lambda kv: _order(kv[0]))
        ]
        text = json.dumps({"artlint_baseline": VERSION, "findings": items}, ensure_ascii=False, indent=1)
        try:
            # Shared like any source file: an existing baseline keeps its mode, a new one is 0644.
            write_atomic(self.path, (json_safe(text) + "\n").encode("utf-8"), mode=0o644)
        except OSError as error:
            raise ConfigError(f"{self.path}: cannot write the baseline: {error.strerror or error}") from None
        return sum(self.counts.values())


def _order(key: Key) -> Sequence[str]:
    path, record, rule, excerpt = key
    return (path, record or "", rule, excerpt)
