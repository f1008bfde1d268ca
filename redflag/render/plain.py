"""Plain-text report, for pasting into a chat or an e-mail: no colours, no frames, no wrapping.

The same blocks as the terminal's; the phrases that raised a flag are [bracketed] in their sentence.
"""

from __future__ import annotations

from typing import TextIO

from redflag.render import details, verdict
from redflag.render.doc import GOOD, MARK, Block, Line
from redflag.render.options import RenderOptions
from redflag.render.verdict import Report
from redflag.result import Result


def render(obj: Report | Result, stream: TextIO, options: RenderOptions) -> None:
    """The short report as plain text; with ``options.quiet`` only score and level."""
    stream.write(verdict.quiet_line(obj) + "\n" if options.quiet else text(details.text_blocks(obj, options, full=False)))


def render_details(obj: Report | Result, stream: TextIO, options: RenderOptions) -> None:
    """The full report as plain text; with ``options.quiet`` only score and level."""
    stream.write(verdict.quiet_line(obj) + "\n" if options.quiet else text(details.text_blocks(obj, options, full=True)))


def _line(spans: Line) -> str:
    return "".join(f"[{s.text}]" if s.style in (MARK, GOOD) else s.text for s in spans)


def text(blocks: list[Block]) -> str:
    """The blocks as lines of plain text: a blank line before each heading, items indented under it."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "banner":
            out += [_line(block.title), *(_line(ln) for ln in block.lines)]
        elif block.kind == "heading":
            out += ["", _line(block.title)]
        elif block.kind == "item":
            indent = " " * max(0, 2 + 2 * block.depth)
            lead = f"{indent}{block.marker} " if block.marker else indent
            hang = " " * len(lead)
            out += [(lead if i == 0 else hang) + _line(ln) for i, ln in enumerate(block.lines)]
        elif block.kind == "table":
            rows = [block.header, *block.rows]
            widths = [max(len(r[i]) for r in rows) for i in range(len(block.header))]
            out += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(out) + "\n"
