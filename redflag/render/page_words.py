"""The local page's own words (title, labels, buttons) in one language, beside the report's words.

Like ``SeekerWords``, the page is handed these; ``page_words`` looks them up in ``data/page_words.toml``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from redflag.render.words import same_blanks


@dataclass(frozen=True, kw_only=True, slots=True)
class PageWords:
    """Words of the page around the report; English by default."""

    title: str = "Is this job offer safe?"
    intro: str = ("Paste a job ad or a recruiter's message, or choose a file. It is checked on this computer: "
                  "nothing is stored or sent anywhere.")
    ad_label: str = "The job ad or message"
    file_label: str = "Or a file with the ad (.txt, .html, .md)"
    report_lang: str = "Language of the answer"
    lang_auto: str = "The ad's language"
    country: str = "Country, for the help lines"
    country_auto: str = "From the ad"
    submit: str = "Check the ad"
    limit: str = "Up to {size} per ad."
    whole_ad: str = "The whole ad, with the worrying phrases marked"
    all_details: str = "All the details"
    error: str = "The ad could not be checked"
    another: str = "Check another ad"


@cache
def _data() -> dict:
    return tomllib.loads(files("redflag.render").joinpath("data/page_words.toml").read_text(encoding="utf-8"))


def page_languages() -> tuple[str, ...]:
    """The languages the page's own words are written in."""
    return tuple(_data())


@cache
def page_words(lang: str | None) -> PageWords:
    """The page's words in ``lang``; English for a language or a word the data does not give."""
    table = _data().get((lang or "").lower(), {})
    return PageWords(**same_blanks(table, PageWords()))
