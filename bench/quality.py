"""Detection quality on labeled real data, printed as precision/recall.

    python bench/quality.py              # every measure
    python bench/quality.py residue      # one of: residue, holes, claims

Each measure lives in bench/quality_<name>.py and provides `run(args) -> int`.
The labeled data is ../shared/corpus and ../shared/seeds (see their READMEs),
or --shared PATH.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# This checkout's artlint, not whichever one is installed: a benchmark measures the code beside it.
sys.path[:0] = [str(HERE), str(HERE.parent)]


def measures() -> list[str]:
    return sorted(p.stem.removeprefix("quality_") for p in HERE.glob("quality_*.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "measure", nargs="*", help=f"which measures to run: {', '.join(measures())} (default: all)"
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=HERE.parent.parent / "shared",
        help="folder holding seeds/ and corpus/ (default: ../shared)",
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.measure) - set(measures()))
    if unknown:
        parser.error(f"unknown measure(s): {', '.join(unknown)}; choose from {', '.join(measures())}")
    code = 0
    for name in args.measure or measures():
        module = importlib.import_module(f"quality_{name}")
        print(f"== {name} ==")
        code = max(code, module.run(args))
        print()
    return code


if __name__ == "__main__":
    sys.exit(main())
