"""Contact identifiers and targeting cues in ad text, with offsets into the original string.

Investigators link ads through the phones, handles, emails and sites they share, and read
who an ad targets from its ages, nationalities and genders; this module finds all of them,
undoing the usual obfuscations while keeping every span on the text the user gave.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from typing import Collection, Iterable

from redflag.text.normalise import LOOKALIKES


__all__ = [
    "Entity",
    "KINDS",
    "IDENTIFIER_KINDS",
    "REDACTED_KINDS",
    "DEFAULT_SALT",
    "extract",
    "redact",
    "redact_entity",
    "redaction_token",
    "registered_domain",
    "link_key",
]

KINDS = (
    "phone", "email", "whatsapp", "telegram", "wechat", "viber", "signal", "instagram",
    "facebook", "url", "money", "age", "nationality", "gender",
)
MESSAGING_KINDS = frozenset({"whatsapp", "telegram", "wechat", "viber", "signal", "instagram", "facebook"})
REDACTED_KINDS = frozenset({"phone", "email"}) | MESSAGING_KINDS
IDENTIFIER_KINDS = REDACTED_KINDS | {"url"}
DEFAULT_SALT = "redflag-v1"


@dataclass(frozen=True, kw_only=True, slots=True)
class Entity:
    """One identifier or targeting cue: ``text == input[start:end]``, ``value`` is normalised."""

    kind: str
    value: str
    text: str
    start: int
    end: int
    domain: str | None = None

    def to_dict(self) -> dict:
        d = {"kind": self.kind, "value": self.value, "text": self.text, "start": self.start, "end": self.end}
        if self.domain is not None:
            d["domain"] = self.domain
        return d

    def redacted(self, salt: str = DEFAULT_SALT) -> dict:
        """The JSON form with contact details replaced by their stable token."""
        return redact_entity(self, salt)


# --- folding: same-length rewrite so regex offsets stay valid on the original ------------

_CONFUSABLES = {
    **LOOKALIKES,
    # invisible or odd spacing that splits words and numbers
    "\u00a0": " ", "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ",
    "\u00ad": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\uff20": "@", "\uffe1": "£", "\uffe5": "¥", "\u2024": ".", "\u3002": ".", "\uff0e": ".",
}
_FOLD = {ord(k): v for k, v in _CONFUSABLES.items()}
_FOLD.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)})  # fullwidth ASCII
for _base in (0x0660, 0x06F0, 0x0966, 0x09E6, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6):
    _FOLD.update({_base + i: str(i) for i in range(10)})
_FOLD.update({cp: chr(ord("0") + cp - 0x2460 + 1) for cp in range(0x2460, 0x2469)})  # circled 1-9


_FOLD_CHARS = {chr(k): v for k, v in _FOLD.items()}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_TABLE = bytes(b if b < 128 and chr(b).isalnum() else 32 for b in range(256))


def _fold(text: str) -> str:
    """Lower-cased, de-confused copy of ``text`` with exactly the same length."""
    if not text.isascii():
        for ch in set(_NON_ASCII.findall(text)):
            sub = _FOLD_CHARS.get(ch)
            if sub:
                text = text.replace(ch, sub)
    low = text.lower()
    if len(low) != len(text):  # a few letters (e.g. dotted capital I) lower to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _words(low: str) -> frozenset[bytes]:
    """The ASCII words of the folded text: cheap keyword pre-checks before any regex runs."""
    return frozenset(low.encode("utf-8", "ignore").translate(_WORD_TABLE).split())


def _cues(*words: str) -> frozenset[bytes]:
    return frozenset(w.encode() for w in words)


def _positions(low: str, word: str):
    """Start offsets of ``word`` where it stands as a whole word."""
    n = len(word)
    i = low.find(word)
    while i >= 0:
        if (i == 0 or not low[i - 1].isalnum()) and (i + n >= len(low) or not low[i + n].isalnum()):
            yield i
        i = low.find(word, i + 1)


# --- phones ----------------------------------------------------------------------------

_SEP = r"[ \t.\-/()]"
_PHONE_CAND = re.compile(r"\d(?:" + _SEP + r"{0,3}\d){6,17}(?!\w)")
_PHONE_PREFIX = re.compile(r"(?:\+ ?|\(\+?|\()$")
_NUM_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
_WORD_TOKEN = r"(?:\d{1,4}(?!\d)|zero|one|two|three|four|five|six|seven|eight|nine)"
_PHONE_WORDS = re.compile(
    r"(?<![\w+])(?:\+ ?)?" + _WORD_TOKEN + r"(?:[ \t.\-,/]{1,3}" + _WORD_TOKEN + r"){6,20}\b"
)
_NUM_CUES = _cues(*_NUM_WORDS)
_DATE_LIKE = re.compile(
    r"^(?:\d{1,2}[./\-]\d{1,2}[./\-](?:19|20)?\d{2}|(?:19|20)\d{2}[./\-]\d{1,2}[./\-]\d{1,2}"
    r"|(?:19|20)\d{2} ?- ?(?:19|20)\d{2}|\d{1,2}[.:]\d{2} ?- ?\d{1,2}[.:]\d{2})$"
)
_PHONE_CUE = re.compile(
    r"(?:phone|tel|telephone|mobile|mob|cell|call|text|sms|ring|contact|whats ?app|viber|signal|"
    r"telegram|wechat|fax|hotline|number|dial|reach|wa|tg|nr|no)\b\W{0,6}(?:on|at|me|us|or)?\W{0,4}$"
)
_STRONG_CUE = re.compile(
    r"(?:phone|tel|telephone|mobile|mob|cell|call|text|sms|ring|whats ?app|viber|signal|telegram|"
    r"wechat|fax|hotline|dial|wa)\b"
)
_NOT_PHONE_BEFORE = re.compile(
    r"(?:ref(?:erence)?|order|invoice|id|code|account|acct|a/c|iban|sort|po|tracking|serial|item|"
    r"sku|vacancy|job|reg(?:istration)?|vat|licen[cs]e|case|ticket|postcode|zip|isbn|pin|batch)"
    r"\W{0,4}(?:no|nr|number|#|id|code)?\W{0,4}$|[#№£$€¥₹]\s?$"
)
_MONEY_AFTER = re.compile(r"^\s?(?:[£$€¥₹]|usd|gbp|eur|euros?|pounds?|dollars?|per\b|/\s?(?:h|hr|hour|day|week|month|year))")
_MESSENGER_BEFORE = re.compile(
    r"(whats ?app|w\W{0,2}h\W{0,2}a\W{0,2}t\W{0,2}s\W{0,2}a\W{0,2}p\W{0,2}p|wh?ats?ap+|wa(?= ?[:\-+])|"
    r"viber|signal|telegram|tg(?= ?[:\-+])|wechat|weixin)\b[^0-9\n]{0,20}$"
)
_MESSENGER_AFTER = re.compile(r"\W{0,3}(?:on |via |only on |\()?\s?(whats ?app|viber|signal|telegram|wechat)\b")
_MESSENGER_NAMES = {"viber": "viber", "signal": "signal", "telegram": "telegram", "tg": "telegram",
                    "wechat": "wechat", "weixin": "wechat"}


def _messenger(name: str) -> str:
    return _MESSENGER_NAMES.get(name.replace(" ", ""), "whatsapp")


def _parse_phone(digits: str, region: str | None, intl: bool, cued: bool, spaced: bool) -> str | None:
    """E.164 form of a digit string, or None when it is not a plausible phone number."""
    if intl:
        candidates = ["+" + digits]
        regions: tuple[str | None, ...] = (None,)
    else:
        candidates = [digits]
        if region:
            regions = (region.upper(),)
        elif cued:
            # national formats: a trunk 0 rules out North America, whose area codes start 2-9
            regions = ("GB",) if digits.startswith("0") else ("US",)
        else:
            return None
    import phonenumbers  # imported on first phone candidate: a single check of an ad without one skips its cost

    possible = None
    for cand in candidates:
        for reg in regions:
            try:
                num = phonenumbers.parse(cand, reg)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(num):
                return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            if possible is None and phonenumbers.is_possible_number(num):
                possible = num
    # fictional/reserved ranges are often printed in ads; accept them only with strong signs of a phone
    if possible is not None and (intl or cued or (spaced and len(digits) >= 10)):
        return phonenumbers.format_number(possible, phonenumbers.PhoneNumberFormat.E164)
    return None


def _phone_kind(low: str, start: int, end: int) -> tuple[str, int]:
    """Which messenger (or plain phone) the number belongs to, and how strongly it is cued (0-2)."""
    before = low[max(0, start - 30):start]
    m = _MESSENGER_BEFORE.search(before)
    if m:
        return _messenger(m.group(1)) if not m.group(1).startswith(("w", "wa")) else "whatsapp", 2
    m = _MESSENGER_AFTER.match(low, end, min(len(low), end + 24))
    if m:
        return _messenger(m.group(1)), 2
    if _STRONG_CUE.search(before):
        return "phone", 2
    return "phone", 1 if _PHONE_CUE.search(before[-16:]) else 0


def _phones(text: str, low: str, words: frozenset[bytes], region: str | None, taken: _Spans) -> list[Entity]:
    out: list[Entity] = []
    spans: list[tuple[int, int, str]] = []
    for word in words & _NUM_CUES:
        skip_to = 0
        for p in _positions(low, word.decode()):
            if p < skip_to or any(a <= p < b for a, b, _ in spans):
                continue
            skip_to = p + 100
            m = _PHONE_WORDS.search(low, max(0, p - 30), p + 160)
            if m and m.start() <= p < m.end():
                tokens = re.findall(r"\d+|[a-z]+", m.group(0))
                spans.append((m.start(), m.end(), "".join(_NUM_WORDS.get(t, t) for t in tokens)))
    for m in _PHONE_CAND.finditer(low):
        s, e = m.start(), m.end()
        if s and (low[s - 1].isalnum() or low[s - 1] in "_#/."):
            continue
        pre = _PHONE_PREFIX.search(low, max(0, s - 3), s)
        if pre:
            s = pre.start()
            if s and (low[s - 1].isalnum() or low[s - 1] in "+#/"):
                continue
        if any(s < b and a < e for a, b, _ in spans):
            continue
        spans.append((s, e, None))
    for s, e, digits in spans:
        if taken.overlaps(s, e):
            continue
        chunk = low[s:e]
        if chunk.startswith("(") and ")" not in chunk:
            s, chunk = s + 1, chunk[1:]
        if digits is None:
            if _DATE_LIKE.match(chunk):
                continue
            digits = re.sub(r"\D", "", chunk)
        before = low[max(0, s - 24):s]
        kind, cued = _phone_kind(low, s, e)
        if cued < 2 and (_NOT_PHONE_BEFORE.search(before) or _MONEY_AFTER.match(low[e:e + 12])):
            continue
        intl = chunk.lstrip("(").startswith("+")
        if not intl and digits.startswith("00") and len(digits) > 9:
            intl, digits = True, digits[2:]
        spaced = len(chunk) > len(digits) + (1 if intl else 0)
        value = None
        # a greedy span may swallow a neighbouring number: retry without its last group
        groups = re.findall(r"\d+", chunk) if digits.isdigit() and len(chunk) > len(digits) else []
        while True:
            if 7 <= len(digits) <= 15:
                value = _parse_phone(digits, region, intl, cued > 0, spaced)
            if value or len(groups) < 3:
                break
            last = groups.pop()
            digits = digits[: len(digits) - len(last)]
            e = s + low.rfind(last, s, e)
            e = s + len(text[s:e].rstrip(" \t.-/("))
        if value:
            out.append(Entity(kind=kind, value=value, text=text[s:e], start=s, end=e))
            taken.add(s, e)
    return out


# --- emails ----------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+\-])[a-z0-9][a-z0-9._%+\-]{0,63}@[a-z0-9][a-z0-9\-]{0,62}(?:\.[a-z0-9\-]{1,63}){0,4}\.[a-z]{2,24}(?![\w\-])"
)
_AT = r"(?:\s{0,3}[\[({<]\s{0,2}(?:at|@)\s{0,2}[\])}>]\s{0,3}|\s{1,3}at\s{1,3}|\s{1,3}@\s{1,3})"
_DOT = r"(?:\s{0,3}[\[({<]\s{0,2}(?:dot|\.)\s{0,2}[\])}>]\s{0,3}|\s{1,3}dot\s{1,3}|\.)"
_OBF_EMAIL = re.compile(
    r"(?<![\w.+\-])([a-z0-9][a-z0-9._%+\-]{0,63})" + _AT + r"([a-z0-9][a-z0-9\-]{0,62})((?:" + _DOT + r"[a-z0-9\-]{1,63}){1,4})(?![\w\-])"
)
_MAIL_PROVIDERS = frozenset({
    "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "aol", "icloud", "mail",
    "gmx", "yandex", "protonmail", "proton", "zoho", "rambler", "ukr", "inbox", "bk", "list", "qq",
    "163", "126", "rediffmail", "web", "libero", "seznam", "wp", "o2", "interia", "abv",
})


_OBF_TAIL = re.compile(
    r"\s{0,3}[a-z0-9][a-z0-9\-]{0,62}(?:\s{0,3}[\[({<]\s{0,2}(?:dot|\.)\s{0,2}[\])}>]\s{0,3}|\s{1,3}dot\s{1,3}|\.)[a-z0-9]"
)
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._%+-")
_OBF_ANCHORS = ("[at]", "(at)", "{at}", "<at>", "[@]", "(@)", " @ ", " at ", "[ at ]", "( at )")


def _emails(text: str, low: str, taken: _Spans) -> list[Entity]:
    out: list[Entity] = []
    last = -1
    at = low.find("@")
    while at >= 0:
        start = at
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
        at = low.find("@", max(at + 1, last))
    for anchor in _OBF_ANCHORS:
        p = low.find(anchor)
        while p >= 0:
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
    if labels[-1] not in _TLDS:
        return None
    whole = m.group(0)
    plain_at = not any(c in whole for c in "[({<")
    if plain_at and "dot" not in rest and host not in _MAIL_PROVIDERS and (
        not re.search(r"[\d._]", local) or labels[-1] in _WORDY_TLDS or not text[m.start(3):m.end()].islower()
    ):
        return None  # "work at home.net" and "10th at 8am.To apply" are prose, not addresses
    s, e = m.span()
    return Entity(kind="email", value=local + "@" + ".".join(labels), text=text[s:e], start=s, end=e,
                  domain=registered_domain(".".join(labels)))


# --- URLs, registered domains and messaging links -------------------------------------

_TLDS = frozenset("""
com net org info biz edu gov mil int io co me us uk ca au de fr es it nl be ch at se no dk fi is
pl ru ua ro bg md by lt lv ee cz sk hu gr tr cy pt ie il in pk bd lk np cn hk tw jp kr sg my th vn
ph id ng gh ke za eg ae sa qa kw om bh ma tn br ar mx cl pe ve ec uy nz su rs hr si ba mk al ge am
az kz uz kg mn la kh mm online site xyz top club shop store app dev tech live work jobs agency
careers email link click ltd global world today space website biz pro mobi tv cc ws ly to ai eu
asia fun vip icu cyou buzz life best
""".split())
# Suffixes under which registrations happen at the third level.
_MULTI_SUFFIXES = frozenset("""
co.uk org.uk ac.uk gov.uk me.uk ltd.uk plc.uk net.uk com.au net.au org.au edu.au gov.au co.nz
org.nz net.nz co.za org.za com.br net.br org.br com.cn net.cn org.cn gov.cn co.jp ne.jp or.jp
co.in net.in org.in firm.in gen.in com.mx org.mx com.tr net.tr org.tr com.sg com.my com.ph
com.ng com.gh co.ke or.ke com.pk com.ua kiev.ua com.ar co.id or.id co.kr or.kr com.hk com.tw
co.th in.th com.vn com.eg com.sa com.qa co.il org.il com.pl net.pl com.ro co.at or.at com.es
com.pe com.co com.ve com.ec com.uy com.bd com.np com.lk com.cy com.gr co.ua org.ua com.ru
""".split())
_URL = re.compile(r"(?<![\w@])(?:https?://|www\d{0,3}\.)[^\s<>\"'\[\]{}|\\^`]{1,500}")
_TLD_HIT = re.compile(r"\.(" + "|".join(sorted(_TLDS, key=len, reverse=True)) + r")(?![a-z0-9\-@])")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
_PATH_TAIL = re.compile(r"/[^\s<>\"'\[\]{}|\\^`]{0,300}")
# TLDs that are also English words: joined sentences ("taken.Work") look like domains
_WORDY_TLDS = frozenset("""
work to be it by no at me is us in as so do go my am an space email live today life best fun site
online world global link click pro top shop store app dev tech agency careers jobs club info co
""".split())
_NOT_DOMAINS = frozenset({"asp.net", "vb.net", "ado.net", "node.js", "e.g", "i.e"})
_MSG_HOSTS = {
    "wa.me": "whatsapp", "whatsapp.com": "whatsapp", "t.me": "telegram", "telegram.me": "telegram",
    "telegram.dog": "telegram", "instagram.com": "instagram", "instagr.am": "instagram",
    "facebook.com": "facebook", "fb.com": "facebook", "fb.me": "facebook", "m.me": "facebook",
    "viber.com": "viber", "signal.me": "signal", "signal.group": "signal",
}
_NON_PROFILE_PATHS = frozenset({
    "p", "reel", "reels", "explore", "stories", "share", "sharer", "sharer.php", "groups", "pages",
    "events", "watch", "login", "accounts", "send", "tv", "home.php", "s", "joinchat", "addstickers", "",
})


def registered_domain(host: str) -> str:
    """The domain a person registers (``jobs.example.co.uk`` -> ``example.co.uk``), offline."""
    host = host.strip(".").lower()
    if host.startswith("www.") or re.match(r"www\d\.", host):
        host = host.split(".", 1)[1]
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    n = 3 if ".".join(labels[-2:]) in _MULTI_SUFFIXES else 2
    return ".".join(labels[-n:])


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


def _urls(text: str, low: str, taken: _Spans) -> list[Entity]:
    out: list[Entity] = []
    found: list[tuple[int, int, int]] = []  # start, end of host, end
    if "http" in low or "www" in low:
        for m in _URL.finditer(low):
            s = m.start()
            e = _trim_url(s, m.end(), low)
            hs = low.find("://", s, e)
            hs = hs + 3 if hs >= 0 else s
            he = hs
            while he < e and low[he] in _HOST_CHARS:
                he += 1
            if he > hs and "." in low[hs:he]:
                found.append((s, hs, he, e))
    for m in _TLD_HIT.finditer(low):
        he = m.end()
        hs = m.start()
        while hs > 0 and low[hs - 1] in _HOST_CHARS and m.start() - hs < 253:
            hs -= 1
        while hs < m.start() and low[hs] in ".-":
            hs += 1
        if hs == m.start() or (hs > 0 and low[hs - 1] in "@/\\_+%=&:#"):
            continue
        if any(a <= hs < b for a, _, _, b in found):
            continue
        host = low[hs:he]
        if host in _NOT_DOMAINS or ".." in host or not text[m.start() + 1:he].islower():
            continue
        e = he
        tail = _PATH_TAIL.match(low, he)
        if m.group(1) in _WORDY_TLDS and not tail and host not in _MSG_HOSTS and registered_domain(host) not in _MSG_HOSTS:
            continue
        if tail:
            e = _trim_url(he, tail.end(), low)
        found.append((hs, hs, he, e))
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


# --- handles named with their messenger ("Telegram: @name", "WeChat ID: abc123") -------

_HANDLE = re.compile(
    r"\b(telegram|tg|instagram|insta|ig|facebook|fb|wechat|weixin|we chat|viber|signal)\b"
    r"((?:\s{0,3}(?:id|username|user|handle|account|acc|name|profile))?\s{0,2}[:\-=]?\s{0,3}(?:[:\-=]\s{0,3})?)"
    r"(@?[a-z][a-z0-9_.\-]{2,31})"
)
_HANDLE_KIND = {"telegram": "telegram", "tg": "telegram", "instagram": "instagram", "insta": "instagram",
                "ig": "instagram", "facebook": "facebook", "fb": "facebook", "wechat": "wechat",
                "weixin": "wechat", "we chat": "wechat", "viber": "viber", "signal": "signal"}
_HANDLE_STOP = frozenset({
    "page", "pages", "group", "groups", "account", "accounts", "only", "and", "the", "for", "via", "number",
    "contact", "message", "messages", "please", "link", "below", "above", "profile", "channel", "chat",
    "app", "apps", "ads", "post", "posts", "marketing", "advertising", "campaigns", "campaign", "with",
    "or", "is", "are", "to", "our", "your", "their", "feed", "media", "platform", "platforms",
    "content", "management", "stories", "messenger", "inbox", "business", "handle", "username",
    "too", "also", "etc", "from", "then", "that", "this", "will", "can", "now", "today", "user",
})


_HANDLE_CUES = _cues("telegram", "tg", "instagram", "insta", "ig", "facebook", "fb", "wechat", "weixin", "chat",
                     "viber", "signal")


def _handles(text: str, low: str, words: frozenset[bytes], taken: _Spans) -> list[Entity]:
    out: list[Entity] = []
    if not words & _HANDLE_CUES:
        return out
    for m in _HANDLE.finditer(low):
        handle = m.group(3).rstrip(".-")
        s = m.start(3)
        e = s + len(handle)
        at = handle.startswith("@")
        bare = handle.lstrip("@")
        if bare in _HANDLE_STOP or taken.overlaps(s, e):
            continue
        if not (at or any(c in m.group(2) for c in ":=") or re.search(r"[\d_]", bare)):
            continue
        out.append(Entity(kind=_HANDLE_KIND[m.group(1)], value=bare, text=text[s:e], start=s, end=e))
        taken.add(s, e)
    return out


# --- anonymisation and redaction tokens -------------------------------------------------

_ANON = re.compile(r"#(phone|email|url)_[0-9a-f]{6,64}#")
_REDACTED = re.compile(r"\[(" + "|".join(sorted(REDACTED_KINDS)) + r"):[0-9a-f]{8,16}\]")


def _tokens(text: str, low: str, taken: _Spans) -> list[Entity]:
    out: list[Entity] = []
    if "#" in low:
        for m in _ANON.finditer(low):
            s, e = m.span()
            out.append(Entity(kind=m.group(1), value=text[s:e], text=text[s:e], start=s, end=e))
            taken.add(s, e)
    if "[" in low:
        for m in _REDACTED.finditer(low):
            s, e = m.span()
            out.append(Entity(kind=m.group(1), value=low[s:e], text=text[s:e], start=s, end=e))
            taken.add(s, e)
    return out


# --- money -------------------------------------------------------------------------------

_AMOUNT = r"\d{1,3}(?:[,.' ]\d{3}){1,3}(?:[.,]\d{1,2})?|\d{1,9}(?:[.,]\d{1,2})?"
_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₹": "INR", "₱": "PHP", "₦": "NGN",
            "₽": "RUB", "₴": "UAH", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
            "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL", "rs": "INR", "rs.": "INR", "zł": "PLN"}
_CODES = ("usd gbp eur cad aud nzd chf sek nok dkk pln czk huf ron bgn uah rub mdl inr pkr php ngn "
          "ghs kes zar aed sar qar cny rmb jpy krw sgd myr thb vnd idr brl mxn hkd try").split()
_WORDS = {"euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP", "dollar": "USD", "dollars": "USD",
          "rupee": "INR", "rupees": "INR", "naira": "NGN", "hryvnia": "UAH", "lei": "RON", "zloty": "PLN",
          "dirham": "AED", "dirhams": "AED", "rubles": "RUB", "roubles": "RUB", "yuan": "CNY", "pesos": "PHP",
          "ringgit": "MYR", "baht": "THB", "dinar": "KWD"}
_SYM_RE = r"(?:us\$|au\$|a\$|c\$|ca\$|nz\$|hk\$|s\$|r\$|[£$€¥₹₱₦₽₴]|rs\.?(?= ?\d))"
_CODE_RE = r"(?:" + "|".join(_CODES) + r")"
_WORD_RE = r"(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_K = r"(?: ?(?:k|thousand)\b)?"
_MONEY_PRE = re.compile(
    r"(?<![\w$£€])(" + _SYM_RE + "|" + _CODE_RE + r"\b) ?(" + _AMOUNT + r")(?!\d)" + _K
    + r"(?: ?(?:-|to) ?(?:" + _SYM_RE + "|" + _CODE_RE + r")? ?(" + _AMOUNT + r")(?!\d)" + _K + ")?"
)
_MONEY_POST = re.compile(
    r"(?<![\w.,])(" + _AMOUNT + r")(?!\d)" + _K + r"(?: ?(?:-|to) ?(" + _AMOUNT + r")(?!\d)" + _K + r")?"
    r" ?(" + _SYM_RE + "|zł|" + _CODE_RE + r"\b|" + _WORD_RE + r"\b)"
)
_PERIOD = re.compile(
    r" ?(?:(?:/ ?|per |a |an |each |p\.? ?)(hour|hr|h|day|week|wk|w|month|mth|mo|year|yr|annum|a|night|shift)\b"
    r"|(hourly|daily|weekly|monthly|yearly|annually|p\.?a\b\.?|pcm|p/h|ph|pw)\b)"
)
_PERIODS = {"hour": "hour", "hr": "hour", "h": "hour", "hourly": "hour", "p/h": "hour", "ph": "hour",
            "day": "day", "daily": "day", "week": "week", "wk": "week", "w": "week", "weekly": "week",
            "pw": "week", "month": "month", "mth": "month", "mo": "month", "monthly": "month", "pcm": "month",
            "year": "year", "yr": "year", "annum": "year", "a": "year", "yearly": "year", "annually": "year",
            "pa": "year", "p.a": "year", "p.a.": "year", "night": "night", "shift": "shift"}


def _amount(s: str, thousands: bool) -> str:
    s = s.replace(" ", "").replace("'", "")
    if "," in s and "." in s:
        dec = max(s.rfind(","), s.rfind("."))
        whole, frac = re.sub(r"\D", "", s[:dec]), s[dec + 1:]
    else:
        sep = "," if "," in s else "." if "." in s else ""
        parts = s.split(sep) if sep else [s]
        if sep and (len(parts) > 2 or len(parts[-1]) == 3):
            whole, frac = "".join(parts), ""
        elif sep:
            whole, frac = parts[0], parts[1]
        else:
            whole, frac = s, ""
    value = float(whole + ("." + frac if frac else ""))
    if thousands:
        value *= 1000
    return str(int(value)) if value == int(value) else f"{value:.2f}"


def _currency(token: str) -> str:
    token = token.strip()
    return _SYMBOLS.get(token) or _WORDS.get(token) or token.upper()


_CURRENCY_CUES = _cues(*_CODES, *_WORDS, "rs")
_CURRENCY_SYMBOLS = "£$€¥₹₱₦₽₴"
_PAY_BEFORE = re.compile(r"\b(?:earn\w*|pay\w*|paid|salary|wages?|fee|costs?|charge|deposit|rate|income|make|bonus)\b")


def _money(text: str, low: str, words: frozenset[bytes]) -> list[Entity]:
    anchors: set[int] = set()
    for sym in _CURRENCY_SYMBOLS:
        p = low.find(sym)
        while p >= 0:
            anchors.add(p)
            p = low.find(sym, p + 1)
    for word in words & _CURRENCY_CUES:
        anchors.update(_positions(low, word.decode()))
    if "zł" in low:
        anchors.update(_positions(low, "zł"))
    if not anchors:
        return []
    found: list[tuple[int, int, str, str, str | None, bool]] = []
    claimed = 0
    for a in sorted(anchors):
        if a < claimed:
            continue
        start = a
        while start > 0 and low[start - 1] in "usacnzhr" and a - start < 3:
            start -= 1  # "us$", "nz$", ...
        m = None
        for b in range(start, a + 1):
            m = _MONEY_PRE.match(low, b)
            if m:
                break
        if m and m.start() >= claimed:
            k1 = bool(re.search(r"(?:k|thousand)$", low[m.start(2):m.end(3) if m.group(3) else m.end()]))
            found.append((m.start(), m.end(), m.group(1), m.group(2), m.group(3), k1))
            claimed = m.end()
            continue
        for m in _MONEY_POST.finditer(low, max(0, a - 45), min(len(low), a + 12)):
            if m.start(3) == a and m.start() >= claimed:
                k1 = bool(re.search(r"(?:k|thousand)\s?(?:-|to|$|\s)", low[m.start():m.start(3)]))
                found.append((m.start(), m.end(), m.group(3), m.group(1), m.group(2), k1))
                claimed = m.end()
                break
    out: list[Entity] = []
    for s, e, cur, a1, a2, thousands in sorted(found):
        if cur.strip() in ("rs", "rs.") and not re.match(r"rs\.? ?\d", low[s:e]):
            continue
        if cur.strip() in ("pound", "pounds") and not _PERIOD.match(low, e) \
                and not _PAY_BEFORE.search(low, max(0, s - 30), s):
            continue  # "lift up to 50 pounds" is a weight
        if a2:
            value = f"{_amount(a1, thousands)}-{_amount(a2, thousands)}"
        else:
            value = _amount(a1, thousands)
        value += " " + _currency(cur)
        p = _PERIOD.match(low, e)
        if p:
            word = p.group(1) or p.group(2)
            value += "/" + _PERIODS.get(word, _PERIODS.get(word.rstrip("."), "year"))
            e = p.end()
        out.append(Entity(kind="money", value=value, text=text[s:e], start=s, end=e))
    return out


# --- ages ----------------------------------------------------------------------------------

_AGE_NOUN = (r"(?:girls?|women|woman|ladies|lady|boys?|men|man|females?|males?|models?|candidates?|"
             r"applicants?|students?|hostess(?:es)?|dancers?|waitress(?:es)?|workers?|people|persons?)")
_UNIT_AFTER = re.compile(
    r" ?(?:%|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|km|miles?|kg|kilos?|lbs?|pounds?|"
    r"dollars?|euros?|feet|ft|inches|words|wpm|k\b|,\d|employees|people|"
    r"staff|years? (?:of )?(?:experience|exp)|years? in|\+? ?years? (?:of )?exp|\+? ?yrs)"
)
_TWO_DIGITS = re.compile(r"\d\d(?!\d)")
_RANGE_AFTER = re.compile(r"\s{0,2}(?:-|to|and)\s{0,2}(\d{2})\b(?![.,]\d)")
_OLD_AFTER = re.compile(r"\s{0,2}(?:years?\s?old|y\.?\s?o\b\.?|yrs?\.?\s?old|years of age)")
_AGE_WORD_BEFORE = re.compile(
    r"(?:\baged?|\bages|\bage (?:range|group|limit)|between the ages of|from the age of)\s{0,2}[:\-]?\s{0,3}"
    r"(?:from |between )?$"
)
_NOUN_BEFORE = re.compile(r"\b" + _AGE_NOUN + r"\s{1,2}(?:aged?\s{0,2})?$")
_BOUND_BEFORE = re.compile(
    r"\b(under|below|younger than|less than|not older than|no older than|max(?:imum)?|up to|over|above|"
    r"older than|at least|min(?:imum)?)\s{1,2}(?:the age of\s{1,2}|age\s{1,2})?$"
)
_AGE_CUE = re.compile(
    r"(?:\bage[ds]?\b|\b(?:girls?|women|woman|ladies|lady|boys?|men|females?|males?|models?|candidates?|"
    r"applicants?|hostess(?:es)?|dancers?|waitress(?:es)?)\b|must be|should be)[^.\n]{0,24}$"
)
_BOUND_AFTER_OK = re.compile(
    r"\s{0,2}(?:$|[.,;:!)\n•*]|years?\b|yrs?\b|y\.?o\b|only\b|and\b|or\b|please\b|are\b|is\b|need|welcome|"
    r"apply|wanted|preferred|can\b|may\b|should\b|will\b|with\b)"
)
_AGE_CUES = _cues("age", "aged", "ages", "old", "yo", "o", "under", "below", "younger", "over", "above", "older",
                  "least", "max", "maximum", "min", "minimum", "up", "girls", "girl", "women", "woman", "ladies",
                  "lady", "boys", "men", "females", "female", "males", "male", "models", "hostesses")
_BOUND_VALUE = {"under": "<{}", "below": "<{}", "younger than": "<{}", "less than": "<{}",
                "not older than": "<={}", "no older than": "<={}", "max": "<={}", "maximum": "<={}",
                "up to": "<={}", "over": ">{}", "above": ">{}", "older than": ">{}", "at least": "{}+",
                "min": "{}+", "minimum": "{}+"}


def _age_ok(*ages: str) -> bool:
    return all(14 <= int(a) <= 80 for a in ages)


def _ages(text: str, low: str, words: frozenset[bytes]) -> list[Entity]:
    out: list[Entity] = []
    if not words & _AGE_CUES:
        return out
    skip_to = 0
    for m in _TWO_DIGITS.finditer(low):
        s, e = m.span()
        if s < skip_to or (s and (low[s - 1].isalnum() or low[s - 1] in ".,:/$£€#")) or not _age_ok(m.group()):
            continue
        n = m.group()
        lo_win = max(0, s - 48)
        value = None
        rng = _RANGE_AFTER.match(low, e)
        if rng and _age_ok(rng.group(1)) and int(n) < int(rng.group(1)):
            old = _OLD_AFTER.match(low, rng.end())
            cue = _AGE_WORD_BEFORE.search(low, lo_win, s)
            if (old or cue or _NOUN_BEFORE.search(low, lo_win, s)) and not _UNIT_AFTER.match(low, rng.end()):
                value = f"{n}-{rng.group(1)}"
                s = cue.start() if cue else s
                e = old.end() if old else rng.end()
        if value is None:
            old = _OLD_AFTER.match(low, e)
            if old:
                value, e = n, old.end()
        if value is None:
            bound = _BOUND_BEFORE.search(low, lo_win, s)
            if bound and not _UNIT_AFTER.match(low, e) and _BOUND_AFTER_OK.match(low, e) and (
                "age" in bound.group(0) or _AGE_CUE.search(low, max(0, bound.start() - 40), bound.start())
            ):
                value, s = _BOUND_VALUE[bound.group(1)].format(n), bound.start()
        if value is None and low[e:e + 2].lstrip(" ")[:1] == "+":
            plus = low.index("+", e) + 1
            if _AGE_CUE.search(low, max(0, s - 30), s) and not _UNIT_AFTER.match(low, plus) \
                    and not re.match(r"\s?(?:years?|yrs?)\s?(?:of\s)?(?:exp|in)", low[plus:plus + 20]):
                value, e = n + "+", plus
        if value is not None:
            out.append(Entity(kind="age", value=value, text=text[s:e], start=s, end=e))
            skip_to = e
    return out


# --- nationalities and gender ---------------------------------------------------------------

_COUNTRIES = {
    # country: demonyms
    "Moldova": "moldovan moldavian", "Ukraine": "ukrainian", "Romania": "romanian", "Bulgaria": "bulgarian",
    "Russia": "russian", "Belarus": "belarusian belarussian", "Poland": "polish", "Lithuania": "lithuanian",
    "Latvia": "latvian", "Estonia": "estonian", "Hungary": "hungarian", "Czech Republic": "czech",
    "Slovakia": "slovak slovakian", "Albania": "albanian", "Serbia": "serbian", "Georgia": "georgian",
    "Armenia": "armenian", "Kazakhstan": "kazakh", "Uzbekistan": "uzbek", "Kyrgyzstan": "kyrgyz",
    "Tajikistan": "tajik", "Nigeria": "nigerian", "Ghana": "ghanaian", "Kenya": "kenyan", "Uganda": "ugandan",
    "Ethiopia": "ethiopian", "Eritrea": "eritrean", "Somalia": "somali somalian", "Sudan": "sudanese",
    "Cameroon": "cameroonian", "Senegal": "senegalese", "Morocco": "moroccan", "Egypt": "egyptian",
    "South Africa": "", "Zimbabwe": "zimbabwean", "Philippines": "filipino filipina filipinas filipinos pinay",
    "Vietnam": "vietnamese", "Thailand": "thai", "China": "chinese", "Indonesia": "indonesian",
    "Malaysia": "malaysian", "Myanmar": "burmese", "Cambodia": "cambodian", "Laos": "laotian lao",
    "Nepal": "nepali nepalese", "India": "indian", "Bangladesh": "bangladeshi", "Sri Lanka": "sri lankan",
    "Pakistan": "pakistani", "Afghanistan": "afghan", "Syria": "syrian", "Iraq": "iraqi", "Iran": "iranian",
    "Turkey": "turkish", "Brazil": "brazilian", "Colombia": "colombian", "Venezuela": "venezuelan",
    "Mexico": "mexican", "Peru": "peruvian", "Paraguay": "paraguayan", "Dominican Republic": "dominican",
    "Latvia ": "", "Korea": "korean", "Japan": "japanese", "Mongolia": "mongolian", "Eastern Europe": "eastern european",
    "Latin America": "latina latinas latin american", "Asia": "asian", "Africa": "african",
    "Slavic countries": "slavic slavs", "Spain": "spanish", "Italy": "italian", "Portugal": "portuguese",
    "Greece": "greek", "France": "french", "Germany": "german", "United Kingdom": "british",
    "United States": "american", "Ireland": "irish", "Cuba": "cuban", "Haiti": "haitian",
    "Jamaica": "jamaican", "Lebanon": "lebanese", "Jordan": "jordanian", "Tunisia": "tunisian",
}
_DEMONYM: dict[str, str] = {}
_COUNTRY: dict[str, str] = {}
for _country, _names in _COUNTRIES.items():
    _country = _country.strip()
    _COUNTRY[_country.lower()] = _country
    for _d in _names.split():
        _DEMONYM[_d] = _country
for _alias, _country in {"sri lanka": "Sri Lanka", "sri lankan": "Sri Lanka", "the philippines": "Philippines",
                          "uk": "United Kingdom", "usa": "United States", "moldavia": "Moldova",
                          "czechia": "Czech Republic", "burma": "Myanmar", "viet nam": "Vietnam"}.items():
    _COUNTRY.setdefault(_alias, _country)
_DEMONYM["sri lankan"] = "Sri Lanka"

_PERSON = (r"(?:women|woman|girls?|ladies|lady|females?|men|boys?|males?|workers?|nationals?|citizens?|"
           r"candidates?|applicants?|staff|people|nannies|nanny|maids?|housemaids?|caregivers?|carers?|"
           r"drivers?|labou?rers?|helpers?|models?|dancers?|hostess(?:es)?|waitress(?:es)?|cleaners?|"
           r"students?|nurses?|masseuses?|escorts?|brides?|wives|passport holders?|passports?)")
_ADJ = r"(?:young|pretty|beautiful|attractive|slim|single|sexy|hot|hard[ -]working|healthy|strong|female|male)"
_PERSON_AFTER = re.compile(r" (?:" + _ADJ + r" ){0,2}" + _PERSON + r"\b")
_FROM_BEFORE = re.compile(
    r"(?:(?:\b" + _PERSON + r"|\bnationality|\bcitizens? of|\bnationals? of)"
    r"\s{0,2}[:\-]?\s{0,2}(?:only |all )?(?:from |of |is )?|\bonly from )(?:the )?$"
)
# first word -> the names it may start, longest first
_NAME_STARTS: dict[bytes, list[str]] = {}
for _name in sorted(set(_COUNTRY) | set(_DEMONYM), key=len, reverse=True):
    _NAME_STARTS.setdefault(_name.split(" ")[0].encode(), []).append(_name)


def _nationalities(text: str, low: str, words: frozenset[bytes]) -> list[Entity]:
    out: list[Entity] = []
    for first in words & _NAME_STARTS.keys():
        for p in _positions(low, first.decode()):
            for name in _NAME_STARTS[first]:
                e = p + len(name)
                if low[p:e] != name or (e < len(low) and low[e].isalnum()):
                    continue
                country = None
                if name in _DEMONYM and _PERSON_AFTER.match(low, e):
                    country = _DEMONYM[name]
                elif _FROM_BEFORE.search(low, max(0, p - 48), p):
                    before = low[max(0, p - 48):p]
                    country = _COUNTRY.get(name) or (_DEMONYM.get(name) if "nationalit" in before else None)
                elif name in _COUNTRY and re.match(r" (?:nationals?|citizens?|passport holders?|passports?)\b", low[e:e + 20]):
                    country = _COUNTRY[name]
                if country:
                    out.append(Entity(kind="nationality", value=country, text=text[p:e], start=p, end=e))
                break
    return out


_GENDER_CUES = {w.encode(): w for w in
                ("girl", "girls", "ladies", "lady", "women", "woman", "female", "females", "male", "males",
                 "men", "boys", "gentlemen", "guys")}
_FEMALE = frozenset({"girl", "girls", "ladies", "lady", "women", "woman", "female", "females"})
_ALWAYS = frozenset({"girls", "ladies"})
_GENDER_PRE = re.compile(
    r"\b((?:young|pretty|beautiful|attractive|slim|sexy|hot|single|only|hiring|seeking|looking for|need|"
    r"needed|wanted|want|gender:?|sex:?)\s{1,2})$"
)
_GENDER_POST = re.compile(
    r"\s{1,2}(?:only|preferred|candidates?|applicants?|workers?|staff|models?|dancers?|hostess(?:es)?|"
    r"wanted|needed|required|welcome|from|aged?|between|\d{2}\b)"
)
_EEO = re.compile(r"equal opportunit|minorit|veteran|regardless|discriminat|disabilit|diversity|"
                  r"women-owned|protected|empower|inclusion|inclusive|affirmative")


def _genders(text: str, low: str, words: frozenset[bytes]) -> list[Entity]:
    out: list[Entity] = []
    for key in words & _GENDER_CUES.keys():
        word = _GENDER_CUES[key]
        for s in _positions(low, word):
            e = s + len(word)
            if low[e:e + 1] in ("'", "’", "-", "_", "/", "#") or (s and low[s - 1] in "-_/#"):
                continue  # "women's wear", "girls' school", parts of links and names
            if _EEO.search(low, max(0, s - 120), min(len(low), e + 120)):
                continue
            pre = _GENDER_PRE.search(low, max(0, s - 16), s)
            post = _GENDER_POST.match(low, e)
            demonym = re.search(r"\b([a-z]+) $", low[max(0, s - 24):s])
            if not (word in _ALWAYS or pre or post or (demonym and demonym.group(1) in _DEMONYM)):
                continue
            if pre:
                s = pre.start()
            tail = post.group(0).strip() if post else ""
            if post and not tail[:1].isdigit() and tail not in ("from", "aged", "age", "between"):
                e = post.end()
            out.append(Entity(kind="gender", value="female" if word in _FEMALE else "male",
                              text=text[s:e], start=s, end=e))
    return out


# --- public API -------------------------------------------------------------------------------

class _Spans:
    """Disjoint spans already claimed by an identifier, queried in O(log n)."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)
        return i > 0 and self.ends[i - 1] > s

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


def extract(text: str, region: str | None = None, *, kinds: Collection[str] | None = None) -> tuple[Entity, ...]:
    """Every identifier and targeting cue in ``text``, sorted by position; ``kinds`` limits the search."""
    if not text:
        return ()
    want = frozenset(kinds) if kinds is not None else frozenset(KINDS)
    low = _fold(text)
    words = _words(low)
    taken = _Spans()
    found: list[Entity] = []
    found += _tokens(text, low, taken)
    if want & ({"url"} | MESSAGING_KINDS | {"email"}):
        found += _emails(text, low, taken)
        found += _urls(text, low, taken) if ("." in low) else []
    if want & (MESSAGING_KINDS - {"whatsapp"}):
        found += _handles(text, low, words, taken)
    if want & ({"phone"} | MESSAGING_KINDS):
        found += _phones(text, low, words, region, taken)
    if "money" in want:
        found += _money(text, low, words)
    if "age" in want:
        found += _ages(text, low, words)
    if "nationality" in want:
        found += _nationalities(text, low, words)
    if "gender" in want:
        found += _genders(text, low, words)
    if kinds is not None:
        found = [e for e in found if e.kind in want]
    found.sort(key=lambda e: (e.start, e.end, e.kind))
    return tuple(found)


def redaction_token(kind: str, value: str, salt: str = DEFAULT_SALT) -> str:
    """A stable stand-in such as ``[phone:3f9a1c2e]``: equal values give equal tokens."""
    if value.startswith("[") and value.endswith("]"):
        return value  # already a token
    digest = hashlib.blake2s(value.encode("utf-8"), key=salt.encode("utf-8")[:32], digest_size=4).hexdigest()
    return f"[{kind}:{digest}]"


def redact_entity(entity: Entity, salt: str = DEFAULT_SALT) -> dict:
    """``entity.to_dict()`` with its text and value masked when it is a contact detail."""
    d = entity.to_dict()
    if entity.kind in REDACTED_KINDS:
        token = redaction_token(entity.kind, entity.value, salt)
        d["text"] = d["value"] = token
        d.pop("domain", None) if entity.kind != "email" else None
    return d


def redact(text: str, entities: Iterable[Entity] | None = None, salt: str = DEFAULT_SALT) -> str:
    """``text`` with phones, emails and messaging handles replaced by stable tokens."""
    if entities is None:
        entities = extract(text, kinds=REDACTED_KINDS)
    parts: list[str] = []
    pos = 0
    for ent in sorted(entities, key=lambda x: (x.start, -x.end)):
        if ent.kind not in REDACTED_KINDS or ent.start < pos:
            continue
        parts.append(text[pos:ent.start])
        parts.append(redaction_token(ent.kind, ent.value, salt))
        pos = ent.end
    parts.append(text[pos:])
    return "".join(parts)


def link_key(entity: Entity) -> tuple[str, str] | None:
    """What two ads must share to be linked by this entity (numbers match across messengers)."""
    kind, value = entity.kind, entity.value
    if kind not in IDENTIFIER_KINDS:
        return None
    if value.startswith("+") and value[1:].isdigit():
        return ("number", value)
    if value.startswith("[") and value.endswith("]") and ":" in value:
        return ("redacted", value[value.index(":") + 1:-1])  # equal values give equal hashes whatever the kind
    if kind == "url" and entity.domain:
        return ("domain", entity.domain)
    return (kind, value)
