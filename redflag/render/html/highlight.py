"""Evidence phrases marked in their ad's text at the exact offsets the scan gave, overlaps merged.

Offsets count Python characters (code points) of the text the user supplied, in every script; the
text is cut here, never in the browser, so an emoji or a combining mark cannot shift a highlight.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A phrase of a red flag: where it is in the text, and what the scan quoted."""

    flag: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the text, with the red flags whose phrases cover it (none: plain text)."""

    text: str
    flags: tuple[str, ...] = ()


def _squash(text: str) -> str:
    return " ".join(text.split())


def located(span: Span, text: str) -> bool:
    """Whether the span's offsets hold its quote in ``text`` (compact quotes of CSV cells are shortened with '…')."""
    if not 0 <= span.start < span.end <= len(text):
        return False
    found, quote = _squash(text[span.start:span.end]), _squash(span.quote)
    if found == quote:
        return True
    return quote.endswith("…") and found.startswith(quote[:-1].rstrip())


def merge(spans: Iterable[Span]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Overlapping spans joined into one ``(start, end, flags)``; spans that only touch stay apart."""
    merged: list[list] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and s.start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], s.end)
            if s.flag not in last[2]:
                last[2].append(s.flag)
        else:
            merged.append([s.start, s.end, [s.flag]])
    return [(a, b, tuple(flags)) for a, b, flags in merged]


def segments(text: str, spans: Iterable[Span]) -> tuple[list[Segment], list[Span]]:
    """The text cut into plain and marked runs, and the spans whose offsets do not hold their quote."""
    spans = list(spans)
    good = [s for s in spans if located(s, text)]
    lost = [s for s in spans if s not in good]
    out: list[Segment] = []
    at = 0
    for start, end, flags in merge(good):
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], flags))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out, lost
