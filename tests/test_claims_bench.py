"""The claims bench's own machinery (bench/quality_claims.py and the scripts that draw and
adjudicate its blind samples), on small fake samples: what is printed, what is held out,
how two labelings become gold labels, and the intervals."""

from __future__ import annotations

import importlib
import json
import random
import statistics
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

from artlint.api import Linter
from artlint.config import Config

SENTENCES = [
    ("Critics have long argued that the tariffs hurt farmers.", "weasel"),
    ("The minister said the tariffs would stay.", "attributed"),
    ("Shares rose 2% on Monday.", "none"),
]


def _bench(monkeypatch: pytest.MonkeyPatch, name: str) -> ModuleType:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    return importlib.import_module(name)


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture()
def sample(tmp_path: Path) -> tuple[Path, Path, list[dict]]:
    """(shared folder, data folder, rows): one article's three sentences under two article
    keys, "f" in the fresh sample's blind half and "a" in its read half."""
    article = tmp_path / "shared" / "news" / "a.txt"
    article.parent.mkdir(parents=True)
    article.write_text(" ".join(text for text, _ in SENTENCES) + "\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    rows = [
        {
            "id": f"{key}#{n}",
            "article": key,
            "text": text,
            "language": "en",
            "label": label,
            "source": "news/a.txt",
            "line": 1,
        }
        for key in ("f", "a")
        for n, (text, label) in enumerate(SENTENCES)
    ]
    return tmp_path / "shared", data, rows


LINTER = Linter.from_config(Config(select=("claims", "sourcing")))


def test_a_fresh_blind_sample_is_scored_on_its_own(
    sample: tuple[Path, Path, list[dict]], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fresh sample gets two tables of its own, its blind half first, and only its read
    half's errors are ever listed."""
    quality_claims = _bench(monkeypatch, "quality_claims")
    shared, data, rows = sample
    assert [quality_claims.fresh_half(r) for r in rows[::3]] == ["blind", "read"]
    assert quality_claims.fresh_table(LINTER, shared, data) is None
    _write(data / "claims-fresh-en.jsonl", rows)
    table, meets = quality_claims.fresh_table(LINTER, shared, data)
    blind, read = table.split("-- fresh (claims-fresh-en.jsonl), read half")
    assert blind.startswith("-- fresh (claims-fresh-en.jsonl), blind half: labeled without reading the rules")
    assert ": 3 sentences --" in blind and ": 3 sentences --" in read
    for half in (blind, read):
        assert "| en | 3 | 1.00 (1/1) | 1.00 (1/1) | 1.00 (1/1) | 0.00 (0/1) |" in half
    assert meets
    missed = [
        {**rows[0], "text": "Shares rose 2% on Monday, in the blind half.", "label": "weasel"},
        {**rows[3], "text": "Shares rose 2% on Monday, in the read half.", "label": "weasel"},
    ]
    quality_claims._errors(missed, [set(), set()], "fresh-read")
    listed = capsys.readouterr().out
    assert "in the read half" in listed and "in the blind half" not in listed


def test_gold_labels_are_the_adjudicated_ones_where_two_labelings_disagree(
    sample: tuple[Path, Path, list[dict]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ruling replaces the first label of a sentence the second labeling disagrees on; the
    blind half is printed on gold labels and on the first labeler's."""
    quality_claims = _bench(monkeypatch, "quality_claims")
    shared, data, rows = sample
    _write(data / "claims-fresh-en.jsonl", rows)
    second = [{"id": r["id"], "label": r["label"], "note": ""} for r in rows]
    second[1]["label"] = "weasel"  # the second labeler heard a weasel in the minister's sentence
    _write(data / "claims-fresh-relabel.jsonl", second)
    ruling = {"id": rows[1]["id"], "label": "weasel", "first": "attributed", "second": "weasel", "ruling": ""}
    _write(data / "claims-fresh-adjudicated.jsonl", [ruling])
    gold = quality_claims.load_gold(quality_claims.FRESH, data)
    assert [r["label"] for r in gold] == ["weasel", "weasel", "none", "weasel", "attributed", "none"]
    assert quality_claims.load_gold(quality_claims.FRESH, data, gold=False) == quality_claims.load_rows(
        quality_claims.FRESH.files, data
    )
    table, meets = quality_claims.fresh_table(LINTER, shared, data)
    gold_table, first, read = table.split("-- fresh")[1:]
    assert gold_table.startswith(" (claims-fresh-en.jsonl), blind half (adjudicated labels): labeled without")
    assert "| en | 3 | 1.00 (1/1) | 0.50 (1/2) | 1.00 (1/1) | n/a |" in gold_table
    assert first.startswith(", blind half, the first labeler's labels alone: 3 sentences")
    assert "| en | 3 | 1.00 (1/1) | 1.00 (1/1) | 1.00 (1/1) | 0.00 (0/1) |" in first
    assert read.startswith(" (claims-fresh-en.jsonl), read half (adjudicated labels): its errors")
    assert not meets  # recall 0.50 on the gold labels


@pytest.mark.parametrize(
    ("second_label", "ruling", "complaint"),
    [
        # both labeled the minister's sentence alike: nothing to rule on
        ("attributed", ("attributed", "attributed"), "a ruling must be on a disagreement"),
        # the labels changed since the ruling: it is stale
        ("weasel", ("none", "weasel"), "a ruling must be on a disagreement as it stands"),
        # a disagreement nobody ruled on
        ("weasel", None, "no ruling for 1 disagreement"),
    ],
)
def test_a_ruling_never_overrides_an_agreed_or_changed_label(
    sample: tuple[Path, Path, list[dict]],
    monkeypatch: pytest.MonkeyPatch,
    second_label: str,
    ruling: tuple[str, str] | None,
    complaint: str,
) -> None:
    quality_claims = _bench(monkeypatch, "quality_claims")
    _shared, data, rows = sample
    _write(data / "claims-fresh-en.jsonl", rows)
    second = [{"id": r["id"], "label": r["label"]} for r in rows]
    second[1]["label"] = second_label
    _write(data / "claims-fresh-relabel.jsonl", second)
    rulings = (
        []
        if ruling is None
        else [{"id": rows[1]["id"], "label": "weasel", "first": ruling[0], "second": ruling[1]}]
    )
    _write(data / "claims-fresh-adjudicated.jsonl", rulings)
    with pytest.raises(ValueError, match=complaint):
        quality_claims.load_gold(quality_claims.FRESH, data)


def test_fresh2_is_scored_whole_in_a_table_of_its_own(
    sample: tuple[Path, Path, list[dict]], monkeypatch: pytest.MonkeyPatch
) -> None:
    quality_claims = _bench(monkeypatch, "quality_claims")
    shared, data, rows = sample
    assert quality_claims.fresh2_table(LINTER, shared, data) is None
    _write(data / "claims-fresh2-en.jsonl", rows[:3])
    table, meets = quality_claims.fresh2_table(LINTER, shared, data)
    assert table.startswith(
        "-- fresh2 (claims-fresh2-en.jsonl), all of it: labeled blind while the last rules"
    )
    assert "adjudicated" not in table and "first labeler" not in table
    assert "| en | 3 | 1.00 (1/1) | 1.00 (1/1) | 1.00 (1/1) | 0.00 (0/1) |" in table
    assert meets
    _write(data / "claims-fresh2-relabel.jsonl", [{"id": rows[1]["id"], "label": "weasel"}])
    ruling = {"id": rows[1]["id"], "label": "weasel", "first": "attributed", "second": "weasel"}
    _write(data / "claims-fresh2-adjudicated.jsonl", [ruling])
    table, meets = quality_claims.fresh2_table(LINTER, shared, data)
    gold, first = table.split("-- fresh2, all of it, the first labeler's labels alone: 3 sentences --")
    assert "all of it (adjudicated labels)" in gold and "| en | 3 | 1.00 (1/1) | 0.50 (1/2) |" in gold
    assert "| en | 3 | 1.00 (1/1) | 1.00 (1/1) |" in first
    assert not meets
    # the held-out articles are left out of the corpus/clean rates: fresh2's, the blind half's
    assert quality_claims.held_out_articles(data) == {"f"}


def test_the_disagreements_for_the_adjudicator_carry_context_and_both_labels(
    sample: tuple[Path, Path, list[dict]], monkeypatch: pytest.MonkeyPatch
) -> None:
    claims_disagreements = _bench(monkeypatch, "claims_disagreements")
    quality_claims = _bench(monkeypatch, "quality_claims")
    _shared, data, rows = sample
    _write(data / "claims-fresh-en.jsonl", rows)
    _write(
        data / "claims-fresh-relabel.jsonl",
        [
            {"id": rows[1]["id"], "label": "weasel", "note": "the minister's aides?"},
            {"id": "x#9", "label": "none"},
        ],
    )
    (only,) = claims_disagreements.disagreements(quality_claims.FRESH, data)
    assert only == {
        "id": "f#1",
        "language": "en",
        "text": SENTENCES[1][0],
        "prev": SENTENCES[0][0],
        "next": SENTENCES[2][0],
        "first": "attributed",
        "first_note": "",
        "second": "weasel",
        "second_note": "the minister's aides?",
    }
    # an id labeled a second time in two files is a data error, not a silent choice
    _write(data / "claims-fresh-agreement-relabel.jsonl", [{"id": rows[1]["id"], "label": "none"}])
    with pytest.raises(ValueError, match="labeled a second time in two files"):
        claims_disagreements.disagreements(quality_claims.FRESH, data)


def test_a_fresh_set_skips_the_sets_drawn_before_it_and_never_those_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench/claims_fresh.py: `fresh` must redraw the same rows once fresh2 exists."""
    claims_fresh = _bench(monkeypatch, "claims_fresh")
    for name, article in (("claims-en", "dev"), ("claims-fresh-en", "one"), ("claims-fresh2-en", "two")):
        _write(
            tmp_path / f"{name}.jsonl",
            [{"id": f"{article}#1", "article": article, "text": f"About {article}."}],
        )
    assert claims_fresh.labeled_sets(tmp_path, "fresh")[0] == {"dev"}
    assert claims_fresh.labeled_sets(tmp_path, "fresh2")[0] == {"dev", "one"}


def test_the_weasel_figures_carry_an_article_bootstrap_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    """interval_lines(): a 90% interval from resampling articles (fixed seed), the same as a
    reference computed here; zero width when every article is alike; none for one article."""
    quality_claims = _bench(monkeypatch, "quality_claims")
    weasel = {"claims.weasel-attribution"}
    # four articles: two found weasels, one missed, one wrong finding on an attributed sentence
    labels = ("weasel", "weasel", "weasel", "attributed")
    rows = [{"article": key, "label": label} for key, label in zip("abcd", labels, strict=True)]
    predictions = [weasel, weasel, set(), weasel]
    (line,) = quality_claims.interval_lines(rows, predictions)
    # the reference: articles drawn with replacement, P = found / flagged, R = found / weasels
    counts = [(1, 1, 1), (1, 1, 1), (0, 0, 1), (0, 1, 0)]  # (found, flagged, weasel) per article
    rng = random.Random(20261202)
    precision, recall = [], []
    for _ in range(quality_claims.BOOTSTRAP_DRAWS):
        drawn = rng.choices(counts, k=4)
        found, flagged, gold = (sum(c[i] for c in drawn) for i in range(3))
        if flagged:
            precision.append(found / flagged)
        if gold:
            recall.append(found / gold)
    p = statistics.quantiles(precision, n=20, method="inclusive")
    r = statistics.quantiles(recall, n=20, method="inclusive")
    assert line.startswith("all, 90% interval (4 articles resampled 2000 times): ")
    assert f"weasel P {p[0]:.2f}-{p[-1]:.2f}" in line and f"R {r[0]:.2f}-{r[-1]:.2f}" in line
    assert p[0] < 2 / 3 < p[-1]
    alike = [{"article": key, "label": "weasel"} for key in "abcd"]
    assert quality_claims.interval_lines(alike, [weasel] * 4) == [
        "all, 90% interval (4 articles resampled 2000 times): weasel P 1.00-1.00, R 1.00-1.00"
    ]
    assert quality_claims.interval_lines(rows[:1], predictions[:1]) == []


def test_the_agreement_of_two_labelers_is_measured_with_kappa(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench/quality_claims.py agreement(): observed agreement and Cohen's kappa of a sample
    labeled twice (four sentences of a fake sample, one disagreement)."""
    quality_claims = _bench(monkeypatch, "quality_claims")
    labels = ["weasel", "attributed", "none", "none"]
    first = [
        {
            "id": f"a#{n}",
            "article": "a",
            "text": f"Sentence {n}.",
            "language": "en",
            "label": label,
            "source": "a",
        }
        for n, label in enumerate(labels)
    ]
    (tmp_path / "claims-en.jsonl").write_text("".join(json.dumps(r) + "\n" for r in first), encoding="utf-8")
    second = [{"id": r["id"], "label": r["label"]} for r in first]
    second[0]["label"] = "none"  # the second labeler saw no weasel in the first sentence
    (tmp_path / "claims-agreement-relabel.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in second), encoding="utf-8"
    )
    (line,) = quality_claims.agreement(tmp_path)
    # observed 3/4; expected (1*0 + 1*1 + 2*3) / 16 = 7/16; kappa (12/16 - 7/16) / (9/16) = 5/9
    assert "4 sentences, agree 0.75, kappa 0.56; weasel: first 1, second 0, both 0 (F1 0.00)" in line
