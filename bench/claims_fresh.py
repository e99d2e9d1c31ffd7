"""Draw a fresh blind claims set: sentences of articles in no other labeled claims file.

    python bench/claims_fresh.py [--set fresh|fresh2] [--shared /work/shared]
        [--out /tmp/claims-<set>-unlabeled] [--sample /tmp/claims-<set>-sample.jsonl] [--seed N]

Two sets: `fresh` (stop 12, seed 20261203, the targets below) and `fresh2` (stop 13,
seed 20261205: English 700 and French news 150, no German, no agreement sample),
which also skips every article of the `fresh` set (a set skips the sets drawn before
it, never those drawn after, so each reruns row for row).

Writes <out>/{en,fr,de}.jsonl (same rows as bench/claims_sentences.py: id, article,
text, prev, next, language, source, line, plus genre) and a blind agreement
sample of 100 English + 50 French sentences (id, text, prev, next only).

Whole articles, drawn in a fixed seeded order (random.Random(seed), no other
randomness), skipping every article key of bench/data/claims-*.jsonl, every
page of claims-dev.jsonl, and every sentence whose normalised text is in any
of those files. Sources:
  en: BODY lines of English pages of corpus/daniel/traf_default, one page per
      site, sites already used skipped | news + finance records of
      corpus/clean/en.jsonl, alternated one article at a time   target >= 900
  fr: news records of corpus/clean/fr.jsonl (Wikinews), then encyclopedia
      records (PIAF; genre "encyclopedia", article key clean:piaf/...)  >= 400
  de: news records of corpus/clean/de.jsonl (10kGNAD)           target >= 150
`source` stays a path relative to the shared folder (bench/quality_claims.py
opens it); `genre` is the record's genre (news, finance, encyclopedia) or "page".
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from claims_sentences import (
    ROOT,
    agreement_sample,
    daniel_pages,
    draw,
    load_profiles,
    norm,
    parse_args,
    record_article,
    rows_of,
    write_jsonl,
)


@dataclass(frozen=True)
class FreshSet:
    """How one fresh set is drawn: sentences per language, the seed, the French genres
    in the order they are drawn, and per language the blind agreement sample's size."""

    targets: tuple[tuple[str, int], ...]
    seed: int
    french_genres: tuple[str, ...]
    sample: tuple[tuple[str, int], ...]


# In the order they were drawn: a set skips every set before it, never one after it
SETS = {
    "fresh": FreshSet(
        (("en", 900), ("fr", 400), ("de", 150)), 20261203, ("news", "encyclopedia"), (("en", 100), ("fr", 50))
    ),
    "fresh2": FreshSet((("en", 700), ("fr", 150), ("de", 0)), 20261205, ("news",), ()),
}


def labeled_sets(data: Path, own: str) -> tuple[set[str], set[str], set[str]]:
    """(article keys, page sources, normalised sentences) of every claims file but those of
    the set itself and of the sets drawn after it (`claims-<name>-*`): a rerun must draw the
    same rows, whatever was labeled since."""
    names = list(SETS)
    later = tuple(f"claims-{name}-" for name in names[names.index(own) :])
    articles, pages, texts = set(), set(), set()
    for path in sorted(data.glob("claims-*.jsonl")):
        if path.name.startswith(later):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if "text" in row:  # the relabel file holds ids and labels only
                texts.add(norm(row["text"]))
            if "article" in row:
                articles.add(row["article"])
            if row.get("source") and not row["source"].startswith("corpus/clean/"):
                pages.add(row["source"])
    return articles, pages, texts


def main() -> None:
    args = parse_args(__doc__, "", "", None, tuple(SETS))
    fresh = SETS[args.set]
    targets, samples = dict(fresh.targets), dict(fresh.sample)
    out = Path(args.out or f"/tmp/claims-{args.set}-unlabeled")
    seed = fresh.seed if args.seed is None else args.seed
    shared = Path(args.shared)
    corpus = shared / "corpus"
    profiles = load_profiles()
    rng = random.Random(seed)
    used_articles, used_pages, seen = labeled_sets(ROOT / "bench" / "data", args.set)
    genres: dict[str, str] = {}  # article key -> genre of its corpus/clean record

    def records(lang: str, wanted: set[str]) -> list[tuple]:
        path = corpus / "clean" / f"{lang}.jsonl"
        recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        recs = [r for r in recs if r["genre"] in wanted and f"clean:{r['id']}" not in used_articles]
        recs.sort(key=lambda r: r["id"])
        rng.shuffle(recs)
        genres.update((f"clean:{r['id']}", r["genre"]) for r in recs)
        return [record_article(r, f"corpus/clean/{lang}.jsonl", profiles[lang], seen) for r in recs]

    # English: one daniel page per site not used before, alternated with clean records.
    used_sites = {a[len("daniel:") :].rsplit("-", 1)[0] for a in used_articles if a.startswith("daniel:")}
    pages = daniel_pages(shared, profiles["en"], seen, rng, used_sites, used_pages)
    chosen = {"en": draw([pages, records("en", {"news", "finance"})], targets["en"])}
    # French: news first; other genres only once the news records run out.
    french = [article for genre in fresh.french_genres for article in records("fr", {genre})]
    chosen["fr"] = draw([french], targets["fr"])
    if targets["de"]:
        chosen["de"] = draw([records("de", {"news"})], targets["de"])

    out.mkdir(parents=True, exist_ok=True)
    summary, all_rows = {}, {}
    for lang, articles in chosen.items():
        rows = rows_of(articles, lang)
        for r in rows:
            r["genre"] = genres.get(r["article"], "page")
        all_rows[lang] = rows
        write_jsonl(out / f"{lang}.jsonl", rows)
        kinds = Counter("daniel" if r["genre"] == "page" else r["article"].split("/")[0] for r in rows)
        summary[lang] = {"sentences": len(rows), "articles": len(articles), "by_kind": dict(kinds)}

    if samples:
        sample = []
        for lang, size in samples.items():
            sample += agreement_sample(all_rows[lang], random.Random(seed + 1), size)
        write_jsonl(Path(args.sample or f"/tmp/claims-{args.set}-sample.jsonl"), sample)
        summary["agreement_sample"] = len(sample)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
