"""The short report's own words (help heading, emergency line, ...) in one language, beside the packs' [ui] words.

Like ``ReportWords``, a formatter is handed these; the command looks them up with ``seeker_words``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from redflag.render.words import same_blanks


@dataclass(frozen=True, kw_only=True, slots=True)
class SeekerWords:
    """Words of the short report that no rule pack gives; English by default."""

    shown_of: str = "{shown} of {total}"
    get_help: str = "Where to get help"
    emergency: str = "In immediate danger, call {number}"
    sms: str = "text {number}"
    details_hint: str = "All the details: {command}"
    # per general tip of a pack (by position): the red-flag categories it already speaks to
    general_covers: tuple[frozenset[str], ...] = ()


@cache
def _data() -> dict:
    return tomllib.loads(files("redflag.render").joinpath("data/seeker_words.toml").read_text(encoding="utf-8"))


def seeker_words(lang: str) -> SeekerWords:
    """The short report's words in ``lang``; English for a language or a word the data does not give."""
    data = _data()
    table = data.get(lang.lower(), {}) if lang else {}
    chosen = same_blanks(table, SeekerWords())
    covers = tuple(frozenset(c) for c in data.get("general_advice", {}).get("covers", ()))
    return SeekerWords(**chosen, general_covers=covers)


ENGLISH = seeker_words("en")
