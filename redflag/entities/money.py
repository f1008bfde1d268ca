"""Amounts of pay and fees with their currency and period ("£400-£500 pw" -> "400-500 GBP/week").

Currencies come from symbols, ISO codes or names; "pounds" counts as money only near pay words
or a period, since "lift up to 50 pounds" is a weight.
"""

from __future__ import annotations

import re

from redflag.entities.base import MAX_FOUND, Context, Entity, Extractor
from redflag.entities.data import table
from redflag.entities.folding import cues, positions

__all__ = ["MONEY", "find"]

_AMOUNT = r"\d{1,3}(?:[,.' ]\d{3}){1,3}(?:[.,]\d{1,2})?|\d{1,9}(?:[.,]\d{1,2})?"
_CURRENCIES = table("currencies")
_SYMBOLS: dict[str, str] = _CURRENCIES["symbols"]
_CODES: list[str] = _CURRENCIES["codes"]
_WORDS: dict[str, str] = _CURRENCIES["words"]
# the symbols of _SYMBOLS as the amount patterns read them; "zł" follows amounts only
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


_CURRENCY_CUES = cues(*_CODES, *_WORDS, "rs")
_CURRENCY_SYMBOLS = "£$€¥₹₱₦₽₴"
_PAY_BEFORE = re.compile(r"\b(?:earn\w*|pay\w*|paid|salary|wages?|fee|costs?|charge|deposit|rate|income|make|bonus)\b")


def find(text: str, context: Context) -> list[Entity]:
    """Amounts next to a currency, with the pay period that follows them."""
    low = context.low
    anchors: set[int] = set()
    for sym in _CURRENCY_SYMBOLS:
        p = low.find(sym)
        while p >= 0:
            anchors.add(p)
            p = low.find(sym, p + 1)
    for word in context.words & _CURRENCY_CUES:
        anchors.update(positions(low, word.decode()))
    if "zł" in low:
        anchors.update(positions(low, "zł"))
    if not anchors:
        return []
    found: list[tuple[int, int, str, str, str | None, bool]] = []
    claimed = 0
    for a in sorted(anchors):
        if len(found) >= MAX_FOUND:
            break
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


MONEY = Extractor(kinds=("money",), find=find)
