"""The word lists in entities/data/: each loads, says where it comes from, and is well-formed."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from redflag.entities import money
from redflag.entities.base import MESSAGING_KINDS
from redflag.entities.data import table, word_list

DATA = files("redflag.entities") / "data"
TEXT_LISTS = sorted(p.name[:-4] for p in DATA.iterdir() if p.name.endswith(".txt"))
TABLES = sorted(p.name[:-5] for p in DATA.iterdir() if p.name.endswith(".toml"))


def test_every_data_file_is_a_list_or_a_table():
    names = {p.name for p in DATA.iterdir() if not p.name.startswith((".", "_"))}
    assert names == {n + ".txt" for n in TEXT_LISTS} | {n + ".toml" for n in TABLES}
    assert len(TEXT_LISTS) >= 8 and len(TABLES) >= 4


@pytest.mark.parametrize("name", TEXT_LISTS + TABLES)
def test_every_file_opens_with_a_note_on_its_source(name):
    path = DATA / (name + (".txt" if name in TEXT_LISTS else ".toml"))
    head = path.read_text(encoding="utf-8").splitlines()[:2]
    assert all(line.startswith("# ") for line in head), name


@pytest.mark.parametrize("name", TEXT_LISTS)
def test_word_lists_hold_unique_lower_case_items(name):
    items = word_list(name)
    assert items and len(items) == len(set(items)), name
    assert all(item == item.lower() and item == item.strip() and " " not in item for item in items), name


def test_loaded_once():
    assert word_list("tlds") is word_list("tlds")
    assert table("countries") is table("countries")


def test_countries_give_each_demonym_one_country():
    places = table("countries")
    demonyms = [d for names in places["demonyms"].values() for d in names]
    assert len(demonyms) == len(set(demonyms))
    assert all(d == d.lower() for d in demonyms)
    assert set(places["aliases"].values()) <= set(places["demonyms"])


def test_currencies_are_iso_codes():
    cur = table("currencies")
    assert len(cur["codes"]) == len(set(cur["codes"]))
    assert all(re.fullmatch(r"[a-z]{3}", c) for c in cur["codes"])
    assert all(re.fullmatch(r"[A-Z]{3}", v) for v in (*cur["symbols"].values(), *cur["words"].values()))
    # every single-character symbol in the table is one the amount patterns anchor on
    assert {s for s in cur["symbols"] if len(s) == 1} == set(money._CURRENCY_SYMBOLS)


def test_messaging_hosts_name_known_kinds():
    hosts = table("messaging_hosts")
    assert set(hosts) <= MESSAGING_KINDS
    flat = [h for hs in hosts.values() for h in hs]
    assert len(flat) == len(set(flat)) and all("." in h for h in flat)


def test_number_words_and_gender_words():
    assert len(word_list("number_words")) == 10
    genders = table("gender_words")
    assert set(genders["always"]) <= set(genders["female"]) | set(genders["male"])
    assert not set(genders["female"]) & set(genders["male"])
