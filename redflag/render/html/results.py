"""Scan results and clusters files read back as rows for the report, with the rows that are not results.

JSONL keeps every cell whole. Parquet holds nested cells as JSON text (``view`` decodes it); CSV
holds them compacted by ``redflag.render.cells`` (the first phrase of each flag, quotes shortened),
so a CSV report highlights only those phrases and lists no flag titles.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redflag.errors import InputError
from redflag.io.tables import INPUT_FORMATS, UNREADABLE, read_table, table_format
from redflag.render.html.view import REQUIRED, BadRow, to_ad

_COMPACT_FLAG = re.compile(r'^(?P<id>[^:"\s]+)(?::"(?P<quote>.*)"@(?P<start>\d+)-(?P<end>\d+)(?: \(\+\d+\))?)?$')
BAD_SHOWN = 5  # skipped rows named one by one; the rest are counted


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row of the results file left out of the report, and why."""

    row: int
    reason: str


def _plain(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


def compact_evidence(cell: str) -> list[dict]:
    """The evidence structure back from its compact CSV form (one phrase per flag, no titles)."""
    flags = []
    for part in cell.split(" | "):
        m = _COMPACT_FLAG.match(part.strip())
        if m is None:
            continue
        phrases = [] if m["quote"] is None else [{"text": m["quote"], "start": int(m["start"]), "end": int(m["end"])}]
        flags.append({"id": m["id"], "title": "", "evidence": phrases})
    return flags


def compact_entities(cell: str) -> list[dict]:
    """``kind:value; ...`` back into entity dicts."""
    out = []
    for part in cell.split("; "):
        kind, sep, value = part.strip().partition(":")
        if sep:
            out.append({"kind": kind, "value": value})
    return out


def _from_csv(row: dict) -> dict:
    for key, parse in (("evidence", compact_evidence), ("entities", compact_entities)):
        value = row.get(key)
        if isinstance(value, str) and not value.lstrip().startswith("["):
            row[key] = parse(value)
    return row


def _require(columns: Iterable[str], needed: Iterable[str], path: Path, what: str, hint: str) -> None:
    present = set(columns)
    missing = [c for c in needed if c not in present]
    if missing:
        raise InputError(f"{path} is not {what}: no {', '.join(repr(m) for m in missing)} column ({hint})")


def read_results(path: str | Path, input_format: str | None = None, *, text_key: str = "text",
                 source_key: str = "source", date_key: str | None = "date",
                 named: Iterable[str] = ()) -> tuple[list[dict], list[Skipped]]:
    """The rows of a scan results file that are scan results, and the rows skipped; ``named`` columns must exist."""
    path = Path(path)
    csv = table_format(path, input_format, INPUT_FORMATS, "input") in ("csv", "tsv")
    rows: list[dict] = []
    skipped: list[Skipped] = []
    at = 0
    for chunk in read_table(path, input_format, bad_rows="mark"):
        columns = [str(c) for c in chunk.columns if c != UNREADABLE]
        if at == 0:
            _require(columns, REQUIRED, path, "a scan results file", "write one with 'redflag scan ADS --out results.jsonl'")
            _require(columns, named, path, "usable as asked", f"it has: {', '.join(columns)}")
        for record in chunk.to_dict("records"):
            reason = record.pop(UNREADABLE, None)
            if isinstance(reason, str):
                skipped.append(Skipped(at, reason))
            else:
                row = {str(k): _plain(v) for k, v in record.items()}
                if csv:
                    row = _from_csv(row)
                try:
                    to_ad(row, text_key=text_key, source_key=source_key, date_key=date_key)
                except BadRow as exc:
                    skipped.append(Skipped(at, str(exc)))
                else:
                    rows.append(row)
            at += 1
    return rows, skipped


def read_clusters(path: str | Path, input_format: str | None = None) -> list[dict]:
    """The rows of a clusters file written by `redflag link --out`."""
    path = Path(path)
    rows: list[dict] = []
    for chunk in read_table(path, input_format):
        if not rows:
            _require(map(str, chunk.columns), ("id", "ad_ids"), path, "a clusters file",
                     "write one with 'redflag link ADS --out clusters.jsonl'")
        rows.extend({str(k): _plain(v) for k, v in r.items()} for r in chunk.to_dict("records"))
    return rows


def skipped_lines(skipped: list[Skipped]) -> list[str]:
    """One line per skipped row, the first few by number and the rest counted."""
    lines = [f"row {s.row} skipped: {s.reason}" for s in skipped[:BAD_SHOWN]]
    if len(skipped) > BAD_SHOWN:
        lines.append(f"{len(skipped) - BAD_SHOWN} more rows skipped")
    return lines

