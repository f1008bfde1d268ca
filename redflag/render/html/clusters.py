"""Clusters from `redflag link` (complete in JSONL, ';'-joined in CSV and Parquet) as the report lists them."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MEMBERS_SHOWN = 200  # member links listed per cluster; the count says how many there are


@dataclass(frozen=True, slots=True)
class Member:
    """An ad of a cluster, with the anchor of its section when the report holds it."""

    id: str
    anchor: str | None


@dataclass(frozen=True, slots=True)
class ClusterView:
    """One cluster: what ties its ads, how risky they are, and links to them."""

    id: str
    size: int
    identifiers: tuple[tuple[str, str, int | None], ...]  # kind, value, ads holding it
    link_kinds: tuple[str, ...]
    sources: tuple[str, ...]
    max_score: float | None
    high_risk: int | None
    explanation: str
    members: tuple[Member, ...]


def _list(value: Any) -> list:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                return list(json.loads(text))
            except ValueError:
                pass
        return [s for s in (p.strip() for p in text.split(";")) if s]
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _identifier(item: Any) -> tuple[str, str, int | None]:
    if isinstance(item, Mapping):
        ads = item.get("ads")
        return str(item.get("kind", "")), str(item.get("value", "")), int(ads) if isinstance(ads, (int, float)) else None
    kind, _, value = str(item).partition(":")
    return (kind, value, None) if value else ("", kind, None)


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def to_cluster(row: Mapping, anchors: Mapping[str, str]) -> ClusterView:
    """A clusters-file row as shown; ``anchors`` maps the ad ids the report holds to their sections."""
    ids = [str(i) for i in _list(row.get("ad_ids"))]
    high = _number(row.get("high_risk"))
    return ClusterView(
        id=str(row.get("id", "")), size=int(_number(row.get("size")) or len(ids)),
        identifiers=tuple(_identifier(i) for i in _list(row.get("identifiers"))),
        link_kinds=tuple(str(k) for k in _list(row.get("link_kinds"))),
        sources=tuple(str(s) for s in _list(row.get("sources"))),
        max_score=_number(row.get("max_score")), high_risk=None if high is None else int(high),
        explanation=str(row.get("explanation") or row.get("summary") or ""),
        members=tuple(Member(i, anchors.get(i)) for i in ids[:MEMBERS_SHOWN]),
    )

