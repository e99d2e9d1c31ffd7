"""Does linting time grow linearly with the size of one article (issue 11, item 5)?

    python bench/linear.py                   # 1, 2 and 4 MB of each shape
    python bench/linear.py --sizes 0.25 0.5  # other sizes, in MB

Three shapes that used to be quadratic or worse: one endless sentence full of
reporting verbs (the attribution analysis), one-character lines (every line a
unit for the line rules), and a Markdown table.  Each size of each shape is
linted in a fresh process (`--one`), with every rule, so that the figures are
its own: wall time of `lint_article` (not start-up) and the peak resident
memory of the whole process (ru_maxrss, start-up included).  The per-article
limits (max_line_chars, max_lines, max_findings, rule_seconds) are turned off
so that the work itself is measured, not where a limit cuts it
(`--default-limits` keeps them: what a user gets); each process may use 4 GB
of address space at most.

The last column divides each time by the smallest size's: linear growth reads
about 1, 2, 4; a quadratic one 1, 4, 16.  A benchmark, not a test: the
machine's load moves the figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000
SENTENCE = (
    "the mayor said that the council, according to officials who told reporters, "
    "would approve the plan and the minister confirmed, as the report showed, "
)


def make_text(shape: str, size: int) -> tuple[str, str]:
    """(text, format) of about `size` characters."""
    if shape == "sentence":
        return ("The " + SENTENCE * (size // len(SENTENCE) + 1))[:size] + ".\n", "txt"
    if shape == "lines":
        return "a\n" * (size // 2), "txt"
    if shape == "table":
        head = "| City | Mayor | Budget | Note |\n|---|---|---|---|\n"
        row = "| Lyon | Grégory Doucet | 12 million | said officials |\n"
        return head + row * ((size - len(head)) // len(row) + 1), "md"
    raise ValueError(shape)


def run_one(shape: str, size_mb: float, default_limits: bool = False) -> dict[str, float]:
    """Lint one text in this process; its time and this process's peak memory."""
    sys.path.insert(0, str(ROOT))
    from artlint.api import Linter
    from artlint.config import Config
    from artlint.sources import Article

    # Bounded all the same: a run past 4 GB of address space ends in MemoryError, not in swap.
    resource.setrlimit(resource.RLIMIT_AS, (4_000_000_000, 4_000_000_000))
    limits = {"max_input_bytes": 0, "max_line_chars": 0, "max_lines": 0, "max_findings": 0, "rule_seconds": 0}
    linter = Linter.from_config(Config(lang="en", limits={} if default_limits else limits))
    text, fmt = make_text(shape, int(size_mb * MB))
    started = time.perf_counter()
    result = linter.lint_article(Article("bench", fmt, text))
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "findings": len(result.findings)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4], metavar="MB")
    parser.add_argument("--shapes", nargs="+", default=["sentence", "lines", "table"])
    parser.add_argument(
        "--default-limits", action="store_true", help="keep the default limits (what a user gets)"
    )
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "MB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], float(args.one[1]), args.default_limits)))
        return
    print(f"{'shape':<9} {'MB':>5} {'seconds':>8} {'peak MB':>8} {'findings':>9} {'time ratio':>10}")
    for shape in args.shapes:
        first: float | None = None
        for size in args.sizes:
            completed = subprocess.run(
                [sys.executable, __file__, "--one", shape, str(size)]
                + (["--default-limits"] if args.default_limits else []),
                capture_output=True,
                text=True,
                check=False,
                cwd=ROOT,
            )
            if completed.returncode != 0:
                reason = (completed.stderr.strip().splitlines() or ["?"])[-1]
                print(f"{shape:<9} {size:>5g} failed: {reason}", flush=True)
                continue
            figures = json.loads(completed.stdout.strip().splitlines()[-1])
            first = first or figures["seconds"]
            print(
                f"{shape:<9} {size:>5g} {figures['seconds']:>8.2f} {figures['peak_mb']:>8.0f} "
                f"{figures['findings']:>9} {figures['seconds'] / first:>10.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
