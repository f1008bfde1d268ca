"""Terminal report (rich): the job-seeker's short report (``render``) and the moderator's full one (``render_details``).

Both lay out blocks built elsewhere (``verdict``, ``details``); each item keeps its hanging indent when
rich wraps it, and every text is a ``Text``, so brackets in an ad are never read as markup.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from redflag.render import details, verdict
from redflag.render.doc import BOLD, DIM, DOWN, GOOD, GOOD_HEADING, ITALIC, MARK, UP, Block, Line
from redflag.render.options import RenderOptions, console as console_for
from redflag.render.verdict import Report, item_indent
from redflag.render.words import ENGLISH
from redflag.result import Result

LEVEL_STYLE = {"low": "bold green", "medium": "bold yellow", "high": "bold red"}
SEVERITY_STYLE = {"low": "cyan", "medium": "yellow", "high": "red"}
STYLE = {MARK: "bold white on red", GOOD: "bold green", DIM: "dim", BOLD: "bold", ITALIC: "italic dim",
         GOOD_HEADING: "bold green", UP: "red", DOWN: "green",
         **{f"level:{lv}": s for lv, s in LEVEL_STYLE.items()}, **{f"severity:{lv}": s for lv, s in SEVERITY_STYLE.items()}}


def render(obj: Report | Result, stream: TextIO, options: RenderOptions) -> None:
    """The short report, fitted to one screen of the terminal; with ``options.quiet`` only score and level."""
    console = console_for(stream, options)
    if options.quiet:
        console.print(verdict.quiet_line(obj), markup=False, highlight=False)
        return
    write(verdict.blocks(obj, options.original or "", options.words or ENGLISH, width=console.width, hint=True), console)


def render_details(obj: Report | Result, stream: TextIO, options: RenderOptions) -> None:
    """Everything: each flag's indicator, grades, phrases and rationale, suppressed triggers, model terms,
    entities and the score's arithmetic; with ``options.quiet`` only score and level."""
    console = console_for(stream, options)
    if options.quiet:
        render(obj, stream, options)
        return
    write(details.blocks(obj, options.original or "", options.words or ENGLISH, source=options.source or ""), console)


def _text(spans: Line, marks: bool, base: str = "") -> Text:
    text = Text(style=base)
    for span in spans:
        bracket = marks and span.style in (MARK, GOOD)
        text.append(f"[{span.text}]" if bracket else span.text, style=STYLE.get(span.style, ""))
    return text


def write(blocks: list[Block], console: Console) -> None:
    """Print blocks: a framed banner, bold headings, items with hanging indents, tables."""
    marks = console.color_system is None  # without colour the phrases are bracketed, so they stay visible
    for block in blocks:
        if block.kind == "banner":
            body = Group(*(_text(ln, marks) for ln in block.lines))
            console.print(Panel(body, title=_text(block.title, marks), title_align="left",
                                border_style=LEVEL_STYLE.get(block.level, "")))
        elif block.kind == "heading":
            console.print(_text(block.title, marks))
        elif block.kind == "item":
            _item(block, marks, console)
        elif block.kind == "table":
            console.print(_table(block))


def _item(block: Block, marks: bool, console: Console) -> None:
    """Each line wrapped to the room right of the marker, its continuation lines under the text, not the marker."""
    indent = item_indent(block)
    hang = " " * indent
    lead = Text(" " * (indent - len(block.marker) - 1))
    if block.marker:
        lead.append(block.marker, style=STYLE.get(block.marker_style, ""))
        lead.append(" ")
    else:
        lead = Text(hang)
    first = True
    for spans in block.lines:
        for piece in _text(spans, marks).wrap(console, max(console.width - indent, 10)):
            line = lead.copy() if first else Text(hang)
            piece.rstrip()
            line.append_text(piece)
            console.print(line)
            first = False


def _table(block: Block) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    for i, name in enumerate(block.header):
        table.add_column(name, style="dim" if i == len(block.header) - 1 else None, overflow="fold")
    for row in block.rows:
        table.add_row(*row)
    return table
