"""A report as a few kinds of blocks, so one content is laid out for a terminal, plain text and Markdown alike.

Builders (``verdict``, ``details``) decide what a report says; writers (``terminal``, ``plain``,
``markdown``) decide only how each block looks. Text in a span is the user's or a pack's text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

# span styles: what a writer may show differently (colour, brackets, bold); "" is plain text
MARK, GOOD, DIM, BOLD, ITALIC = "mark", "good", "dim", "bold", "italic"
GOOD_HEADING = "good_heading"  # the heading of the reassuring signs
UP, DOWN = "up", "down"  # model terms that raised or lowered the probability
LEVEL_STYLES = ("level:low", "level:medium", "level:high")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text in one style."""

    text: str
    style: str = ""


Line = tuple[Span, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Block:
    """One piece of a report.

    kind "banner": ``title`` over ``lines``, framed in the colour of ``level``;
    "heading": ``title``; "item": ``lines`` under a ``marker`` (``•``, ``1.``, ``●``; "" for none),
    nested ``depth`` levels deep, each line wrapped with a hanging indent; "table": ``header`` and ``rows``.
    """

    kind: str
    title: Line = ()
    lines: tuple[Line, ...] = ()
    marker: str = ""
    marker_style: str = ""
    depth: int = 0
    level: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def line(*parts: str | Span) -> Line:
    """A line of spans; a bare string is plain text."""
    return tuple(p if isinstance(p, Span) else Span(p) for p in parts if (p.text if isinstance(p, Span) else p))


def plain_text(spans: Line) -> str:
    """The line's text without styles."""
    return "".join(s.text for s in spans)


def banner(title: Line, lines: list[Line], level: str) -> Block:
    """The framed verdict at the top of a report."""
    return Block(kind="banner", title=title, lines=tuple(lines), level=level)


def heading(*parts: str | Span) -> Block:
    """A section's heading."""
    return Block(kind="heading", title=line(*parts))


def item(*lines: Line, marker: str = "", depth: int = 0, marker_style: str = "") -> Block:
    """A list entry: its first line after the marker, the others under it."""
    return Block(kind="item", lines=tuple(lines), marker=marker, depth=depth, marker_style=marker_style)


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Block:
    """A small table of values."""
    return Block(kind="table", header=header, rows=tuple(rows))
