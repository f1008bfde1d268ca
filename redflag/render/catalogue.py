"""The rule catalogue of `redflag rules`: a table for people, JSON rows for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from redflag.render.options import RenderOptions, console

if TYPE_CHECKING:
    from redflag.rules.schema import Rule

COLUMNS = ("id", "title", "severity", "weight", "indicator", "lang")
JSON_FIELDS = ("id", "title", "category", "severity", "confidence", "weight", "indicator", "language")


def render(rules: Sequence[Rule], stream: TextIO, options: RenderOptions) -> None:
    """One table row per rule: id, title, severity, weight, indicator, language."""
    from rich.table import Table

    table = Table(title=f"{len(rules)} rules", show_lines=False)
    for col in COLUMNS:
        table.add_column(col, overflow="fold")
    for r in rules:
        table.add_row(r.id, r.title, r.severity, f"{r.weight:+g}", r.indicator, r.language)
    console(stream, options, highlight=True).print(table)


def rule_row(rule: Rule) -> dict:
    """The JSON-ready catalogue entry of one rule."""
    return {field: getattr(rule, field) for field in JSON_FIELDS}


def render_json(rules: Sequence[Rule], stream: TextIO, options: RenderOptions) -> None:
    """The catalogue as an indented JSON array, one object per rule."""
    stream.write(json.dumps([rule_row(r) for r in rules], ensure_ascii=False, indent=2) + "\n")
