"""Tests for the per-language chat messages and short postings of the synthetic data."""

from __future__ import annotations

import csv
import random
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from redflag.rules.loader import ANY, builtin_packs
from redflag.synth.compose import parse_marked
from redflag.synth.data import CATEGORIES
from redflag.synth.dataset import lang_row
from redflag.synth.langs import BAD_TYPES, MINIMUM, available, load, message, problems

LANGS = available()
SUPPORTED = {p.language for p in builtin_packs()} - {ANY}


def _raw(code: str) -> dict:
    return tomllib.loads(resources.files("redflag.synth").joinpath("templates", "langs", f"{code}.toml").read_text(encoding="utf-8"))


# Languages whose templates are written but whose messages the committed data set (and so the
# shipped model) does not hold yet (tests/model/test_parallel.py marks the model's drift on them).
NOT_YET_GENERATED = {"hi", "zh"}


def test_every_supported_language_has_a_file() -> None:
    assert SUPPORTED and SUPPORTED <= set(LANGS)


def test_the_committed_data_leaves_out_only_the_languages_named_here() -> None:
    with (Path(__file__).resolve().parents[2] / "data" / "synthetic" / "ads.csv").open(encoding="utf-8", newline="") as fh:
        in_data = {r["lang"] for r in csv.DictReader(fh)}
    assert set(LANGS) - in_data == NOT_YET_GENERATED  # drop a language here once the data set is rebuilt with it


@pytest.mark.parametrize("code", LANGS)
def test_file_is_sound(code: str) -> None:
    assert problems(_raw(code), code) == []


def test_problems_are_named() -> None:
    raw = {"lang": "xx", "vocab": {"who": ["Ana"]},
           "chat": {"scam": ["no mark here {who}", "<<nope:bad>> {missing}"], "honest": ["<<fees:marked>>"]}, "post": {}}
    found = "\n".join(problems(raw, "xx"))
    assert "no <<category:...>> mark" in found
    assert "unknown category 'nope'" in found
    assert "unknown slot {missing}" in found
    assert "an honest entry carries a mark" in found
    assert "chat.sexual has 0 distinct entries" in found


@pytest.mark.parametrize("code", LANGS)
@pytest.mark.parametrize("shape", ("chat", "post"))
def test_messages_are_marked_only_when_bad(code: str, shape: str) -> None:
    lb, rng = load(code), random.Random(code + shape)
    for kind in (*BAD_TYPES, "honest"):
        for _ in range(20):
            segs = parse_marked(message(rng, lb, kind, shape))
            cats = {c for _, c in segs if c}
            assert bool(cats) == (kind != "honest"), (kind, segs)
            assert cats <= set(CATEGORIES)
            text = "".join(t for t, _ in segs)
            assert "{" not in text and "<<" not in text and "[" not in text.replace("[at]", "")


def test_minimum_counts_cover_every_kind() -> None:
    assert set(BAD_TYPES) <= set(MINIMUM["chat"]) and set(BAD_TYPES) <= set(MINIMUM["post"])


def test_lang_rows_are_deterministic_and_exact() -> None:
    for i in range(60):
        a, b = lang_row(9, i, LANGS), lang_row(9, i, LANGS)
        assert a == b
        assert a["lang"] in LANGS and a["family"].split("-")[0] in ("chat", "post")
        assert bool(a["spans"]) == bool(a["label"])
        for s in a["spans"]:
            assert a["text"][s["start"]:s["end"]] == s["text"]
