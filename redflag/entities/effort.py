"""The effort an ad asks for its pay: hours or minutes a day or a week ("30 minutes a day", "1-2
ore al giorno", "30 минут в день", "just an hour a day"), and the words that call the work small or unskilled
(part-time, from home, on your phone, in your free time, no experience).

Every word list is in ``data/effort_terms.toml`` and is folded like the ad, so the offsets found
in the folded copy (``folding.fold``) are offsets of the text itself. Patterns compile on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from redflag.entities.data import table
from redflag.entities.folding import WORD_START, alternation, fold, word_end
from redflag.text.tokens import HAN

__all__ = ["Effort", "Cue", "efforts", "cues"]

MAX_HOURS = 24 * 7  # a stated time longer than a week is no working time


@dataclass(frozen=True, slots=True)
class Effort:
    """Working time the text states: ``low``-``high`` hours, each ``per`` day or week (None: for the pay)."""

    start: int
    end: int
    low: float
    high: float
    per: str | None
    only: bool  # called small ("only 30 minutes", "30 minuto lang")


@dataclass(frozen=True, slots=True)
class Cue:
    """A word calling the work small or unskilled: ``kind`` is a key of [cues] (part_time, from_home, ...)."""

    kind: str
    start: int
    end: int


def _periods(phrases: list[str]) -> str:
    alts = []
    for p in sorted({fold(p) for p in phrases}, key=lambda w: (-len(w), w)):
        body = re.escape(p[1:] if p.startswith("/") else p).replace(r"\ ", r"\s{1,2}")
        alts.append((r"/\s?" if p.startswith("/") else "") + body + word_end(p))
    return "(?:" + "|".join(alts) + ")"


@cache
def _patterns() -> tuple[re.Pattern, dict[str, str], re.Pattern, dict[str, str]]:
    terms = table("effort_terms")
    ranges = [fold(r) for r in table("pay_terms")["ranges"] if r != "-"]
    unit_of = {fold(u): kind for kind, units in terms["units"].items() for u in units}
    number = r"\d{1,3}(?:[.,]\d{1,2})?"
    rng = r"(?:\s?-\s?|\s(?:" + "|".join(re.escape(r) for r in sorted(set(ranges), key=len, reverse=True)) + r")\s)"
    per = "|".join(f"(?P<{kind}>{_periods(phrases)})" for kind, phrases in terms["periods"].items())
    before = "|".join(f"(?P<{kind}_before>{_periods(phrases)})" for kind, phrases in terms["periods_before"].items())
    links = alternation(terms["number_links"])
    # after a period or "only" word, a verb of a few Han characters may stand before the time ("每天工作30分钟")
    verb = rf"(?:[{HAN}]{{1,4}}(?=\d))?"
    effort = re.compile(
        r"(?:" + WORD_START + r"(?P<ahead>" + before + r")\s{0,2})?"
        r"(?:" + WORD_START + r"(?P<only>" + alternation(terms["only_before"]) + r")\s{0,2})?"
        r"(?(ahead)" + verb + r"|(?(only)" + verb + r"))"
        r"(?:" + WORD_START + r"(?<![.,])(?P<a>" + number + r")(?:" + rng + r"(?P<b>" + number + r"))?\s?"
        r"(?:(?:" + links + r")\s)?(?P<unit>" + alternation(unit_of) + r")"
        r"|(?<!\w)(?P<spelled>" + alternation(terms["spelled"]) + r")(?!\w))"
        r"(?:\s{0,2}(?:" + per + r"))?"
        r"(?:\s{1,2}(?P<after>" + alternation(terms["only_after"]) + r"))?"
    )
    kind_of = {fold(w): kind for kind, words in terms["cues"].items() for w in words}
    cue = re.compile(r"(?<!\w)" + alternation(kind_of))
    return effort, unit_of, cue, kind_of


@cache
def _spelled() -> dict[str, float]:
    return {re.sub(r"\s+", " ", fold(w)): float(h) for w, h in table("effort_terms")["spelled"].items()}


def _hours(number: str, unit: str) -> float:
    value = float(number.replace(",", "."))
    return value / 60 if unit == "minute" else value


def efforts(low: str, start: int = 0, end: int | None = None) -> list[Effort]:
    """Working times stated in ``low[start:end]`` (a folded text), in text order; none of zero hours or over a week."""
    end = len(low) if end is None else end
    pattern, unit_of, _, _ = _patterns()
    out = []
    for m in pattern.finditer(low, start, end):
        only = bool(m.group("only") or m.group("after"))
        per = "day" if m.group("day") or m.group("day_before") else "week" if m.group("week") or m.group("week_before") \
            else None
        if m.group("spelled"):
            if not (per or only):  # "à une heure de Paris", "15 USD an hour": a distance or a rate, not work
                continue
            a = b = _spelled()[re.sub(r"\s+", " ", m.group("spelled"))]
        else:
            unit = unit_of[re.sub(r"\s+", " ", m.group("unit"))]
            a = _hours(m.group("a"), unit)
            b = _hours(m.group("b"), unit) if m.group("b") else a
        lo, hi = min(a, b), max(a, b)
        if lo <= 0 or hi > MAX_HOURS:
            continue
        out.append(Effort(start=m.start(), end=m.end(), low=lo, high=hi, per=per, only=only))
    return out


def cues(low: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Words in ``low[start:end]`` (a folded text) that call the work small or unskilled, in text order."""
    _, _, pattern, kind_of = _patterns()
    return [Cue(kind=kind_of[re.sub(r"\s+", " ", m.group())], start=m.start(), end=m.end())
            for m in pattern.finditer(low, start, len(low) if end is None else end)]
