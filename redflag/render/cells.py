"""Result cells as a table file holds them: compact text in CSV, JSON text in Parquet, structures in JSONL."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

EVIDENCE_QUOTE = 60  # characters of a quoted phrase kept in the compact (CSV) evidence
COMPACT_MAX = 1_000  # characters of a compact evidence or entities cell
NESTED = ("evidence", "entities", "terms")  # the result columns that hold lists


def compact_evidence(evidence: list[dict]) -> str:
    """``FEE001:"processing fee"@120-134 | ...``: each flag's first phrase, short enough for a spreadsheet."""
    parts = []
    for flag in evidence:
        ev = flag["evidence"]
        if not ev:
            parts.append(flag["id"])
            continue
        e = ev[0]
        quote = " ".join(e["text"].split())
        if len(quote) > EVIDENCE_QUOTE:
            quote = quote[: EVIDENCE_QUOTE - 1] + "…"
        more = f" (+{len(ev) - 1})" if len(ev) > 1 else ""
        parts.append(f'{flag["id"]}:"{quote}"@{e["start"]}-{e["end"]}{more}')
    return _cap(" | ".join(parts))


def compact_entities(entities: list[dict]) -> str:
    """``kind:value`` for each distinct entity, joined with '; '."""
    seen = dict.fromkeys(f'{e["kind"]}:{e["value"]}' for e in entities)
    return _cap("; ".join(seen))


def compact_terms(terms: list[dict]) -> str:
    """``term:+0.123`` for each model term, space-separated."""
    return " ".join(f'{t["term"]}:{t["weight"]:+.3f}' for t in terms)


def json_cell(value: Any) -> str:
    """Compact JSON for a nested cell in a format whose cells are flat."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _cap(text: str) -> str:
    return text if len(text) <= COMPACT_MAX else text[: COMPACT_MAX - 1] + "…"


def for_format(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """The frame as written in ``fmt`` (csv, jsonl or parquet); the input frame is not changed."""
    if fmt == "jsonl":
        return frame
    out = frame.copy()
    if fmt == "csv":
        out["evidence"] = [compact_evidence(v) for v in out["evidence"].tolist()]
        out["entities"] = [compact_entities(v) for v in out["entities"].tolist()]
        if "terms" in out.columns:
            out["terms"] = [compact_terms(v) for v in out["terms"].tolist()]
    else:
        for c in NESTED:
            if c in out.columns:
                out[c] = [json_cell(v) for v in out[c].tolist()]
    return out
