"""Draw the German cue sample (bench/data/claims-de-cues.jsonl, labeled by hand).

The German sentences of claims-de.jsonl hold no weasel, so German weasel
precision and recall cannot be measured on them.  This draws, from Der
Standard news and business records of ../shared/corpus/clean/de.jsonl that
are in no labeled file, one sentence per record among those of 5+ words that
hold a cue word (a reporting verb, "laut", "zufolge", "soll", "dürfte",
"angeblich", "Experten", ...), until 60: a sample biased towards sentences
where a weasel can be, flagged or not.  Deterministic (seed 20261202).

    python bench/claims_de_cues.py > /tmp/claims-de-cues-unlabeled.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from artlint.document import Document  # noqa: E402

SEED = 20261202
SIZE = 60
CUE = regex.compile(
    r"\b(?:Experten|Kritiker|Beobachter|Analysten|Insider|Quellen|angeblich\w*|soll|sollen|dürfte|dürften"
    r"|heißt es|hieß es|gilt als|gelten als|laut|zufolge|sagte|sagt|berichtet\w*|erklärte|meinen"
    r"|befürchten|warnen|Berichten|Gerüchte\w*|vermutet|erwartet|Schätzungen|Kreisen)\b"
)


def draw(shared: Path) -> list[dict]:
    labeled = set()
    for name in ("claims-en.jsonl", "claims-fr.jsonl", "claims-de.jsonl"):
        for line in (HERE / "data" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                labeled.add(json.loads(line)["article"])
    records = [json.loads(line) for line in (shared / "corpus/clean/de.jsonl").open(encoding="utf-8")]
    records = [
        r
        for r in records
        if r["genre"] in ("news", "finance")
        and r["source"].startswith("tblock/")
        and f"clean:{r['id']}" not in labeled
    ]
    rng = random.Random(SEED)
    rng.shuffle(records)
    drawn: list[dict] = []
    for record in records:
        document = Document(text=record["text"], language="de")
        sentences = [record["text"][s.start : s.end].strip() for s in document.sentences]
        sentences = [s for s in sentences if len(s.split()) >= 5 and CUE.search(s)]
        if not sentences:
            continue
        article = f"clean:{record['id']}"
        drawn.append(
            {
                "id": f"{article}#cue{len(drawn)}",
                "article": article,
                "text": rng.choice(sentences),
                "language": "de",
                "source": "corpus/clean/de.jsonl",
                "line": None,
            }
        )
        if len(drawn) >= SIZE:
            break
    return drawn


if __name__ == "__main__":
    for row in draw(HERE.parent.parent / "shared"):
        print(json.dumps(row, ensure_ascii=False))
