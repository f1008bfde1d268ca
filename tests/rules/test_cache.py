"""The parsed-pack cache: same tables as parsing, keyed by content, and never in the way."""

from __future__ import annotations

import json
import os
import tomllib

import pytest

from redflag.errors import RulePackError
from redflag.rules import cache
from redflag.rules.loader import builtin_packs, parse_pack

PACK = b'''[pack]
id = "t"
language = "en"

[[rule]]
id = "TST001"
title = "A test rule"
category = "fees"
indicator = "ILO C181"
severity = "high"
confidence = "high"
weight = 10.0
rationale = "r"
advice = "a"
patterns = ['fee']
'''


def _parse(data: bytes) -> dict:
    return tomllib.loads(data.decode())


def test_a_cached_table_equals_the_parsed_one(tmp_path, monkeypatch):
    monkeypatch.setenv("REDFLAG_CACHE_DIR", str(tmp_path))
    first = cache.parsed(PACK, _parse)
    assert list((tmp_path / "packs").glob("*.json"))
    again = cache.parsed(PACK, lambda data: pytest.fail("parsed twice"))
    assert again == first == _parse(PACK)


def test_a_changed_pack_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("REDFLAG_CACHE_DIR", str(tmp_path))
    cache.parsed(PACK, _parse)
    changed = PACK.replace(b"weight = 10.0", b"weight = 12.0")
    assert cache.parsed(changed, _parse)["rule"][0]["weight"] == 12.0


def test_a_broken_copy_or_an_unwritable_folder_falls_back_to_parsing(tmp_path, monkeypatch):
    monkeypatch.setenv("REDFLAG_CACHE_DIR", str(tmp_path))
    cache.parsed(PACK, _parse)
    (copy,) = (tmp_path / "packs").glob("*.json")
    copy.write_text("{not json")
    assert cache.parsed(PACK, _parse) == _parse(PACK)
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("REDFLAG_CACHE_DIR", str(blocked))  # a file where the folder should be
    assert cache.parsed(PACK, _parse) == _parse(PACK)
    assert not list(tmp_path.glob(".part-*")) and not list((tmp_path / "packs").glob(".part-*"))


def test_caching_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("REDFLAG_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert cache.parsed(PACK, _parse) == _parse(PACK)


def test_errors_in_a_pack_are_never_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("REDFLAG_CACHE_DIR", str(tmp_path))
    for _ in range(2):
        with pytest.raises(RulePackError, match="not a valid TOML"):
            parse_pack(b"[pack\n", "bad.toml")
    assert not (tmp_path / "packs").exists() or not list((tmp_path / "packs").iterdir())


def test_built_in_packs_read_from_the_cache_are_the_same(tmp_path, monkeypatch):
    from redflag.rules.loader import _builtin

    monkeypatch.setenv("REDFLAG_CACHE_DIR", "off")
    _builtin.cache_clear()
    fresh = [(p.language, p.sha256, [r.id for r in p.rules], p.ui) for p in builtin_packs()]
    monkeypatch.setenv("REDFLAG_CACHE_DIR", str(tmp_path))
    for _ in range(2):  # written, then read
        _builtin.cache_clear()
        assert [(p.language, p.sha256, [r.id for r in p.rules], p.ui) for p in builtin_packs()] == fresh
    _builtin.cache_clear()
    assert all(json.loads(f.read_text(encoding="utf-8")) for f in (tmp_path / "packs").glob("*.json"))
    assert os.listdir(tmp_path / "packs")
