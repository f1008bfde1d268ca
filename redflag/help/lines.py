"""The help-line table: one typed entry per help line, read once from the package's data file."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from redflag.errors import RedflagError

INTERNATIONAL = "INT"  # the country code of help that is not tied to one country
KINDS = ("trafficking", "labour", "violence", "victims", "fraud", "migrants", "emergency")


@dataclass(frozen=True, kw_only=True, slots=True)
class HelpLine:
    """One help line or reporting point; ``phone``, ``sms``, ``email`` and ``url`` may each be empty."""

    country: str  # ISO 3166-1 alpha-2, or INTERNATIONAL
    kind: str  # one of KINDS
    name: str
    purpose: str  # what it is for, in English
    source: str  # the official page that lists it
    checked: dt.date  # when the entry was last compared with its source
    phone: str = ""
    sms: str = ""
    email: str = ""
    url: str = ""
    languages: tuple[str, ...] = ()

    @property
    def emergency(self) -> bool:
        """The country's emergency number, which a report shows apart from the help lines."""
        return self.kind == "emergency"

    def to_dict(self) -> dict:
        """Plain JSON-ready values, empty fields left out."""
        d = {"country": self.country, "kind": self.kind, "name": self.name, "phone": self.phone, "sms": self.sms,
             "email": self.email, "url": self.url, "languages": list(self.languages), "purpose": self.purpose,
             "source": self.source, "checked": self.checked.isoformat()}
        return {k: v for k, v in d.items() if v not in ("", [])}


def _line(entry: dict) -> HelpLine:
    try:
        line = HelpLine(**{**entry, "languages": tuple(entry.get("languages", ()))})
    except TypeError as exc:
        raise RedflagError(f"help lines: bad entry {entry.get('name', '?')!r}: {exc}") from None
    if line.kind not in KINDS or not isinstance(line.checked, dt.date) or not (line.phone or line.url):
        raise RedflagError(f"help lines: entry {line.name!r} needs a known kind, a checked date and a number or URL")
    return line


@cache
def _table() -> tuple[tuple[HelpLine, ...], dict[str, tuple[str, ...]]]:
    data = tomllib.loads(files("redflag.help").joinpath("data/helplines.toml").read_text(encoding="utf-8"))
    lines = tuple(_line(entry) for entry in data.get("line", ()))
    return lines, {lang: tuple(cs) for lang, cs in data.get("languages", {}).items()}


def all_lines() -> tuple[HelpLine, ...]:
    """Every help line, in the file's order (within a country: the order a report shows them)."""
    return _table()[0]


def countries_of(lang: str) -> tuple[str, ...]:
    """The main countries of a language (``es`` -> ES, MX); none for a language the table does not know."""
    return _table()[1].get(lang.lower(), ())


def lines_for(country: str | None = None, lang: str | None = None) -> list[HelpLine]:
    """The help of ``country``, else of ``lang``'s main countries, then the international lines.

    An unknown country or language simply adds nothing: the international lines are always there.
    """
    wanted = (country.upper(),) if country else countries_of(lang) if lang else ()
    lines = all_lines()
    national = [line for c in wanted for line in lines if line.country == c]
    return national + [line for line in lines if line.country == INTERNATIONAL]
