"""Load the TOML vocabularies once, so generator code stays free of phrase lists."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from redflag.categories import SIGN_CATEGORIES as CATEGORIES  # the categories an ad is generated with
TYPES = ("labour", "sexual", "fraud", "none")


@dataclass(frozen=True)
class Family:
    """One template family: what it looks like and which flags it may carry."""

    key: str
    name: str
    type: str
    weight: float
    sectors: dict[str, float]
    shapes: dict[str, float]
    profile: float
    vague: float
    core: tuple[str, ...]
    extra: dict[str, float]
    n_flags: tuple[int, int]
    honest: dict[str, float]
    abroad: float
    brand: float
    boilerplate: float
    perks: float
    prose: float
    agency: float


@dataclass(frozen=True)
class Bank:
    """All loaded template data."""

    common: dict[str, Any]
    sectors: dict[str, dict[str, Any]]
    vocab: dict[str, list[str]]
    flags: dict[str, dict[str, list[str]]]
    families: tuple[Family, ...]
    regions: dict[str, float]


def _load(name: str) -> dict[str, Any]:
    text = resources.files("redflag.synth").joinpath("templates", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def bank() -> Bank:
    """Parse and validate the template files (cached: they never change at run time)."""
    common = _load("common.toml")
    sectors = _load("sectors.toml")
    vocab = dict(_load("sections.toml")["vocab"])
    flags = _load("flags.toml")
    fam_raw = _load("families.toml")
    for cat in flags:
        if cat not in CATEGORIES:
            raise ValueError(f"unknown flag category {cat!r} in flags.toml")
    families = []
    for key, f in fam_raw["family"].items():
        fam = Family(
            key=key, name=f.get("name", key), type=f["type"], weight=float(f["weight"]),
            sectors=f["sectors"], shapes=f["shapes"], profile=f.get("profile", 0.5),
            vague=f.get("vague", 0.0), core=tuple(f.get("core", ())), extra=f.get("extra", {}),
            n_flags=tuple(f.get("n_flags", (0, 0))), honest=f.get("honest", {}),
            abroad=f.get("abroad", 0.0), brand=f.get("brand", 0.0),
            boilerplate=f.get("boilerplate", 0.04), perks=f.get("perks", 0.0),
            prose=f.get("prose", 0.15 if f["type"] != "none" else 0.6), agency=f.get("agency", 0.0),
        )
        if fam.type not in TYPES:
            raise ValueError(f"family {key}: bad type {fam.type}")
        for s in fam.sectors:
            if s not in sectors:
                raise ValueError(f"family {key}: unknown sector {s}")
        for c in (*fam.core, *fam.extra):
            if c not in CATEGORIES:
                raise ValueError(f"family {key}: unknown category {c}")
        families.append(fam)
    return Bank(common, sectors, vocab, flags, tuple(families), fam_raw["defaults"]["regions"])
