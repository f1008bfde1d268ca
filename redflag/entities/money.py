"""Amounts of pay and fees with their currency and period ("£400-£500 pw" -> "400-500 GBP/week").

Currencies come from symbols, ISO codes or names in every supported language ("1.400 € al mes",
"3 тыс. долларов в неделю", "Rp 5.000.000 per hari"); a multiplier may stand between amount and
currency ("5 mil reais", "500k"), and some name the currency themselves ("5 triệu/tháng" is dong).
Words that are also units or common words ("pounds", "ft", "real") count as money only near pay
words or a period, since "lift up to 50 pounds" is a weight. Every word list is in ``data/``
(currencies.toml, pay_terms.toml) and is folded like the ad, so Cyrillic words match the folded copy.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterable

from redflag.entities.base import MAX_FOUND, Context, Entity, Extractor
from redflag.entities.data import table
from redflag.entities.folding import WORD_START, cues, fold, word_end
from redflag.text.tokens import HAN_RUN

__all__ = ["CURRENCY_MULTIPLIERS", "MONEY", "find"]


def _alt(items: Iterable[str]) -> str:
    """An alternation of folded words, longest first; one ending in a letter or digit must end a word."""
    return "(?:" + "|".join(re.escape(w) + word_end(w) for w in sorted(set(items), key=lambda w: (-len(w), w))) + ")"


_CURRENCIES = table("currencies")
_TERMS = table("pay_terms")
_SYMBOLS: dict[str, str] = _CURRENCIES["symbols"]
_CODES: list[str] = _CURRENCIES["codes"]
# every currency name written after an amount, folded as the ad is, and the code it stands for
_WORDS: dict[str, str] = {fold(w): c for w, c in {**_CURRENCIES["local_words"], **_CURRENCIES["words"]}.items()}
_CODE_OF: dict[str, str] = {**{c: c.upper() for c in _CODES}, **_WORDS, **{fold(s): c for s, c in _SYMBOLS.items()}}
_AMBIGUOUS = frozenset(fold(w) for w in _CURRENCIES["ambiguous"]) | {"pound", "pounds"}
_MULTIPLIERS: dict[str, int] = {fold(w): f for w, f in _TERMS["multipliers"].items()}
_IMPLIED: dict[str, str] = {fold(w): c for w, c in _TERMS["implied"].items()}

_AMOUNT = r"(?:\d{1,3}(?:[,.' ]\d{3}){1,3}(?:[.,]\d{1,2})?|\d{1,9}(?:[.,]\d{1,2})?)(?:[.,]-)?"
# the symbols of _SYMBOLS as the amount patterns read them; "zł" and "₫" follow amounts only
_SYM_RE = r"(?:us\$|au\$|a\$|c\$|ca\$|nz\$|hk\$|s\$|r\$|[£$€¥₹₱₦₽₴]|rs\.?(?= ?\d)|rp\.?(?= ?\d))"
_CODE_RE = r"(?:" + "|".join(_CODES) + r")"
_WORD_RE = _alt(w for w in _WORDS if w not in ("rs", "rs."))
_RANGE = r"(?: ?- ?| " + _alt(fold(w) for w in _TERMS["ranges"] if w != "-") + " )"


def _mult(name: str) -> str:
    return r"(?: ?(?P<" + name + ">" + _alt(_MULTIPLIERS) + "))?"


_MONEY_PRE = re.compile(
    WORD_START + r"(?<![$£€])(?P<cur>" + _SYM_RE + "|" + _CODE_RE + r"\b) ?(?P<a1>" + _AMOUNT + r")(?!\d)" + _mult("m1")
    + r"(?:" + _RANGE + r"(?:" + _SYM_RE + "|" + _CODE_RE + r")? ?(?P<a2>" + _AMOUNT + r")(?!\d)" + _mult("m2") + ")?"
)
_LINK = r"(?: " + _alt(fold(w) for w in _TERMS["linkers"]) + r" (?=" + _WORD_RE + r"))?"
_MONEY_POST = re.compile(
    WORD_START + r"(?<![.,])(?P<a1>" + _AMOUNT + r")(?!\d)" + _mult("m1")
    + r"(?:" + _RANGE + r"(?P<a2>" + _AMOUNT + r")(?!\d)" + _mult("m2") + r")?"
    + _LINK + r" ?(?P<cur>" + _SYM_RE + r"|zł|₫|đ(?!\w)|" + _CODE_RE + r"\b|" + _WORD_RE + r")"
)
# a multiplier that names its currency, with no currency written after it ("5 triệu", "5tr-7tr")
_MONEY_IMPLIED = re.compile(
    WORD_START + r"(?<![.,])(?P<a1>" + _AMOUNT + r")(?!\d)" + _mult("m1")
    + r"(?:" + _RANGE + r"(?P<a2>" + _AMOUNT + r")(?!\d)" + _mult("m2") + r")?"
)
_BEFORE_PERIOD_TERMS: list[dict] = _TERMS.get("implied_before_period", [])
# the multipliers that name a currency, always ("5 triệu") or before a pay period ("500k/ngày")
CURRENCY_MULTIPLIERS: tuple[str, ...] = (*_TERMS["implied"], *(e["multiplier"] for e in _BEFORE_PERIOD_TERMS))


def _by_period() -> tuple[tuple[re.Pattern, str], ...]:
    """For each multiplier that names a currency before its language's pay periods, the amount pattern
    and that currency ("500k/ngày", "300-500k/ngày")."""
    out = []
    for entry in _BEFORE_PERIOD_TERMS:
        mult = re.escape(fold(entry["multiplier"]))
        out.append((re.compile(
            WORD_START + r"(?<![.,])(?P<a1>" + _AMOUNT + r")(?!\d)(?P<m1>" + mult + r")?"
            + r"(?:" + _RANGE + r"(?P<a2>" + _AMOUNT + r")(?!\d)(?P<m2>" + mult + r"))?"
            + r"(?= ?" + _alt(fold(p) for p in entry["periods"]) + ")"), entry["currency"]))
    return tuple(out)


_BY_PERIOD = _by_period()
_DIGIT_BEFORE_MULTIPLIER = (re.compile(r"\d ?" + _alt(fold(e["multiplier"]) for e in _BEFORE_PERIOD_TERMS))
                            if _BEFORE_PERIOD_TERMS else None)
_CURRENCY_AFTER = re.compile(r" ?(?:" + _SYM_RE + r"|zł|₫|đ(?!\w)|" + _CODE_RE + r"\b|" + _WORD_RE + r")")
# what may stand at an anchor: a currency or code before an amount, or a currency or multiplier after one
_BEFORE_AMOUNT = re.compile(r"[£$€¥₹₱₦₽₴]|" + _CODE_RE + r"\b|rs|rp")
_AFTER_AMOUNT = re.compile(r"(?:" + _SYM_RE + r"|zł|₫|đ(?!\w)|" + _CODE_RE + r"\b|" + _WORD_RE + "|" + _alt(_IMPLIED) + ")")
_PERIOD = re.compile(
    r" ?(?:(?:/ ?|per |a |an |each |p\.? ?)(hour|hr|h|day|week|wk|w|month|mth|mo|year|yr|annum|a|night|shift)\b"
    r"|(hourly|daily|weekly|monthly|yearly|annually|p\.?a\b\.?|pcm|p/h|ph|pw)\b)"
)
_PERIODS = {"hour": "hour", "hr": "hour", "h": "hour", "hourly": "hour", "p/h": "hour", "ph": "hour",
            "day": "day", "daily": "day", "week": "week", "wk": "week", "w": "week", "weekly": "week",
            "pw": "week", "month": "month", "mth": "month", "mo": "month", "monthly": "month", "pcm": "month",
            "year": "year", "yr": "year", "annum": "year", "a": "year", "yearly": "year", "annually": "year",
            "pa": "year", "p.a": "year", "p.a.": "year", "night": "night", "shift": "shift"}
# the pay periods of every language: "al mes", "/Stunde", "mỗi ngày", "в неделю" (folded)
_LOCAL_PERIOD: dict[str, str] = {}
for _period, _phrases in _TERMS["periods"].items():
    for _phrase in _phrases:
        _LOCAL_PERIOD.setdefault(fold(_phrase), _period)


def _period_re() -> re.Pattern:
    alts = []
    for phrase in sorted(_LOCAL_PERIOD, key=lambda w: (-len(w), w)):
        body = re.escape(phrase[1:] if phrase.startswith("/") else phrase)
        r = ("/ ?" if phrase.startswith("/") else "") + body
        tail = r"(?!\w)" if phrase[-1].isalnum() else ""
        alts.append(f"(?P<p{len(alts)}>{r}{tail})")
    return re.compile(r" ?(?:" + "|".join(alts) + ")")


_LOCAL_PERIOD_RE = _period_re()
_PERIOD_BEFORE_OF = {fold(w): period for period, words in _TERMS["periods_before"].items() for w in words}
_PERIOD_BEFORE = re.compile(WORD_START + _alt(_PERIOD_BEFORE_OF) + r"(?=\D{0,30}$)")
_BEFORE_REACH = 30 + max(map(len, _PERIOD_BEFORE_OF))
_LOCAL_PERIOD_OF = {f"p{i}": _LOCAL_PERIOD[p] for i, p in enumerate(sorted(_LOCAL_PERIOD, key=lambda w: (-len(w), w)))}
_PAY_BEFORE = re.compile(r"\b(?:earn\w*|pay\w*|paid|salary|wages?|fee|costs?|charge|deposit|rate|income|make|bonus)\b")
_LOCAL_PAY_BEFORE = re.compile(r"(?<!\w)" + _alt(fold(w) for w in _TERMS["pay_words"]))

_CURRENCY_SYMBOLS = "£$€¥₹₱₦₽₴₫"
# anchors: ASCII words are looked up in the ad's words, the rest are found in its folded copy
_ANCHOR_WORDS = {*_CODES, *_WORDS, *_IMPLIED, "rs", "rp", "zł"}
# (multipliers and "rp" are found in the copy too: they touch the digits, "5tr", "rp5.000")
_FOUND = {*_IMPLIED, "rp"}
_CURRENCY_CUES = cues(*(w for w in _ANCHOR_WORDS - _FOUND if w.isascii() and w.isalnum()))
_FOUND_WORDS = tuple(sorted(w for w in _ANCHOR_WORDS if w in _FOUND or not (w.isascii() and w.isalnum())))
_DIGIT_RUNS = re.compile(r"\d+")
_REACH = 45  # characters an amount's first digit may stand before its currency word
_GAP = 14  # and its last digit: a multiplier and spaces ("5,- millones ")


def _amount(s: str, factor: int) -> str:
    s = s.replace(" ", "").replace("'", "").rstrip("-")
    if s[-1:] in ".,":
        s = s[:-1]  # "5.000.000,-"
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
    value = float(whole + ("." + frac if frac else "")) * factor
    return str(int(value)) if value == int(value) else f"{value:.2f}"


def _currency(token: str) -> str:
    token = token.strip()
    return _CODE_OF.get(token) or _CODE_OF.get(token.rstrip(".")) or token.upper()


def _anchors(low: str, context: Context) -> list[int]:
    anchors: set[int] = set()
    chars = set(low)  # most ads hold none of the scripts most currency names are written in
    for sym in chars.intersection(_CURRENCY_SYMBOLS):
        p = low.find(sym)
        while p >= 0:
            anchors.add(p)
            p = low.find(sym, p + 1)
    for word in (*(w.decode() for w in context.words & _CURRENCY_CUES), *(w for w in _FOUND_WORDS if w[0] in chars)):
        p = low.find(word)
        while p >= 0:
            anchors.add(p)
            p = low.find(word, p + 1)
    return sorted(anchors)


def _factors(m: re.Match) -> tuple[int, int]:
    m1 = _MULTIPLIERS.get(m.group("m1") or "", 0)
    m2 = _MULTIPLIERS.get(m.group("m2") or "", 0) if m.group("a2") else 0
    return m1 or m2 or 1, m2 or m1 or 1


def find(text: str, context: Context) -> list[Entity]:
    """Amounts next to a currency (or a multiplier naming one), with the pay period that follows them."""
    low = context.low
    anchors = _anchors(low, context)
    shorthand = _DIGIT_BEFORE_MULTIPLIER is not None and _DIGIT_BEFORE_MULTIPLIER.search(low) is not None
    if not anchors and not shorthand:
        return []
    runs = [m.span() for m in _DIGIT_RUNS.finditer(low)]
    digit_starts, digit_ends = [r[0] for r in runs], [r[1] for r in runs]
    found: list[tuple[int, int, str, re.Match]] = []
    claimed = 0
    for a in anchors:
        if len(found) >= MAX_FOUND:
            break
        if a < claimed:
            continue
        start = a
        while start > 0 and low[start - 1] in "usacnzhr" and a - start < 3:
            start -= 1  # "us$", "nz$", ...
        m = None
        for b in range(start, a + 1) if _BEFORE_AMOUNT.match(low, a) else ():
            m = _MONEY_PRE.match(low, b)
            if m:
                break
        if m and m.start() >= claimed:
            found.append((m.start(), m.end(), m.group("cur"), m))
            claimed = m.end()
            continue
        i = bisect_left(digit_ends, a + 1) - 1  # the last run of digits ending at or before the anchor
        glued = a and low[a - 1].isalpha() and not HAN_RUN.fullmatch(low[a - 1])  # "1万元" is an amount, "xeur" none
        if i < 0 or a - digit_ends[i] > _GAP or glued or not _AFTER_AMOUNT.match(low, a):
            continue
        # an amount starts at a run of digits shortly before its currency or multiplier: a range of
        # two amounts of four runs each ("1.000.000,50 - 2.000.000,50") at most
        j = max(bisect_left(digit_starts, a - _REACH), i - 7)
        for b in digit_starts[j:i + 1]:
            if b < claimed:
                continue
            m = _MONEY_POST.match(low, b, min(len(low), a + 40))
            if m and m.start("cur") == a:
                found.append((b, m.end(), m.group("cur"), m))
                claimed = m.end()
                break
            m = _MONEY_IMPLIED.match(low, b, min(len(low), a + 40))
            if m and a in (m.start("m1"), m.start("m2")):
                mult = m.group("m2") if m.group("a2") else m.group("m1")
                if mult in _IMPLIED and not _CURRENCY_AFTER.match(low, m.end()):
                    found.append((b, m.end(), _IMPLIED[mult], m))
                    claimed = m.end()
                break
    if shorthand:
        found = _before_periods(low, found)
    out: list[Entity] = []
    previous_end = 0
    for s, e, cur, m in found:
        cur = cur.strip()
        if cur in ("rs", "rs.") and not re.match(r"rs\.? ?\d", low[s:e]):
            continue
        period, pe = _period(low, e)
        if not period:
            period = _period_before(low, max(previous_end, s - _BEFORE_REACH), s)
        previous_end = e
        if cur in _AMBIGUOUS and not period and not _PAY_BEFORE.search(low, max(0, s - 30), s) \
                and not _LOCAL_PAY_BEFORE.search(low, max(0, s - 30), s):
            continue  # "lift up to 50 pounds" is a weight
        f1, f2 = _factors(m)
        value = _amount(m.group("a1"), f1)
        if m.group("a2"):
            value += "-" + _amount(m.group("a2"), f2)
        value += " " + _currency(cur)
        if period:
            value += "/" + period
            e = pe
        out.append(Entity(kind="money", value=value, text=text[s:e], start=s, end=e))
    return out


def _before_periods(low: str, found: list[tuple[int, int, str, re.Match]]) -> list[tuple[int, int, str, re.Match]]:
    """``found`` and the amounts whose multiplier names a currency before a period ("500k/ngày"),
    where no other amount stands, in text order."""
    more = []
    for pattern, currency in _BY_PERIOD:
        for m in pattern.finditer(low):
            if not (m.group("m2") if m.group("a2") else m.group("m1")):
                continue
            if any(s < m.end() and m.start() < e for s, e, _, _ in found + more):
                continue
            more.append((m.start(), m.end(), currency, m))
    return sorted(found + more, key=lambda f: f[0])[:MAX_FOUND] if more else found


def _period_before(low: str, start: int, s: int) -> str | None:
    """The period of a pay word written shortly before the amount at ``s`` ("Tageslohn 120 €")."""
    found = list(_PERIOD_BEFORE.finditer(low[start:s]))
    return _PERIOD_BEFORE_OF[found[-1].group()] if found else None


def _period(low: str, e: int) -> tuple[str | None, int]:
    """The pay period written at ``e`` and where it ends."""
    p = _PERIOD.match(low, e)
    if p:
        word = p.group(1) or p.group(2)
        return _PERIODS.get(word, _PERIODS.get(word.rstrip("."), "year")), p.end()
    p = _LOCAL_PERIOD_RE.match(low, e)
    if p:
        return _LOCAL_PERIOD_OF[p.lastgroup], p.end()
    return None, e


MONEY = Extractor(kinds=("money",), find=find)
