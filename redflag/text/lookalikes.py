"""The disguise tables (look-alike letters, leetspeak, typographic punctuation, invisibles, disguised words), read from
``data/lookalikes.toml``: one home for normalisation and entity extraction alike."""

from __future__ import annotations

import tomllib
from importlib import resources


def _tables() -> dict:
    return tomllib.loads((resources.files("redflag.text") / "data" / "lookalikes.toml").read_text(encoding="utf-8"))


_RAW = _tables()
LOOKALIKES: dict[str, str] = dict(_RAW["lookalikes"])  # Cyrillic/Greek letter -> the Latin letter it passes for
LEET: dict[str, str] = dict(_RAW["leet"])  # sign or digit -> the letter it stands for inside a word
PUNCTUATION: dict[str, str] = dict(_RAW["punctuation"])  # typographic mark -> its ASCII form
INVISIBLE: frozenset[str] = frozenset(_RAW["invisible"])  # characters dropped from the text
DISGUISED: tuple[str, ...] = tuple(_RAW["disguised"])  # words rejoined when split ("pass port") or short leet ("f3e")
del _RAW
