"""A scan-result row (from a results file or the case store) as the report shows one ad.

Rows come from files a user hands over, so every cell is checked here and a row that is not a
scan result raises ``BadRow`` naming the cell; rendering code then trusts the ``Ad`` it gets.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from redflag.errors import InputError
from redflag.render.html.anchors import ad_anchor
from redflag.render.html.highlight import Segment, Span, segments

REQUIRED = ("id", "score", "level")  # the cells without which a row is not a scan result
FIRST_WORDS = 14  # words of the ad shown in the table of the riskiest ads
FIRST_CHARS = 120


class BadRow(InputError):
    """A row that cannot be shown as a scan result; the message says which cell is wrong."""


@dataclass(frozen=True, slots=True)
class FlagView:
    """A red flag of one ad with its phrases."""

    id: str
    title: str
    phrases: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Ad:
    """Everything the report shows of one ad."""

    id: str
    anchor: str
    score: float
    level: str
    lang: str
    harms: tuple[str, ...]
    flags: tuple[str, ...]
    reassuring: tuple[str, ...]
    probability: float | None
    evidence: tuple[FlagView, ...]
    entities: tuple[Mapping, ...]
    text: str | None
    source: str | None
    date: dt.date | None
    segments: tuple[Segment, ...]
    lost: tuple[Span, ...]  # phrases whose offsets do not hold them in the text shown

    @property
    def first_words(self) -> str:
        """The opening of the ad, or its first quoted phrase when the row carries no text."""
        if self.text:
            words = self.text.split()
            opening = " ".join(words[:FIRST_WORDS])
            cut = len(words) > FIRST_WORDS or len(opening) > FIRST_CHARS
            return (opening[:FIRST_CHARS].rstrip() + "…") if cut else opening
        for flag in self.evidence:
            for span in flag.phrases:
                return f"“{span.quote}”"
        return ""


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str) and not value.strip())


def _id_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any, name: str, low: float | None = None, high: float | None = None) -> float:
    if isinstance(value, bool):
        raise BadRow(f"{name} {value!r} is not a number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise BadRow(f"{name} {str(value)[:40]!r} is not a number") from None
    if math.isnan(number) or (low is not None and number < low) or (high is not None and number > high):
        raise BadRow(f"{name} {number:g} is out of range")
    return number


def _ids(value: Any) -> tuple[str, ...]:
    """A ';'-joined cell (or a list) as a tuple of non-empty names."""
    if _blank(value):
        return ()
    items = value if isinstance(value, (list, tuple)) else str(value).split(";")
    return tuple(s for s in (str(i).strip() for i in items) if s)


def _nested(value: Any, name: str) -> list:
    """A list cell: as is, or from the JSON text a Parquet file holds."""
    if _blank(value):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise BadRow(f"{name} is neither a list nor JSON text") from None
    if hasattr(value, "tolist"):  # numpy arrays from pyarrow
        value = value.tolist()
    if not isinstance(value, (list, tuple)):
        raise BadRow(f"{name} is not a list")
    return list(value)


def _evidence(value: Any) -> tuple[FlagView, ...]:
    flags = []
    for item in _nested(value, "evidence"):
        if not isinstance(item, Mapping) or _blank(item.get("id")):
            raise BadRow("evidence holds an entry without a flag id")
        phrases = []
        for e in _nested(item.get("evidence"), "evidence"):
            if not isinstance(e, Mapping):
                raise BadRow(f"evidence of {item['id']} holds something that is not a phrase")
            try:
                start, end = int(e["start"]), int(e["end"])
            except (KeyError, TypeError, ValueError):
                raise BadRow(f"evidence of {item['id']} has a phrase without start and end offsets") from None
            phrases.append(Span(str(item["id"]), start, end, str(e.get("text") or "")))
        flags.append(FlagView(str(item["id"]), str(item.get("title") or ""), tuple(phrases)))
    return tuple(flags)


def _date(value: Any) -> dt.date | None:
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            return None  # an unreadable date leaves the ad out of the timeline, not out of the report


def to_ad(row: Mapping, *, text_key: str = "text", source_key: str = "source", date_key: str | None = "date") -> Ad:
    """The ad a scan-result row describes; ``BadRow`` when a cell is missing or malformed."""
    missing = [k for k in REQUIRED if k not in row or (_blank(row[k]) and k != "id")]
    if missing or row.get("id") is None:
        raise BadRow(f"no {', '.join(missing or ['id'])} cell: not a scan result")
    ad_id = _id_text(row["id"])
    level = str(row["level"]).strip()
    text = row.get(text_key)
    text = None if _blank(text) else str(text)
    source = row.get(source_key)
    source = None if _blank(source) else str(source).strip()
    probability = row.get("model_probability")
    probability = None if _blank(probability) else _number(probability, "model_probability", 0.0, 1.0)
    entities = tuple(e for e in _nested(row.get("entities"), "entities") if isinstance(e, Mapping))
    evidence = _evidence(row.get("evidence"))
    flags = _ids(row.get("flags")) or tuple(f.id for f in evidence)
    spans = [s for f in evidence for s in f.phrases]
    cut, lost = segments(text, spans) if text is not None else ([], spans)
    return Ad(
        id=ad_id, anchor=ad_anchor(ad_id), score=_number(row["score"], "score", 0.0, 100.0), level=level,
        lang=str(row.get("lang") or "und"), harms=_ids(row.get("harm")), flags=flags,
        reassuring=_ids(row.get("reassuring")), probability=probability, evidence=evidence, entities=entities,
        text=text, source=source, date=_date(row.get(date_key)) if date_key else None,
        segments=tuple(cut), lost=tuple(lost),
    )
