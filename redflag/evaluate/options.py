"""What `redflag evaluate` is told: how to read the labelled table and what to measure."""

from __future__ import annotations

from dataclasses import dataclass

SORTS = ("lift", "false-alarms", "hits", "id")


@dataclass(frozen=True)
class EvalOptions:
    """How to read the labelled table and what to measure."""

    label_col: str | None = None  # default: 'fraudulent' for EMSCAD tables, else 'label'
    text_cols: tuple[str, ...] | None = None
    id_col: str | None = None
    type_col: str | None = None  # the kind of harm of each bad ad (labour, sexual, scam); default: 'type' when present
    input_format: str | None = None
    positive: str | None = None
    threshold: float | None = None  # an extra operating point on the fused score (and the rule points)
    model_threshold: float = 0.5
    prevalence: float | None = None
    bootstrap: int = 1000
    seed: int = 0
    sort: str = "lift"
