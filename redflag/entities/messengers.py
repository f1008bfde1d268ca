"""Messaging services an ad sends its readers to, named in any supported language ("chama no zap",
"liên hệ Zalo", "пишите в телегу", "message sa Viber").

The names are shared with handles and phones, which report the handle or number written after one
with the service's kind; a service named with no identifier after it is a ``messenger`` entity whose
value is the service. Weak names ("wa", "zap", "tg", "line", "pm") name a service only after a
contact word ("chama no zap", "hubungi WA"), or for handles and phones right before the handle or
number, since elsewhere they are words ("Seattle, WA", "bottom line").
"""

from __future__ import annotations

import re

from redflag.entities.base import MAX_FOUND, Context, Entity, Extractor
from redflag.entities.data import table
from redflag.entities.folding import alternation, cues, fold

__all__ = ["MESSENGERS", "NAMES", "WEAK", "KINDS", "find"]

_DATA = table("messengers")
# folded name -> the kind its contacts are reported as
NAMES: dict[str, str] = {fold(n): kind for kind, names in _DATA["names"].items() for n in names}
WEAK: dict[str, str] = {fold(n): kind for kind, names in _DATA["weak"].items() for n in names}
KINDS = tuple(dict.fromkeys((*_DATA["names"], *_DATA["weak"])))
# an identifier claimed this close after a name is the contact it introduces
_FOLLOWS = 30


_NAME_AT = re.compile(r"(?<!\w)(" + alternation({*NAMES, *WEAK}) + ")")
_CONTACT_BEFORE = re.compile(r"(?<!\w)" + alternation(_DATA["contact"]) + r"\W{0,3}$")
_ASCII = {n for n in {*NAMES, *WEAK} if n.isascii() and n.isalnum()}
_NAME_CUES = cues(*_ASCII)
_FOUND_NAMES = tuple(sorted({fold(n) for n in {*NAMES, *WEAK}} - _ASCII))


def find(text: str, context: Context) -> list[Entity]:
    """Services named as a way to make contact, where no handle or number follows the name."""
    low, taken = context.low, context.taken
    starts: set[int] = set()
    for word in (*(w.decode() for w in context.words & _NAME_CUES), *_FOUND_NAMES):
        p = low.find(word)
        while p >= 0 and len(starts) < 4 * MAX_FOUND:
            starts.add(p)
            p = low.find(word, p + 1)
    out: list[Entity] = []
    skip_to = 0
    for p in sorted(starts):
        if len(out) >= MAX_FOUND:
            break
        if p < skip_to:
            continue
        m = _NAME_AT.match(low, p)
        if not m:
            continue
        s, e = m.span()
        name = re.sub(r"\s+", " ", m.group(1))
        kind = NAMES.get(name)
        if kind is None:
            kind = WEAK.get(name)
            if kind is None or not _CONTACT_BEFORE.search(low, max(0, s - 24), s):
                continue
        skip_to = e
        if taken.overlaps(s, e) or taken.overlaps(e, min(len(low), e + _FOLLOWS)):
            continue  # part of a link or handle, or the handle or number after it is reported instead
        out.append(Entity(kind="messenger", value=kind, text=text[s:e], start=s, end=e))
    return out


MESSENGERS = Extractor(kinds=("messenger",), find=find)
