"""Draw the candidate sentences of the claims development set (unlabeled).

    python bench/claims_sentences.py [--shared /work/shared] [--out /tmp/claims-unlabeled]
        [--sample bench/data/claims-agreement-sample.jsonl] [--seed 20261202]

Writes /tmp/claims-unlabeled/{en,fr,de}.jsonl, one sentence per line:
    id        "<article-key>#<n>" (n = 1-based sentence number in the article)
    article   article key: "traf:<page>" / "daniel:<page>" / "frde:<page>" for scraped pages,
              "clean:<record id>" for corpus/clean records
    text, prev, next   the sentence and its neighbours in the article ("" at the ends)
    language, source   source = path relative to the shared directory
    line      1-based line of the labeled page (None for corpus/clean records)
and bench/data/claims-agreement-sample.jsonl: 200 English sentences (id, text,
prev, next, no label) spread over the articles, for a blind second labeling.

Whole articles are taken (every kept sentence of an article), so neighbours
count. Sources, per language, alternating one article of each kind in a fixed
seeded order until the language's target is met:
  en: BODY lines of English pages of corpus/residue/traf_default (pages already
      in bench/data/claims-dev.jsonl skipped; only 7 are left), then of English
      pages of corpus/daniel/traf_default (one per site) | news + finance
      records of corpus/clean/en.jsonl                       target >= 2,050
  fr: BODY lines of French pages of corpus/fr-de/residue/traf | news records of
      corpus/clean/fr.jsonl                                  target >= 620
  de: German pages of corpus/fr-de/residue/traf | news records of
      corpus/clean/de.jsonl                                  target >= 160
Sentences already in claims-dev.jsonl (same text) are dropped everywhere: the
French pages all appear there. Lines and sentences under 3 words are dropped;
short headings and captions of 3+ words are kept. Articles of more than
MAX_SENTENCES sentences are skipped so no page dominates. Deterministic: the
only randomness is random.Random(seed).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from artlint.language import LanguageProfile  # noqa: E402
from artlint.ruleset import _load_languages  # noqa: E402
from artlint.segment import sentence_spans, words  # noqa: E402

TARGETS = {"en": 2050, "fr": 620, "de": 160}
MAX_SENTENCES = 90
MIN_WORDS = 3
SAMPLE_SIZE = 200


def load_profiles() -> dict[str, LanguageProfile]:
    """The language data artlint itself loads (rules/languages/*.yaml)."""
    problems: list[str] = []
    profiles = _load_languages(sorted((ROOT / "rules" / "languages").glob("*.yaml")), problems)
    if problems:
        raise SystemExit("\n".join(problems))
    return profiles


def split(text: str, profile: LanguageProfile) -> list[str]:
    return [
        text[a:b]
        for a, b in sentence_spans(text, 0, len(text), profile.abbreviations, profile.numeral_abbreviations)
    ]


def stopword_language(text: str, profiles: dict[str, LanguageProfile]) -> str:
    tokens = [w.lower() for w in words(text)]
    counts = {code: sum(t in p.stopwords for t in tokens) for code, p in profiles.items()}
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if best[0][1] >= 8 and best[0][1] >= 1.5 * best[1][1]:
        return best[0][0]
    return "und"


def page_article(page_txt: Path, shared: Path, key: str, profile: LanguageProfile, seen: set[str]):
    """(key, source, [(text, line)]) for the BODY lines of a labeled page."""
    labels_path = page_txt.with_name(page_txt.name[: -len(".txt")] + ".labels.jsonl")
    rows = [json.loads(x) for x in labels_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    sentences = []
    for row in rows:
        if row["label"] != "BODY" or len(words(row["text"])) < MIN_WORDS:
            continue
        for s in split(row["text"], profile):
            if len(words(s)) >= MIN_WORDS and norm(s) not in seen:
                sentences.append((s, row["line"]))
    return key, str(page_txt.relative_to(shared)), sentences


def record_article(record: dict, source: str, profile: LanguageProfile, seen: set[str]):
    sentences = []
    for paragraph in record["text"].split("\n"):
        if len(words(paragraph)) < MIN_WORDS:
            continue
        for s in split(paragraph, profile):
            if len(words(s)) >= MIN_WORDS and norm(s) not in seen:
                sentences.append((s, None))
    return f"clean:{record['id']}", source, sentences


def daniel_pages(
    shared: Path,
    profile: LanguageProfile,
    seen: set[str],
    rng: random.Random,
    sites: set[str],
    skip: set[str],
) -> list:
    """English pages of corpus/daniel/traf_default in seeded order, one per site (sites in `sites` and
    pages in `skip`, paths relative to `shared`, left out)."""
    daniel = shared / "corpus" / "daniel"
    daniel_langs = json.loads((daniel / "languages.json").read_text())
    names = sorted(page for page, lang in daniel_langs.items() if lang == "en")
    rng.shuffle(names)
    out, sites = [], set(sites)
    for page in names:
        site = page.rsplit("-", 1)[0]
        txt = daniel / "traf_default" / f"{page}.txt"
        if site in sites or not txt.exists() or str(txt.relative_to(shared)) in skip:
            continue
        sites.add(site)
        out.append(page_article(txt, shared, f"daniel:{page}", profile, seen))
    return out


def norm(text: str) -> str:
    return " ".join(words(text.lower()))


def draw(kinds: list[list], target: int) -> list:
    """Alternate one article of each kind (each list already in seeded order) until target sentences."""
    chosen, total, cursors = [], 0, [0] * len(kinds)
    while total < target and any(c < len(k) for c, k in zip(cursors, kinds, strict=True)):
        for i, kind in enumerate(kinds):
            while cursors[i] < len(kind):
                article = kind[cursors[i]]
                cursors[i] += 1
                if 0 < len(article[2]) <= MAX_SENTENCES:
                    chosen.append(article)
                    total += len(article[2])
                    break
            if total >= target:
                break
    return chosen


def rows_of(articles: list, language: str) -> list[dict]:
    out = []
    for key, source, sentences in articles:
        texts = [s for s, _ in sentences]
        for n, (text, line) in enumerate(sentences):
            out.append(
                {
                    "id": f"{key}#{n + 1}",
                    "article": key,
                    "text": text,
                    "prev": texts[n - 1] if n > 0 else "",
                    "next": texts[n + 1] if n + 1 < len(texts) else "",
                    "language": language,
                    "source": source,
                    "line": line,
                }
            )
    return out


def write_jsonl(path: Path | str, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def agreement_sample(rows: list[dict], rng: random.Random, size: int) -> list[dict]:
    """Round-robin over the articles (seeded order), one random sentence per article per round."""
    by_article: dict[str, list[dict]] = {}
    for r in rows:
        by_article.setdefault(r["article"], []).append(r)
    keys = sorted(by_article)
    rng.shuffle(keys)
    pools = {k: rng.sample(by_article[k], len(by_article[k])) for k in keys}
    picked: list[dict] = []
    while len(picked) < size and any(pools.values()):
        for k in keys:
            if pools[k] and len(picked) < size:
                picked.append(pools[k].pop())
    picked.sort(key=lambda r: (r["article"], int(r["id"].rsplit("#", 1)[1])))
    return [{"id": r["id"], "text": r["text"], "prev": r["prev"], "next": r["next"]} for r in picked]


def parse_args(
    doc: str, out: str, sample: str, seed: int | None, sets: tuple[str, ...] = ()
) -> argparse.Namespace:
    """The drawing scripts' common options: --shared, --out, --sample, --seed, and --set
    when a script draws one of several named sets (the first is the default)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    if sets:
        ap.add_argument("--set", choices=sets, default=sets[0])
    ap.add_argument("--shared", default="/work/shared")
    ap.add_argument("--out", default=out)
    ap.add_argument("--sample", default=sample)
    ap.add_argument("--seed", type=int, default=seed)
    return ap.parse_args()


def main() -> None:
    args = parse_args(
        __doc__,
        "/tmp/claims-unlabeled",
        str(ROOT / "bench" / "data" / "claims-agreement-sample.jsonl"),
        20261202,
    )
    shared = Path(args.shared)
    corpus = shared / "corpus"
    profiles = load_profiles()
    rng = random.Random(args.seed)

    dev_path = ROOT / "bench" / "data" / "claims-dev.jsonl"
    dev = [json.loads(x) for x in dev_path.read_text(encoding="utf-8").splitlines() if x]
    dev_sources = {r["source"] for r in dev}
    seen = {norm(r["text"]) for r in dev}

    def clean_records(lang: str, genres: set[str]) -> list[dict]:
        path = corpus / "clean" / f"{lang}.jsonl"
        recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        recs = [r for r in recs if r["genre"] in genres]
        recs.sort(key=lambda r: r["id"])
        rng.shuffle(recs)
        return recs

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    summary = {}

    # English
    traf = corpus / "residue" / "traf_default"
    pages = []
    for txt in sorted(traf.glob("*.txt")):
        rel = str(txt.relative_to(shared))
        if rel in dev_sources:
            continue
        art = page_article(txt, shared, f"traf:{txt.stem[:16]}", profiles["en"], seen)
        if stopword_language(" ".join(s for s, _ in art[2]), profiles) == "en":
            pages.append(art)
    rng.shuffle(pages)
    # Only a handful of English traf_default pages are not in claims-dev.jsonl:
    # the scraped kind is topped up with English pages of corpus/daniel
    # (traf_default, same layout and labels; 2011-2012 news), one page per site.
    pages += daniel_pages(shared, profiles["en"], seen, rng, set(), dev_sources)
    records = [
        record_article(r, "corpus/clean/en.jsonl", profiles["en"], seen)
        for r in clean_records("en", {"news", "finance"})
    ]
    en_rows = rows_of(draw([pages, records], TARGETS["en"]), "en")

    # French and German
    langs = json.loads((corpus / "fr-de" / "languages.json").read_text())
    frde = corpus / "fr-de" / "residue" / "traf"
    lang_rows = {"en": en_rows}
    for lang in ("fr", "de"):
        lp = [
            page_article(frde / f"{page}.txt", shared, f"frde:{page}", profiles[lang], seen)
            for page in sorted(langs)
            if langs[page] == lang
        ]
        rng.shuffle(lp)
        recs = [
            record_article(r, f"corpus/clean/{lang}.jsonl", profiles[lang], seen)
            for r in clean_records(lang, {"news"})
        ]
        lang_rows[lang] = rows_of(draw([lp, recs], TARGETS[lang]), lang)

    for lang, rows in lang_rows.items():
        write_jsonl(out / f"{lang}.jsonl", rows)
        kinds = Counter(r["article"].split(":")[0] for r in rows)
        arts = Counter(r["article"].split(":")[0] for r in {r["article"]: r for r in rows}.values())
        summary[lang] = {"sentences": len(rows), "by_kind": dict(kinds), "articles": dict(arts)}

    sample = agreement_sample(en_rows, random.Random(args.seed + 1), SAMPLE_SIZE)
    write_jsonl(args.sample, sample)
    summary["agreement_sample"] = len(sample)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
