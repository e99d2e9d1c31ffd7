"""A blind claims sample's disagreements, for adjudication by the guide.

    python bench/claims_disagreements.py [--set fresh|fresh2] --out FILE

The output holds held-out sentences with their labels: write it where rule work does not
look, and hand it to the adjudicator only.

Reads the sample's first labels (bench/data/claims-fresh-{en,fr,de}.jsonl for `fresh`) and
its second, blind ones (claims-fresh-agreement-relabel.jsonl for the 150-sentence sample,
claims-fresh-relabel.jsonl for the rest; see `BlindSample` in quality_claims.py) and
writes one row per sentence the two labelers labeled differently: id,
language, text, the sentences before and after it in its article, and each labeler's label
and note, in article order.  The adjudicator rules on each from CLAIMS-GUIDE.md alone
(artlint is not run) and the rulings go to bench/data/claims-<set>-adjudicated.jsonl
(id, label, first, second, ruling), which bench/quality_claims.py reads as the gold labels.
Also prints the disagreements counted by label pair.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from quality_claims import DATA, FRESH, FRESH2, BlindSample, article_of, load_rows, second_labels

SAMPLES = {sample.name: sample for sample in (FRESH, FRESH2)}


def disagreements(sample: BlindSample, data: Path = DATA) -> list[dict]:
    """The sample's sentences whose two labels differ, in article order, each with the
    labeled sentences before and after it in its article (the context the labelers had)."""
    first = load_rows(sample.files, data)
    second = second_labels(sample, data)
    by_article: dict[str, list[dict]] = {}
    for row in first:
        by_article.setdefault(article_of(row), []).append(row)
    out = []
    for rows in by_article.values():
        for n, row in enumerate(rows):
            other = second.get(row["id"])
            if other is None or other["label"] == row["label"]:
                continue
            out.append(
                {
                    "id": row["id"],
                    "language": row["language"],
                    "text": row["text"],
                    "prev": rows[n - 1]["text"] if n else "",
                    "next": rows[n + 1]["text"] if n + 1 < len(rows) else "",
                    "first": row["label"],
                    "first_note": row.get("note", ""),
                    "second": other["label"],
                    "second_note": other.get("note", ""),
                }
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=tuple(SAMPLES), default="fresh")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rows = disagreements(SAMPLES[args.set])
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    pairs = Counter(f"{r['first']} / {r['second']}" for r in rows)
    print(f"{len(rows)} disagreements -> {args.out}")
    for pair, n in pairs.most_common():
        print(f"  {n:4d}  first {pair} second")


if __name__ == "__main__":
    main()
