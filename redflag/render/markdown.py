"""Markdown report, for an e-mail, a ticket or a chat that reads Markdown: the terminal's blocks as
headings, lists and a table, with the ad's own text escaped so it can never become markup."""

from __future__ import annotations

import re
from typing import TextIO

from redflag.render import details, verdict
from redflag.render.doc import BOLD, GOOD, GOOD_HEADING, ITALIC, MARK, Block, Line
from redflag.render.options import RenderOptions
from redflag.render.verdict import Report
from redflag.result import Result

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~])")


def escape(text: str) -> str:
    """``text`` with every character Markdown could read as markup backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def render(obj: Report | Result, stream: TextIO, options: RenderOptions) -> None:
    """The short report as Markdown; with ``options.quiet`` only score and level."""
    stream.write(verdict.quiet_line(obj) + "\n" if options.quiet else markdown(details.text_blocks(obj, options, full=False)))


def render_details(obj: Report | Result, stream: TextIO, options: RenderOptions) -> None:
    """The full report as Markdown; with ``options.quiet`` only score and level."""
    stream.write(verdict.quiet_line(obj) + "\n" if options.quiet else markdown(details.text_blocks(obj, options, full=True)))


def _wrap(text: str, mark: str) -> str:
    """``**text**`` with the spaces around ``text`` kept outside the marks, where Markdown needs them."""
    core = text.strip()
    if not core:
        return text
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}"


def _line(spans: Line, *, plain_bold: bool = False) -> str:
    out = []
    for span in spans:
        text = escape(span.text)
        bold = span.style in (MARK, GOOD) or span.style.startswith("level:") or (span.style in (BOLD, GOOD_HEADING) and not plain_bold)
        out.append(_wrap(text, "**") if bold else _wrap(text, "*") if span.style == ITALIC else text)
    return "".join(out)


def markdown(blocks: list[Block]) -> str:
    """The blocks as Markdown: the banner a heading and paragraph, items list entries whose further
    lines are hard line breaks (a backslash) inside the entry, tables pipe tables."""
    out: list[str] = []
    last = ""
    for block in blocks:
        if block.kind == "banner":
            out += [f"## {_line(block.title, plain_bold=True)}", "", "\\\n".join(_line(ln) for ln in block.lines)]
        elif block.kind == "heading":
            out += ["", f"### {_line(block.title, plain_bold=True)}", ""]
        elif block.kind == "item":
            if last not in ("item", "heading"):
                out.append("")
            indent = "   " * max(0, block.depth)
            marker = block.marker if block.marker.endswith(".") else "-"
            lines = [_line(ln) for ln in block.lines]
            if not block.marker and block.depth < 1:
                out.append("\\\n".join(lines))
            else:
                pad = indent + " " * (len(marker) + 1)
                out.append(f"{indent}{marker} " + f"\\\n{pad}".join(lines))
        elif block.kind == "table":
            out += ["", "| " + " | ".join(map(escape, block.header)) + " |", "|" + "---|" * len(block.header)]
            out += ["| " + " | ".join(map(escape, row)) + " |" for row in block.rows]
        last = block.kind
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n") + "\n"
