"""What a formatter may be told besides the object it formats: one options type for all of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

    from redflag.render.words import ReportWords


@dataclass(frozen=True, kw_only=True, slots=True)
class RenderOptions:
    """Every formatter is ``render(obj, stream, options)``; each reads only the fields it needs."""

    source: str | None = None  # where the object came from (a file name), shown in headers
    original: str | None = None  # the ad as the user gave it, to quote evidence in its sentence
    quiet: bool = False  # the shortest form the formatter has (e.g. "87 high")
    color: bool | None = None  # None: colour when the stream is a terminal
    width: int | None = None  # None: the stream's own width
    out: Path | None = None  # the file the formatted results went to, named in summaries
    words: ReportWords | None = None  # the report's fixed words in the result's ui language; None: English


def console(stream: TextIO, options: RenderOptions, *, highlight: bool = False) -> Console:
    """A rich Console writing to ``stream`` with the colour and width the options ask for."""
    from rich.console import Console

    if options.color is None:
        return Console(file=stream, width=options.width, highlight=highlight)
    if options.color:
        return Console(file=stream, width=options.width, highlight=highlight, force_terminal=True)
    return Console(file=stream, width=options.width, highlight=highlight, color_system=None)
