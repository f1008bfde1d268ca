"""Messaging handles named with their service ("Telegram: @name", "WeChat ID: abc_123").

A word after a service's name counts as a handle only when it is marked as one (an "@", a
colon, "ID:") or looks like one (digits, underscores), so "Instagram page" stays prose.
"""

from __future__ import annotations

import re

from redflag.entities.base import MAX_FOUND, Context, Entity, Extractor
from redflag.entities.data import word_list
from redflag.entities.folding import cues
from redflag.entities.folding import alternation
from redflag.entities.messengers import NAMES, WEAK

__all__ = ["HANDLES", "find"]

_HANDLE_KIND = {"telegram": "telegram", "tg": "telegram", "instagram": "instagram", "insta": "instagram",
                "ig": "instagram", "facebook": "facebook", "fb": "facebook", "wechat": "wechat",
                "weixin": "wechat", "we chat": "wechat", "viber": "viber", "signal": "signal"}
# names in the other languages ("телеграм", "zalo", "line"); the weak ones need an "@" or an "ID"
_STRICT = frozenset(n for n in WEAK if n not in _HANDLE_KIND)
_HANDLE_KIND = {**{n: k for n, k in {**WEAK, **NAMES}.items() if k != "whatsapp"}, **_HANDLE_KIND}
_HANDLE = re.compile(
    r"(?<!\w)(" + alternation(_HANDLE_KIND) + r")"
    r"((?:\s{0,3}(?:id|username|user|handle|account|acc|name|profile))?\s{0,2}[:\-=]?\s{0,3}(?:[:\-=]\s{0,3})?)"
    r"(@?[a-z][a-z0-9_.\-]{2,31})"
)
_HANDLE_STOP = frozenset(word_list("handle_stop_words"))
_HANDLE_CUES = cues(*(w for n in _HANDLE_KIND for w in n.split()))
_NON_ASCII = tuple(n for n in _HANDLE_KIND if not n.isascii())


def find(text: str, context: Context) -> list[Entity]:
    """Handles outside spans already claimed, each claimed as it is found."""
    low, taken = context.low, context.taken
    out: list[Entity] = []
    if not context.words & _HANDLE_CUES and not (not low.isascii() and any(n in low for n in _NON_ASCII)):
        return out
    for m in _HANDLE.finditer(low):
        if len(out) >= MAX_FOUND:
            break
        handle = m.group(3).rstrip(".-")
        s = m.start(3)
        e = s + len(handle)
        at = handle.startswith("@")
        bare = handle.lstrip("@")
        if bare in _HANDLE_STOP or taken.overlaps(s, e):
            continue
        name = re.sub(r"\s+", " ", m.group(1))
        if name in _STRICT and not (at or "id" in m.group(2)):
            continue  # "bottom line: good pay"
        if not (at or any(c in m.group(2) for c in ":=") or re.search(r"[\d_]", bare)):
            continue
        out.append(Entity(kind=_HANDLE_KIND[name], value=bare, text=text[s:e], start=s, end=e))
        taken.add(s, e)
    return out


HANDLES = Extractor(kinds=tuple(dict.fromkeys(_HANDLE_KIND.values())), find=find,
                    needed_for=frozenset({*_HANDLE_KIND.values(), "messenger"}))
