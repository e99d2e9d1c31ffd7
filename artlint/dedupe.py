"""One finding per problem: where several rules of a category report the same
stretch of a line, the most specific one is kept and the others are named in
its `also`.

Most specific: a rule that recognises the words before one that judges a
line by its shape (a repeated line) or its neighbours (a context rule), a
rule that matched the line itself before one that reports it for following
its header, then the higher severity, then the rule id (a stable choice).
Spans that do not overlap (two missing names on one line) stay two findings;
findings of different categories (residue and a claim) too.  The kept
finding takes the gravest severity of the ones it stands for, and a dropped
finding's line deletion, so --fail-on and `fix` act as before.  Scores,
metrics and pass/fail are computed on every finding, before merging: merging
changes what is listed, not what is measured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from artlint.findings import SEVERITY_RANK, Finding


def _overlap(a: Finding, b: Finding) -> bool:
    if a.line != b.line:
        return False
    a_end = a.end_column if a.end_line == a.line else 10**9
    b_end = b.end_column if b.end_line == b.line else 10**9
    # zero-width findings (a missing name) overlap only what sits on their column
    return a.column <= max(b_end - 1, b.column) and b.column <= max(a_end - 1, a.column)


def _follows_a_header(finding: Finding) -> bool:
    """A line reported only because it comes after a header its rule matched
    (kinds/line.py words its message so): 'Leave a Reply' under '2 comments' is
    a comment form first, not a comment counter."""
    return "(in the section from line " in finding.message


def one_per_problem(findings: Sequence[Finding], stage_of: Callable[[str], int]) -> list[Finding]:
    """`findings` with overlapping findings of one category and line merged.
    `stage_of(rule_id)`: 0 for a rule that reads words, higher for one that
    reads shape (a repeated line) or context (its neighbours' findings)."""

    def rank(finding: Finding) -> tuple[int, bool, int, str]:
        return (
            stage_of(finding.rule),
            _follows_a_header(finding),
            -SEVERITY_RANK[finding.severity],
            finding.rule,
        )

    groups: dict[tuple[str, int], list[list[Finding]]] = {}
    for finding in findings:
        clusters = groups.setdefault((finding.category, finding.line), [])
        touching = [c for c in clusters if any(_overlap(finding, other) for other in c)]
        merged = [finding] + [f for c in touching for f in c]
        for cluster in touching:
            clusters.remove(cluster)
        clusters.append(merged)
    kept: list[Finding] = []
    for clusters in groups.values():
        for cluster in clusters:
            best, *others = sorted(cluster, key=rank)
            if not others:
                kept.append(best)
                continue
            also = tuple(sorted({f.rule for f in others} - {best.rule}))
            # The problem is as grave as its gravest report: --fail-on sees what it saw before.
            severity = max((f.severity for f in cluster), key=SEVERITY_RANK.__getitem__)
            fix = best.fix
            if fix is None:
                deletions = (f.fix for f in others if f.fix is not None and f.fix.action == "delete-line")
                fix = next(deletions, None)
            kept.append(replace(best, also=also, fix=fix, severity=severity))
    return kept
