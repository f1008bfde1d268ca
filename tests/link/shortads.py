"""Variants of short templates (tests/link/short_templates.json): the same template with its slots refilled."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

DATA = json.loads((Path(__file__).with_name("short_templates.json")).read_text(encoding="utf-8"))


def _fill(fam: dict, pick: dict[str, int], emoji: str) -> str:
    text = fam["text"].replace("{emoji}", emoji)
    for slot in ("city", "amount", "name", "phone"):
        if slot in fam:
            text = text.replace("{" + slot + "}", fam[slot][pick.get(slot, 0)])
    return " ".join(text.split())


def _plain(text: str) -> str:
    """Vietnamese typed without diacritics, as on a phone without the keyboard."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def variants(fam: dict) -> list[str]:
    """Four copies: slots refilled (city, amount), contact and case changed, a greeting and new punctuation added."""
    emoji = DATA["emoji"]
    v0 = _fill(fam, {}, emoji[0])
    v1 = _fill(fam, {"city": 1, "amount": 1}, emoji[0])
    v2 = _fill(fam, {"name": 2, "phone": 2}, emoji[1]).upper()
    v3 = fam["greeting"][0] + " " + _fill(fam, {"city": 3, "amount": 3}, emoji[2]).replace(",", " -").replace("，", "！") + "!!"
    if fam.get("strip_accents"):
        v3 = _plain(v3)
        v2 = unicodedata.normalize("NFD", v2)
    return [v0, v1, v2, v3]


def corpus(kind: str) -> tuple[list[str], list[int]]:
    """Texts of every family of ``kind`` ("families" or "scripts") and of the honest ads, with a family number (-1 honest)."""
    texts: list[str] = []
    fams: list[int] = []
    for f, fam in enumerate(DATA[kind]):
        for v in variants(fam):
            texts.append(v)
            fams.append(f)
    for h in DATA["honest"]:
        texts.append(h)
        fams.append(-1)
    return texts, fams
