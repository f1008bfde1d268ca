"""The sentence of the ad around some evidence, with the evidence marked, trimmed to the room there is."""

from __future__ import annotations

import re
from collections.abc import Iterable

from redflag.render.doc import DIM, Line, Span
from redflag.result import Evidence
from redflag.rules.context import sentence_bounds

CONTEXT_CHARS = 90  # context either side of the evidence when there is no width to fill
_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text)


def _cut_left(text: str, room: int) -> tuple[str, bool]:
    """The end of ``text`` in ``room`` characters, starting on a word; and whether anything was cut."""
    if len(text) <= room:
        return text, False
    cut = text[len(text) - max(room, 0):]
    space = cut.find(" ")
    return (cut[space + 1:] if space >= 0 else ""), True


def _cut_right(text: str, room: int) -> tuple[str, bool]:
    """The start of ``text`` in ``room`` characters, ending on a word; and whether anything was cut."""
    if len(text) <= room:
        return text, False
    cut = text[:max(room, 0) + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space >= 0 else ""), True


def _mid_sentence(original: str, s: int) -> bool:
    """Whether the text before ``s`` ends inside a sentence (so the quote opens with an ellipsis)."""
    head = original[:s]
    gap = head[len(head.rstrip()):]
    return bool(head.strip()) and "\n" not in gap and head.rstrip()[-1] not in ".!?"


def quote(original: str, evidence: Iterable[Evidence], style: str, room: int | None = None) -> Line:
    """“…the sentence with [every phrase] of the first phrase's sentence marked…”, in ``room`` characters at most
    when it fits (the phrases themselves are never cut); the other phrases of other sentences are left out."""
    spans = sorted(evidence, key=lambda ev: (ev.start, ev.end))
    if not spans:
        return ()
    s, e = sentence_bounds(original, spans[0].start, spans[0].end)
    inside, end = [], -1
    for ev in spans:  # the phrases of this sentence, overlapping ones merged
        if ev.start < s or ev.end > max(e, spans[0].end):
            continue
        if inside and ev.start <= end:
            last = inside[-1]
            inside[-1], end = (last[0], max(end, ev.end)), max(end, ev.end)
        else:
            inside.append((ev.start, ev.end))
            end = ev.end
    body: list[Span] = []
    for i, (a, b) in enumerate(inside):
        if i:
            body.append(Span(_squash(original[inside[i - 1][1]:a])))
        body.append(Span(" ".join(original[a:b].split()), style))
    lo, hi = inside[0][0], inside[-1][1]
    before = _squash(original[s:lo]).lstrip()
    after = _squash(original[hi:max(e, hi)]).rstrip()
    if room is None:
        left_room = right_room = CONTEXT_CHARS
    else:
        spare = max(room - sum(len(x.text) for x in body) - 4, 0)  # the quotation marks and two ellipses
        left_room = min(len(before), spare // 2)
        right_room = spare - left_room
        left_room = spare - min(len(after), right_room)
    before, cut_before = _cut_left(before, left_room)
    after, cut_after = _cut_right(after, right_room)
    out = [Span("“", DIM)]
    if cut_before or _mid_sentence(original, s):
        out.append(Span("…", DIM))
    if before:
        out.append(Span(before))
    out += body
    if after:
        out.append(Span(after))
    if cut_after:
        out.append(Span("…", DIM))
    out.append(Span("”", DIM))
    return tuple(x for x in out if x.text)
