"""The local page (`redflag serve`): the form, and after a check the short report, the whole ad with its
phrases marked, and the full report folded away; all from the blocks the text formats write.

Rendering only: the caller hands over a finished Report, its words and the options of the form. The
ad's text is cut into marked runs here at the offsets the check gave, never in the browser.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from redflag import __version__
from redflag.render import details, verdict
from redflag.render.doc import Block
from redflag.render.html.assets import environment, static
from redflag.render.html.highlight import Segment, Span, segments
from redflag.render.page_words import PageWords
from redflag.render.verdict import Report
from redflag.render.words import ReportWords


@dataclass(frozen=True, slots=True)
class Group:
    """Blocks as the page lays them out: a banner, a heading, a table, or a run of list items."""

    kind: str  # "banner" | "heading" | "table" | "list"
    blocks: tuple[Block, ...]
    ordered: bool = False  # a numbered list ("1.", "2.")


@dataclass(frozen=True, kw_only=True, slots=True)
class Choice:
    """One option of a select: its value, what it shows, and whether it is the chosen one."""

    value: str
    label: str
    selected: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Form:
    """What the form shows: the text typed so far and the choices of its selects."""

    text: str = ""
    languages: tuple[Choice, ...] = ()
    countries: tuple[Choice, ...] = ()
    limit: str = ""  # "1 MB": the size one ad may have


@dataclass(frozen=True, kw_only=True, slots=True)
class Checked:
    """A finished check as the page shows it."""

    report: Report
    original: str
    words: ReportWords


def groups(blocks: Sequence[Block]) -> list[Group]:
    """Consecutive top-level items joined into one list (numbered when their markers are "1.", "2."...)."""
    out: list[Group] = []
    for block in blocks:
        if block.kind == "item" and out and out[-1].kind == "list" and block.depth >= 0:
            last = out[-1]
            out[-1] = Group("list", last.blocks + (block,), last.ordered)
        elif block.kind == "item":
            out.append(Group("list", (block,), block.marker.endswith(".")))
        else:
            out.append(Group(block.kind, (block,)))
    return out


def ad_segments(checked: Checked) -> tuple[list[Segment], set[str]]:
    """The ad cut into plain and marked runs (red flags' and good signs' phrases), and the red flags' ids."""
    result = checked.report.result
    spans = [Span(flag.id, ev.start, ev.end, ev.text) for flag in (*result.red_flags, *result.reassuring)
             for ev in flag.evidence]
    return segments(checked.original, spans)[0], {f.id for f in result.red_flags}


@cache
def country_names() -> dict[str, str]:
    """Each help-line country's own name for itself, by code."""
    return tomllib.loads(files("redflag.render").joinpath("data/country_names.toml").read_text(encoding="utf-8"))


def render_page(words: PageWords, form: Form, *, lang: str = "en", checked: Checked | None = None,
                error: str | None = None) -> str:
    """The whole page as one HTML document with its CSS inline; no script, nothing fetched."""
    context = {"w": words, "form": form, "lang": lang, "error": error, "version": __version__,
               "css": static("page.css"), "checked": None}
    if checked is not None:
        runs, red = ad_segments(checked)
        report = checked.report
        context |= {
            "checked": checked, "level": report.result.level, "runs": runs, "red": red,
            "short": groups(verdict.blocks(report, checked.original, checked.words)),
            "full": groups(details.blocks(report, checked.original, checked.words)),
        }
    return environment().get_template("page.html.j2").render(**context)
