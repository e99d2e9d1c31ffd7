"""The labeled residue pages of ../shared/corpus, with the site each page came
from, so that benchmarks and training split pages into folds by site.

Sets: `residue/` (ScrapingHub benchmark pages, mostly English), `fr-de/residue/`
(French and German) and `daniel/` (five languages, 297 sites), each in a naive
variant (every visible block around the article) and a trafilatura one.

Sites: `daniel/` names pages `<site>-<hash>`; `fr-de/` names them
`<domain>.<slug>`; `residue/` names them by a hash only, so pages that share
three or more residue lines of ten characters or more (the same navigation,
footer or subscription lines) are taken to be one site.  Folds are assigned by
a hash of the site name: deterministic, and the same site always lands in the
same fold whatever else is added.

Corrections: bench/data/residue-label-corrections.jsonl overrides a label
that is plainly wrong by the corpus's own label rules, one line at a time,
each with its reason; benchmarks, training, the measured table and the fix
test all read the corrected labels.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import regex

_WWW_RE = regex.compile(r"^(?:www\d*|m|mobile)[-.]")
CORRECTIONS = Path(__file__).resolve().parent / "data" / "residue-label-corrections.jsonl"


def corrections(path: Path = CORRECTIONS) -> dict[str, dict[int, bool]]:
    """Page (its path under corpus/, without .txt) -> line -> corrected label (True: residue)."""
    result: dict[str, dict[int, bool]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            item = json.loads(raw)
            result.setdefault(item["page"], {})[item["line"]] = item["label"] == "RESIDUE"
    return result


@dataclass(frozen=True)
class Page:
    corpus: str  # residue | fr-de | daniel
    variant: str  # naive | traf
    name: str
    site: str
    lang: str | None  # None: let artlint detect it
    text: str
    labels: dict[int, bool]  # 1-based line -> is residue
    path: str = ""  # the page's text file, relative to corpus/, without ".txt"

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.variant}/{self.name}"


def fold_of(site: str, folds: int) -> int:
    digest = hashlib.sha1(site.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % folds


def _read_labels(path: Path) -> dict[int, bool]:
    labels: dict[int, bool] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            item = json.loads(raw)
            labels[item["line"]] = item["label"] == "RESIDUE"
    return labels


def _pages_in(folder: Path) -> Iterator[tuple[str, str, dict[int, bool]]]:
    for labels_path in sorted(folder.glob("*.labels.jsonl")):
        stem = labels_path.name.removesuffix(".labels.jsonl")
        text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
        yield stem, text, _read_labels(labels_path)


def _normalise_site(site: str) -> str:
    return _WWW_RE.sub("", site.lower())


def _scrapinghub_sites(folder: Path) -> dict[str, str]:
    """Page name -> site: pages sharing >= 3 distinct residue lines are one site."""
    lines_of: dict[str, set[str]] = {}
    for stem, text, labels in _pages_in(folder):
        lines = text.split("\n")
        lines_of[stem] = {
            " ".join(lines[n - 1].split()).lower()
            for n, residue in labels.items()
            if residue and n <= len(lines) and len(lines[n - 1].strip()) >= 10
        }
    parent = {name: name for name in lines_of}

    def find(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    pages_with: dict[str, list[str]] = defaultdict(list)
    for name, lines in lines_of.items():
        for line in lines:
            pages_with[line].append(name)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for names in pages_with.values():
        if 2 <= len(names) <= 20:  # a line on very many pages is generic ("Advertisement")
            for i, a in enumerate(names):
                for b in names[i + 1 :]:
                    shared[(a, b)] += 1
    for (a, b), count in shared.items():
        if count >= 3:
            parent[find(a)] = find(b)
    return {name: "sh-" + find(name)[:12] for name in lines_of}


def load_pages(shared: Path, corpora: tuple[str, ...] = ("residue", "fr-de", "daniel")) -> list[Page]:
    corpus = shared / "corpus"
    pages: list[Page] = []
    if "residue" in corpora:
        # Both variants are the same pages: group them by the naive text's sites.
        sites = _scrapinghub_sites(corpus / "residue" / "naive")
        for variant, folder in (("naive", "naive"), ("traf", "traf_default")):
            for stem, text, labels in _pages_in(corpus / "residue" / folder):
                pages.append(Page("residue", variant, stem, sites.get(stem, stem), None, text, labels))
    if "fr-de" in corpora:
        languages = json.loads((corpus / "fr-de" / "languages.json").read_text(encoding="utf-8"))
        for variant in ("naive", "traf"):
            for stem, text, labels in _pages_in(corpus / "fr-de" / "residue" / variant):
                site = _normalise_site(stem.rsplit(".", 1)[0])
                pages.append(Page("fr-de", variant, stem, site, languages.get(stem), text, labels))
    if "daniel" in corpora:
        languages = json.loads((corpus / "daniel" / "languages.json").read_text(encoding="utf-8"))
        for variant, folder in (("naive", "naive"), ("traf", "traf_default")):
            for stem, text, labels in _pages_in(corpus / "daniel" / folder):
                site = _normalise_site(stem.rsplit("-", 1)[0])
                pages.append(Page("daniel", variant, stem, site, languages.get(stem), text, labels))
    fixed = corrections()
    for index, page in enumerate(pages):
        folder = {"residue": "residue", "fr-de": "fr-de/residue", "daniel": "daniel"}[page.corpus]
        traf = "traf" if page.corpus == "fr-de" else "traf_default"
        variant = {"naive": "naive", "traf": traf}[page.variant]
        path = f"{folder}/{variant}/{page.name}"
        pages[index] = replace(page, path=path, labels={**page.labels, **fixed.get(path, {})})
    return pages


def set_name(page: Page) -> str:
    """The row a page is reported in: corpus, variant and (for fr-de and daniel) language."""
    if page.corpus == "residue":
        return f"residue/{page.variant}"
    return f"{page.corpus}/{page.variant} {page.lang}"
