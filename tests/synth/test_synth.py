"""Tests for the synthetic job-ad generator and the committed dataset."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pytest

from redflag.errors import RedflagError
from redflag.synth import generate, write_csv
from redflag.synth.data import CATEGORIES
from redflag.synth.data import bank
from redflag.synth.dataset import COLUMNS, _networks, make_row, rows_to_csv
from redflag.synth.langs import available

DATA = Path(__file__).resolve().parents[2] / "data" / "synthetic"
SEED, N = 20261128, 20000
TYPES = {"labour", "sexual", "fraud", "none"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return generate(1500, 7)


def test_deterministic_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert write_csv(a, 300, 42) == 300
    write_csv(b, 300, 42)
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    assert rows_to_csv(generate(50, 43)) != rows_to_csv(generate(50, 42))


def test_prefix_stable() -> None:
    assert generate(40, 5) == generate(120, 5)[:40]


def test_spans_are_exact_substrings(rows: list[dict]) -> None:
    for r in rows:
        for s in r["spans"]:
            assert r["text"][s["start"] : s["end"]] == s["text"], r["id"]
            assert s["text"] and s["text"] == s["text"].strip()
            assert s["category"] in CATEGORIES


def test_labels_types_and_spans_consistent(rows: list[dict]) -> None:
    for r in rows:
        assert r["label"] in (0, 1)
        assert r["type"] in TYPES
        assert (r["type"] == "none") == (r["label"] == 0)
        assert bool(r["spans"]) == bool(r["label"]), r["id"]
        assert re.fullmatch(r"syn-\d{6}", r["id"])
        assert r["family"] and r["source"]


def test_class_and_type_mix(rows: list[dict]) -> None:
    pos = [r for r in rows if r["label"] == 1]
    assert 0.37 <= len(pos) / len(rows) <= 0.49
    share = {t: sum(r["type"] == t for r in pos) / len(pos) for t in ("labour", "fraud", "sexual")}
    assert 0.28 <= share["labour"] <= 0.42 and 0.38 <= share["fraud"] <= 0.52 and 0.14 <= share["sexual"] <= 0.26


def test_hard_negatives_exist(rows: list[dict]) -> None:
    legit = [r["text"].lower() for r in rows if r["label"] == 0]
    for word in ("passport", "fee", "accommodation", "visa", "whatsapp", "work from home"):
        assert sum(word in t for t in legit) >= 5, word


def test_variety_of_lengths_and_sources(rows: list[dict]) -> None:
    for label in (0, 1):
        lens = sorted(len(r["text"]) for r in rows if r["label"] == label)
        assert lens[0] < 200 and lens[-1] > 1800
    assert len({r["source"] for r in rows}) >= 6
    assert len({r["family"] for r in rows}) >= 20


def test_lengths_overlap_and_long_postings_in_both_classes(rows: list[dict]) -> None:
    lens = {label: sorted(len(r["text"]) for r in rows if r["label"] == label) for label in (0, 1)}
    q = {label: (v[len(v) // 4], v[len(v) // 2], v[3 * len(v) // 4]) for label, v in lens.items()}
    assert q[1][2] > q[0][1] and q[0][0] < q[1][1]  # interquartile ranges overlap around the medians
    assert 0.5 <= q[1][1] / q[0][1] <= 1.5
    assert lens[0][-1] > 5000 and lens[1][-1] > 5000
    assert sum(n > 4000 for n in lens[1]) >= 3


def test_obfuscation_is_a_minority_of_suspicious_ads(rows: list[dict]) -> None:
    pos = [r["text"] for r in rows if r["label"] == 1]
    share = sum(bool(re.search(r"[аеорсхі]|p@ss|W h a t", t)) for t in pos) / len(pos)
    assert 0.0 < share < 0.25


def test_broad_corporate_vocabulary_in_both_classes(rows: list[dict]) -> None:
    for label in (0, 1):
        texts = [r["text"].lower() for r in rows if r["label"] == label]
        for phrase in ("equal opportunity", "responsibilities", "bachelor", "benefits"):
            assert sum(phrase in t for t in texts) >= 3, (label, phrase)


def test_networks_share_contacts(rows: list[dict]) -> None:
    nets = [n for group in _networks(7, bank()).values() for n in group]
    contacts = {n.overrides[k] for n in nets for k in ("phone", "handle", "free_email") if n.overrides[k]}
    counts = {c: sum(c in r["text"] for r in rows if r["label"]) for c in contacts}
    assert max(counts.values()) >= 3
    assert sum(v >= 2 for v in counts.values()) >= 10


def committed_langs() -> tuple[str, ...]:
    """The languages of the committed data set's messages (read from it, English postings aside)."""
    with (DATA / "ads.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(sorted({r["lang"] for r in csv.DictReader(fh)}))


def test_committed_csv_matches_regeneration() -> None:
    path = DATA / "ads.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        committed = [row for _, row in zip(range(400), reader)]
    assert tuple(header) == COLUMNS
    langs = committed_langs()
    regen = list(csv.reader(rows_to_csv(generate(400, SEED, langs)).splitlines(keepends=True)))[1:]
    assert committed == regen
    assert sum(1 for _ in path.open(encoding="utf-8", newline="")) > N  # header + rows (some multi-line)
    last = list(csv.reader(path.open(encoding="utf-8", newline="")))[-1]
    assert last[0] == f"syn-{N:06d}"
    row = make_row(SEED, N - 1, bank(), _networks(SEED, bank()), langs)
    assert last[1] == row["text"] and json.loads(last[6]) == row["spans"] and last[7] == row["lang"]


def test_committed_csv_holds_every_language_in_both_classes() -> None:
    from collections import Counter

    with (DATA / "ads.csv").open(encoding="utf-8", newline="") as fh:
        counts = Counter((r["lang"], r["label"]) for r in csv.DictReader(fh))
    langs = committed_langs()
    assert "en" in langs and set(langs) <= set(available())
    for lang in langs:
        assert counts[(lang, "0")] >= 150 and counts[(lang, "1")] >= 100, (lang, counts[(lang, "0")], counts[(lang, "1")])


def test_languages_can_be_chosen_and_unknown_ones_are_refused() -> None:
    rows = generate(300, SEED, ["de", "zh"])
    assert {r["lang"] for r in rows} == {"en", "de", "zh"}
    assert [r["text"] for r in generate(50, SEED, list(available()))] == [r["text"] for r in generate(50, SEED)]
    with pytest.raises(RedflagError, match="no synthetic templates for language xx"):
        generate(5, SEED, ["de", "xx"])
