"""Web links and bare host names, reported by registered domain; messaging and social links
("wa.me/447700900123", "t.me/name", "instagram.com/name") as the handle or number they name.
"""

from __future__ import annotations

import re

from redflag.entities.base import MAX_FOUND, MESSAGING_KINDS, Context, Entity, Extractor, Spans
from redflag.entities.data import table, word_list
from redflag.entities.domains import TLDS, WORDY_TLDS, registered_domain

__all__ = ["URLS", "find"]

_URL = re.compile(r"(?<![\w@])(?:https?://|www\d{0,3}\.)[^\s<>\"'\[\]{}|\\^`]{1,500}")
_TLD_HIT = re.compile(r"\.(" + "|".join(sorted(TLDS, key=lambda t: (-len(t), t))) + r")(?![a-z0-9\-@])")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
# a host read backwards from its TLD (on the reversed text), and the dots and dashes that cannot start one
_HOST_BACK = re.compile(r"[a-z0-9.\-]{0,253}")
_LEADING_DOTS = re.compile(r"[.\-]*")
_PATH_TAIL = re.compile(r"/[^\s<>\"'\[\]{}|\\^`]{0,300}")
_NOT_DOMAINS = frozenset(word_list("not_domains"))
_MSG_HOSTS = {host: kind for kind, hosts in table("messaging_hosts").items() for host in hosts}
_NON_PROFILE_PATHS = frozenset(word_list("non_profile_paths"))


def _trim_url(s: int, e: int, low: str) -> int:
    while e > s and low[e - 1] in ".,;:!?)'\"*":
        if low[e - 1] == ")" and low.count("(", s, e) >= low.count(")", s, e):
            break
        e -= 1
    return e


def _messaging_link(kind: str, host: str, path: str) -> str | None:
    """Normalised handle or number behind a messaging or social link, if it names one."""
    parts = [p for p in re.split(r"[/?#&=]", path) if p]
    if kind == "whatsapp":
        m = re.search(r"(?:^|/|phone=)\+?(\d{7,15})", path)
        if m:
            import phonenumbers

            try:
                num = phonenumbers.parse("+" + m.group(1), None)
                return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            except phonenumbers.NumberParseException:
                return None
        if host.startswith("chat.") and parts:
            return "group:" + parts[0]
        return None
    if kind == "signal":
        m = re.search(r"\+(\d{7,15})", path)
        return "+" + m.group(1) if m else (("group:" + parts[-1]) if parts else None)
    if not parts:
        return None
    first = parts[0]
    if kind == "facebook" and first == "profile.php":
        m = re.search(r"id=(\d+)", path)
        return "id:" + m.group(1) if m else None
    if kind == "telegram" and (first.startswith("+") or first == "joinchat"):
        code = first[1:] if first.startswith("+") else (parts[1] if len(parts) > 1 else "")
        return "invite:" + code if code else None
    if kind == "viber":
        m = re.search(r"g\d?=([\w\-]+)", path)
        return "group:" + m.group(1) if m else None
    if first in _NON_PROFILE_PATHS:
        return None
    return first.lstrip("@").lower()


def find(text: str, context: Context) -> list[Entity]:
    """Links outside spans already claimed, each claimed as it is found."""
    low, taken = context.low, context.taken
    out: list[Entity] = []
    if "." not in low:
        return out
    found: list[tuple[int, int, int, int]] = []  # start, start of host, end of host, end
    if "http" in low or "www" in low:
        for m in _URL.finditer(low):
            if len(found) >= MAX_FOUND:
                break
            s = m.start()
            e = _trim_url(s, m.end(), low)
            hs = low.find("://", s, e)
            hs = hs + 3 if hs >= 0 else s
            he = hs
            while he < e and low[he] in _HOST_CHARS:
                he += 1
            if he > hs and "." in low[hs:he]:
                found.append((s, hs, he, e))
    claimed = Spans()  # what the links found so far cover, so a host inside one is not read again
    for s, _, _, e in found:
        claimed.add(s, e)
    backwards = ""
    for m in _TLD_HIT.finditer(low):
        if len(found) >= MAX_FOUND:
            break
        he = m.end()
        if not backwards:
            backwards = low[::-1]
        back = len(low) - m.start()
        hs = m.start() - (_HOST_BACK.match(backwards, back).end() - back)
        hs = _LEADING_DOTS.match(low, hs, m.start()).end()
        if hs == m.start() or (hs > 0 and low[hs - 1] in "@/\\_+%=&:#"):
            continue
        if claimed.covers(hs):
            continue
        host = low[hs:he]
        if host in _NOT_DOMAINS or ".." in host or not text[m.start() + 1:he].islower():
            continue
        e = he
        tail = _PATH_TAIL.match(low, he)
        if m.group(1) in WORDY_TLDS and not tail and host not in _MSG_HOSTS and registered_domain(host) not in _MSG_HOSTS:
            continue
        if tail:
            e = _trim_url(he, tail.end(), low)
        found.append((hs, hs, he, e))
        claimed.add(hs, e)
    for s, hs, he, e in found:
        if taken.overlaps(s, e):
            continue
        host = low[hs:he].rstrip(".")
        domain = registered_domain(host)
        kind = _MSG_HOSTS.get(domain) or _MSG_HOSTS.get(host)
        if kind:
            value = _messaging_link(kind, host, low[he:e])
            if value:
                out.append(Entity(kind=kind, value=value, text=text[s:e], start=s, end=e, domain=domain))
                taken.add(s, e)
                continue
        out.append(Entity(kind="url", value=domain, text=text[s:e], start=s, end=e, domain=domain))
        taken.add(s, e)
    return out


# links run whenever e-mails do, so their claims keep handles and phones off every link
URLS = Extractor(kinds=("url", *dict.fromkeys(_MSG_HOSTS.values())), find=find,
                 needed_for=frozenset({"email", "url", "messenger"}) | MESSAGING_KINDS)
