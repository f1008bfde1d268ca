"""E-mail addresses, plain or written out to dodge scrapers ("jane [at] mail [dot] com").

A plain "at" is read as an address only when the rest looks like one (a webmail host, digits
or dots in the name), so prose such as "work at home.net" stays prose.
"""

from __future__ import annotations

import re

from redflag.entities.base import MAX_FOUND, MESSAGING_KINDS, Context, Entity, Extractor
from redflag.entities.data import word_list
from redflag.entities.domains import TLDS, WORDY_TLDS, registered_domain

__all__ = ["EMAILS", "find"]

_EMAIL = re.compile(
    r"(?<![\w.+\-])[a-z0-9][a-z0-9._%+\-]{0,63}@[a-z0-9][a-z0-9\-]{0,62}(?:\.[a-z0-9\-]{1,63}){0,4}\.[a-z]{2,24}(?![\w\-])"
)
_AT = r"(?:\s{0,3}[\[({<]\s{0,2}(?:at|@)\s{0,2}[\])}>]\s{0,3}|\s{1,3}at\s{1,3}|\s{1,3}@\s{1,3})"
_DOT = r"(?:\s{0,3}[\[({<]\s{0,2}(?:dot|\.)\s{0,2}[\])}>]\s{0,3}|\s{1,3}dot\s{1,3}|\.)"
_OBF_EMAIL = re.compile(
    r"(?<![\w.+\-])([a-z0-9][a-z0-9._%+\-]{0,63})" + _AT + r"([a-z0-9][a-z0-9\-]{0,62})((?:" + _DOT + r"[a-z0-9\-]{1,63}){1,4})(?![\w\-])"
)
_MAIL_PROVIDERS = frozenset(word_list("mail_providers"))
_OBF_TAIL = re.compile(
    r"\s{0,3}[a-z0-9][a-z0-9\-]{0,62}(?:\s{0,3}[\[({<]\s{0,2}(?:dot|\.)\s{0,2}[\])}>]\s{0,3}|\s{1,3}dot\s{1,3}|\.)[a-z0-9]"
)
_AT_SIGN = re.compile(r"(?<=[a-z0-9._%+\-])@")  # an "@" with nothing of an address before it starts none
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._%+-")
_OBF_ANCHORS = ("[at]", "(at)", "{at}", "<at>", "[@]", "(@)", " @ ", " at ", "[ at ]", "( at )")


def find(text: str, context: Context) -> list[Entity]:
    """Addresses outside spans already claimed, each claimed as it is found."""
    low, taken = context.low, context.taken
    out: list[Entity] = []
    last = -1
    sign = _AT_SIGN.search(low)
    while sign and len(out) < MAX_FOUND:
        at = start = sign.start()
        while start > 0 and at - start < 64 and low[start - 1] in _LOCAL_CHARS:
            start -= 1
        while start < at and low[start] in "._%+-":
            start += 1
        m = _EMAIL.match(low, start) if start > last and start < at else None
        if m:
            s, e = m.span()
            value = m.group(0)
            out.append(Entity(kind="email", value=value, text=text[s:e], start=s, end=e,
                              domain=registered_domain(value.rsplit("@", 1)[1])))
            taken.add(s, e)
            last = e
        sign = _AT_SIGN.search(low, max(at + 1, last))
    for anchor in _OBF_ANCHORS:
        p = low.find(anchor)
        while p >= 0 and len(out) < MAX_FOUND:
            if not taken.overlaps(p, p + len(anchor)) and _OBF_TAIL.match(low, p + len(anchor)):
                start = p
                while start > 0 and p - start < 3 and low[start - 1] in " \t":
                    start -= 1
                local_end = start
                while start > 0 and local_end - start < 64 and low[start - 1] in _LOCAL_CHARS:
                    start -= 1
                m = _OBF_EMAIL.match(low, start) if start < local_end else None
                ent = _obf_email(text, m) if m and m.end() > p + len(anchor) else None
                if ent:
                    out.append(ent)
                    taken.add(ent.start, ent.end)
            p = low.find(anchor, p + 1)
    return out


def _obf_email(text: str, m: re.Match) -> Entity | None:
    local, host, rest = m.group(1), m.group(2), m.group(3)
    labels = [host] + re.findall(r"[a-z0-9\-]+", re.sub(r"\bdot\b", ".", rest))
    if labels[-1] not in TLDS:
        return None
    whole = m.group(0)
    plain_at = not any(c in whole for c in "[({<")
    if plain_at and "dot" not in rest and host not in _MAIL_PROVIDERS and (
        not re.search(r"[\d._]", local) or labels[-1] in WORDY_TLDS or not text[m.start(3):m.end()].islower()
    ):
        return None  # "work at home.net" and "10th at 8am.To apply" are prose, not addresses
    s, e = m.span()
    return Entity(kind="email", value=local + "@" + ".".join(labels), text=text[s:e], start=s, end=e,
                  domain=registered_domain(".".join(labels)))


# e-mails claim their spans first, so links are not read inside addresses
EMAILS = Extractor(kinds=("email",), find=find, needed_for=frozenset({"email", "url", "messenger"}) | MESSAGING_KINDS)
