"""What a formatter is handed for its reader, looked up once by whoever shows a result (the CLI, the page).

The fixed words come from the rule packs' [ui] tables and the help lines from ``redflag.help``; the
lookups live here, where the caller knows its packs and region, so formatters are only handed values.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from redflag.render.verdict import Report
from redflag.render.words import ReportWords
from redflag.result import Result


def report_words(ui_lang: str, packs: Iterable[str | Path] = ()) -> ReportWords:
    """The words of the packs of ``ui_lang`` (built-in first, then the user's ``packs``), English where they have none."""
    from redflag.rules.loader import ANY, packs_with

    ui: dict = {}
    names: dict[str, str] = {}
    for pack in packs_with(packs):
        if pack.language == ANY:
            continue
        if pack.name:
            names.setdefault(pack.language, pack.name)
        if pack.language == ui_lang:
            ui.update(pack.ui)
    return ReportWords.from_ui(ui, names)


def reader_report(result: Result, region: str | None = None) -> Report:
    """The result with the help lines for its reader (the region's, else the phone numbers' country, else the
    language's) and the short report's words in its ui language. Give it the unredacted result: masked
    phone numbers name no country."""
    from redflag.help import help_for
    from redflag.render.seeker_words import seeker_words

    lines = help_for(region=region, entities=result.entities, lang=result.lang)
    return Report(result=result, help=tuple(lines), seeker=seeker_words(result.ui_lang))
