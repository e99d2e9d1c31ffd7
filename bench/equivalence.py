"""Do two versions of artlint report the same?  A canonical dump of every finding.

    python bench/equivalence.py --write /tmp/perf-baseline.jsonl   # before a change
    python bench/equivalence.py --check /tmp/perf-baseline.jsonl   # after it: no output, exit 0
    .venv/bin/python bench/equivalence.py --check /tmp/perf-baseline.jsonl --compiled
                                      # an installed wheel's build-time compiled rules, the same

Lints every .txt of ../shared/corpus (residue/*, holes/*, fr-de/**) and
../shared/seeds with all default rules (in-process, no compiled-rule cache) and
writes, per article, one line with its language, words, scores, metrics and
rule errors, then one line per finding (rule, line, column, end, message,
excerpt, fix span).  `--check` writes the dump again and prints the lines that
differ.  A speed-up must leave it unchanged.  `--ignore CATEGORY` leaves a
category out of both sides (while someone else changes its rules); article
lines then drop the scores and metrics, which depend on every category.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus_files() -> list[Path]:
    files = sorted((SHARED / "corpus").rglob("*.txt"))
    files += sorted((SHARED / "seeds").glob("*.txt"))
    return files


def dump(files: Sequence[Path], ignore: Sequence[str], compiled: bool = False) -> Iterator[str]:
    from artlint.api import Linter
    from artlint.config import Config
    from artlint.errors import InputProblem

    linter = Linter.from_config(Config(), use_cache=compiled)
    for path in files:
        name = str(path.relative_to(SHARED))
        for item in linter.lint_paths([str(path)]):
            if isinstance(item, InputProblem):
                yield json.dumps({"path": name, "input_problem": item.to_dict()}, ensure_ascii=False)
                continue
            article: dict[str, object] = {
                "path": name,
                "language": item.language,
                "words": item.words,
                "errors": [p.to_dict() for p in item.problems if not _ignored(p.rule or "", ignore)],
            }
            if not ignore:
                article.update(passed=item.passed, scores=item.scores, metrics=item.metrics)
            yield json.dumps(article, ensure_ascii=False, sort_keys=True)
            for finding in item.findings:
                if _ignored(finding.rule, ignore):
                    continue
                fix = finding.fix
                yield json.dumps(
                    [
                        name,
                        finding.rule,
                        finding.line,
                        finding.column,
                        finding.end_line,
                        finding.end_column,
                        finding.severity,
                        finding.message,
                        finding.excerpt,
                        None if fix is None else [fix.action, fix.start, fix.end, fix.replacement],
                    ],
                    ensure_ascii=False,
                )


def _ignored(rule: str, ignore: Sequence[str]) -> bool:
    return any(rule == c or rule.startswith(c + ".") for c in ignore)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, metavar="DUMP", help="write the dump of the current code")
    mode.add_argument("--check", type=Path, metavar="DUMP", help="compare the current code with a dump")
    parser.add_argument("--ignore", action="append", default=[], metavar="CATEGORY")
    parser.add_argument(
        "--compiled",
        action="store_true",
        help="use the rules as a run loads them (compiled when the wheel was built, or cached) "
        "instead of compiling them afresh",
    )
    args = parser.parse_args()

    files = corpus_files()
    started = time.perf_counter()
    lines = list(dump(files, args.ignore, args.compiled))
    elapsed = time.perf_counter() - started
    findings = sum(1 for line in lines if line.startswith("["))
    sys.stderr.write(f"{len(files)} files, {findings} findings, {elapsed:.1f} s\n")
    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return 0
    expected = args.check.read_text(encoding="utf-8").splitlines()
    if args.ignore:
        expected = list(_filtered(expected, args.ignore))
    if expected == lines:
        return 0
    diff = difflib.unified_diff(expected, lines, str(args.check), "current", lineterm="")
    sys.stdout.writelines(line + "\n" for line in diff)
    return 1


def _filtered(lines: Sequence[str], ignore: Sequence[str]) -> Iterator[str]:
    """A full dump as `--ignore` would have written it."""
    for line in lines:
        data = json.loads(line)
        if isinstance(data, list):
            if not _ignored(data[1], ignore):
                yield line
            continue
        if "input_problem" not in data:
            for key in ("passed", "scores", "metrics"):
                data.pop(key, None)
            data["errors"] = [e for e in data["errors"] if not _ignored(e.get("rule") or "", ignore)]
        yield json.dumps(data, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    raise SystemExit(main())
