"""Phone numbers, and the messenger each is offered on, however they are spelt.

Ads write numbers with spaces, dots, dashes, words for digits ("seven 7 00"), zero-width
characters or a messenger's name around them; every spelling of one number gives one E.164
value, and the cue before or after it says whether it is a plain phone or a WhatsApp, Viber,
Signal, Telegram or WeChat contact.
"""

from __future__ import annotations

import functools
import re

from redflag.entities.base import MAX_FOUND, MESSAGING_KINDS, Context, Entity, Extractor, Spans
from redflag.entities.data import table, word_list
from redflag.entities.folding import cues, fold, positions
from redflag.entities.folding import alternation
from redflag.entities.messengers import NAMES, WEAK

__all__ = ["PHONES", "find"]


MAX_PARSED = 2 * MAX_FOUND  # distinct candidates parsed per ad: parsing is the costly step
_SEP = r"[ \t.\-/()]"
_PHONE_CAND = re.compile(r"\d(?:" + _SEP + r"{0,3}\d){6,17}(?!\w)")
_PHONE_PREFIX = re.compile(r"(?:\+ ?|\(\+?|\()$")
_NUM_WORDS = {word: str(digit) for digit, word in enumerate(word_list("number_words"))}
_WORD_TOKEN = r"(?:\d{1,4}(?!\d)|" + "|".join(_NUM_WORDS) + ")"
_PHONE_WORDS = re.compile(
    r"(?<![\w+])(?:\+ ?)?" + _WORD_TOKEN + r"(?:[ \t.\-,/]{1,3}" + _WORD_TOKEN + r"){6,20}\b"
)
_NUM_CUES = cues(*_NUM_WORDS)
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
# the messengers' names in every language (data/messengers.toml); weak ones only right before the number
_LOCAL_NAMES = alternation(n for n, k in NAMES.items() if k != "facebook")
_LOCAL_WEAK = alternation(n for n, k in WEAK.items() if k != "facebook")
_MESSENGER_BEFORE = re.compile(
    r"(?<!\w)(?:(whats ?app|w\W{0,2}h\W{0,2}a\W{0,2}t\W{0,2}s\W{0,2}a\W{0,2}p\W{0,2}p|wh?ats?ap+|wa(?= ?[:\-+])|"
    r"viber|signal|telegram|tg(?= ?[:\-+])|wechat|weixin|" + _LOCAL_NAMES + r")(?!\w)[^0-9\n]{0,20}"
    r"|(" + _LOCAL_WEAK + r")\W{0,4}(?:id\W{0,3})?)$"
)
_MESSENGER_AFTER = re.compile(r"\W{0,3}(?:on |via |only on |\()?\s?(whats ?app|viber|signal|telegram|wechat|"
                              + _LOCAL_NAMES + r")(?!\w)")
_MESSENGER_NAMES = {"viber": "viber", "signal": "signal", "telegram": "telegram", "tg": "telegram",
                    "wechat": "wechat", "weixin": "wechat"}
_LOCAL_KIND = {n: k for n, k in {**WEAK, **NAMES}.items() if k != "facebook"}
_PHONE_WORDS_DATA = table("messengers")["phone_cues"]
_LOCAL_CUE = re.compile(r"(?<!\w)" + alternation(_PHONE_WORDS_DATA) + r"\W{0,6}(?:\w{1,3}\W{1,3})?$")
_REGIONS = table("phone_regions")
_HINTS = {region: tuple(fold(h) for h in hints) for region, hints in _REGIONS["hints"].items()}
_CORRIDOR = tuple(_REGIONS["corridor"])


def _messenger(name: str) -> str:
    name = re.sub(r"\s+", " ", name)
    kind = _LOCAL_KIND.get(name)
    if kind:
        return kind
    return _MESSENGER_NAMES.get(name.replace(" ", ""), "whatsapp")


def _region_hints(low: str) -> tuple[str, ...]:
    """Regions the ad's words point to, most signs first: how a national number is read without a region."""
    counts = {region: sum(low.count(h) for h in hints) for region, hints in _HINTS.items()}
    return tuple(r for r, n in sorted(counts.items(), key=lambda x: -x[1]) if n)


@functools.lru_cache(maxsize=8192)
def _parse_phone(digits: str, region: str | None, intl: bool, cued: bool, spaced: bool,
                 hints: tuple[str, ...] = ()) -> str | None:
    """E.164 form of a digit string, or None when it is not a plausible phone number.

    Cached: parsing costs far more than finding, and an ad repeating one number pays for it once.
    """
    others: tuple[str, ...] = ()
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
            # the regions the ad's words point to come first, then the corridors': valid numbers only
            others = tuple(dict.fromkeys(r for r in (*hints, *_CORRIDOR) if r not in regions))
        else:
            return None
    import phonenumbers  # imported on first phone candidate: a single check of an ad without one skips its cost

    found = _first_valid(phonenumbers, digits, [reg for reg in hints if reg in others])
    if found:
        return found
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
    return _first_valid(phonenumbers, digits, others)


def _first_valid(phonenumbers, digits: str, regions) -> str | None:
    """``digits`` in E.164 as read in the first of ``regions`` where they make a valid number, or None."""
    for reg in regions:
        try:
            num = phonenumbers.parse(digits, reg)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    return None


def _phone_kind(low: str, start: int, end: int) -> tuple[str, int]:
    """Which messenger (or plain phone) the number belongs to, and how strongly it is cued (0-2)."""
    before = low[max(0, start - 30):start]
    m = _MESSENGER_BEFORE.search(before)
    if m:
        name = m.group(1) or m.group(2)
        return _messenger(name) if not name.startswith(("w", "wa")) else "whatsapp", 2
    m = _MESSENGER_AFTER.match(low, end, min(len(low), end + 24))
    if m:
        return _messenger(m.group(1)), 2
    if _STRONG_CUE.search(before) or _LOCAL_CUE.search(before):
        return "phone", 2
    return "phone", 1 if _PHONE_CUE.search(before[-16:]) else 0


def find(text: str, context: Context) -> list[Entity]:
    """Phone and messenger numbers outside spans already claimed, each claimed as it is found."""
    low, region, taken = context.low, context.region, context.taken
    out: list[Entity] = []
    spans: list[tuple[int, int, str | None]] = []
    covered = Spans()  # the candidate spans so far, which may overlap one another
    for word in sorted(context.words & _NUM_CUES):  # in one order, so overlapping spellings resolve alike
        skip_to = 0
        for p in positions(low, word.decode()):
            if p < skip_to or covered.covers(p):
                continue
            skip_to = p + 100
            m = _PHONE_WORDS.search(low, max(0, p - 30), p + 160)
            if m and m.start() <= p < m.end():
                tokens = re.findall(r"\d+|[a-z]+", m.group(0))
                spans.append((m.start(), m.end(), "".join(_NUM_WORDS.get(t, t) for t in tokens)))
                covered.add(m.start(), m.end())
    for m in _PHONE_CAND.finditer(low):
        s, e = m.start(), m.end()
        if s and (low[s - 1].isalnum() or low[s - 1] in "_#/."):
            continue
        pre = _PHONE_PREFIX.search(low, max(0, s - 3), s)
        if pre:
            s = pre.start()
            if s and (low[s - 1].isalnum() or low[s - 1] in "+#/"):
                continue
        if covered.overlaps(s, e):
            continue
        spans.append((s, e, None))
        covered.add(s, e)
    parsed: set[tuple] = set()
    hints: tuple[str, ...] | None = None  # read from the words once a national number needs them
    for s, e, digits in spans:
        if len(out) >= MAX_FOUND or len(parsed) >= MAX_PARSED:
            break
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
        if not (intl or region or cued):
            continue  # _parse_phone refuses it whatever its digits
        # a greedy span may swallow a neighbouring number: retry without its last group
        groups = re.findall(r"\d+", chunk) if digits.isdigit() and len(chunk) > len(digits) else []
        while True:
            if 7 <= len(digits) <= 15:
                if hints is None:
                    hints = () if region or intl else _region_hints(low)
                key = (digits, region, intl, cued > 0, spaced, hints if not (region or intl) else ())
                parsed.add(key)
                value = _parse_phone(*key)
            if value or len(groups) < 3:
                break
            last = groups.pop()
            digits = digits[: len(digits) - len(last)]
            e = low.rfind(last, s, e)
            e = s + len(text[s:e].rstrip(" \t.-/("))
        if value:
            out.append(Entity(kind=kind, value=value, text=text[s:e], start=s, end=e))
            taken.add(s, e)
    return out


PHONES = Extractor(kinds=("phone", "whatsapp", *dict.fromkeys(_MESSENGER_NAMES.values()),
                          *(k for k in dict.fromkeys(_LOCAL_KIND.values()) if k not in ("whatsapp", *_MESSENGER_NAMES.values()))),
                    find=find, needed_for=frozenset({"phone", "messenger"}) | MESSAGING_KINDS)
