"""Labelled tables for learning, read as `scan` and `evaluate` read tables: every format, the same presets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class LabelledTable:
    """The whole table plus the text and label columns chosen for it."""

    frame: Any
    text_cols: list[str]
    label_col: str


def read_labelled(
    path: str | Path,
    text_cols: list[str] | None = None,
    label_col: str | None = None,
    input_format: str | None = None,
) -> LabelledTable:
    """Read any table format through the one reader; EMSCAD's text and label columns when none are named.

    Blank label cells count as missing, so training refuses them as it refuses empty cells of
    typed formats (the reader keeps CSV cells as text, where an empty cell is "").
    """
    import pandas as pd

    from redflag.io.tables import label_column, read_table, resolve_columns

    frame = pd.concat(list(read_table(path, input_format)), ignore_index=True)
    given = [text_cols] if isinstance(text_cols, str) else (list(text_cols) if text_cols else None)
    chosen, _ = resolve_columns([str(c) for c in frame.columns], given, None)
    label = label_column(chosen, label_col)
    if label in frame.columns:
        frame[label] = frame[label].map(_blank_to_none)
    return LabelledTable(frame=frame, text_cols=chosen, label_col=label)


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value
