"""The report's fixed words for a result's ui language, looked up in the rule packs' [ui] tables.

The lookup is done here, where the command knows its packs, so formatters are only handed words.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from redflag.render.words import ReportWords


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
