"""Pay realism: promised pay turned into pay per hour and compared with a typical hourly wage of
the currency's region ("150–600 USD a day for 30 minutes ≈ 300–1,200 USD an hour, 10–40x").

Amounts, currencies and periods come from ``redflag.entities.money``; the effort asked (hours a
day or a week, "only 30 minutes", part-time, from home, no experience) from
``redflag.entities.effort``; rates, wages, assumed hours and thresholds from
``entities/data/pay_reference.toml``. An amount counts only as pay promised to the worker: one
in a clause about a fee, deposit, rent, training or travel cost is left alone, and the context
cues of the ad's language switch off a negated or hypothetical promise as for other rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from redflag.entities.base import Context
from redflag.entities.data import table
from redflag.entities.folding import alternation
from redflag.entities.effort import Cue, Effort, cues as find_cues, efforts as find_efforts
from redflag.entities.money import CURRENCY_MULTIPLIERS, find as find_money
from redflag.result import Explanation, Suppression
from redflag.rules.context import suppression
from redflag.rules.kinds.base import MAX_EVIDENCE, NOTHING, Ad, Found, evidence_at
from redflag.rules.schema import ContextCues, Rule

__all__ = ["PayRealismMatcher", "Estimate", "reference", "estimate"]

# concepts of the language packs that make an amount a cost to the worker, not pay
COST_CONCEPTS = frozenset({"fee", "recruit_fee", "deposit", "living_cost", "training_kit", "travel_doc", "transfer_channel"})
MAX_AMOUNTS = 20  # amounts of one ad weighed: a real ad names a few
_REACH = 200  # characters between an amount and the working time it is paid for
_CUE_GAP = 3  # characters between a bare working time and the cue that makes it effort ("30 minutes on your phone")
_VALUE = re.compile(r"^(?P<lo>\d+(?:\.\d+)?)(?:-(?P<hi>\d+(?:\.\d+)?))? (?P<cur>[A-Z]{3})(?:/(?P<per>\w+))?$")
_CLAUSE_END = re.compile(r"[;:!?\n]|[.,](?=\s)")


@cache
def _implied() -> re.Pattern:
    """An amount whose multiplier names its currency ("2 triệu", "5jt", "500k/ngày"), which @money does not read."""
    return re.compile(r"\d\s?" + alternation(CURRENCY_MULTIPLIERS))


@cache
def reference() -> dict:
    """The parsed ``pay_reference.toml``: rates, wages, hours and thresholds."""
    return table("pay_reference")


@dataclass(frozen=True, slots=True)
class Estimate:
    """One promised amount as pay per hour, against the typical hourly wage of its currency's region."""

    low: float  # pay per hour in the amount's currency: the least the words allow
    high: float
    currency: str
    hours: float  # hours of work the amount pays for (the most the words allow)
    assumed: bool  # hours assumed full-time, none stated
    small: bool  # a small stated effort
    ratio_low: float
    ratio_high: float
    usd_low: float
    usd_high: float
    wage: float  # typical hourly wage, in ``currency``
    region: str
    cite: str

    @property
    def threshold(self) -> float:
        """The multiple of the typical wage above which this pay is implausible for its effort."""
        t = reference()["thresholds"]
        return t["stated_small"] if self.small else t["assumed"]


def estimate(low: float, high: float, currency: str, period: str, effort: Effort | None) -> Estimate | None:
    """Pay of ``low``-``high`` ``currency`` a ``period`` as pay per hour, for ``effort`` (None: full-time)."""
    ref = reference()
    wage = ref["wages"].get(currency)
    rate = ref["rates"].get(currency)
    hours_ref = ref["hours"]
    full = hours_ref["full_time"].get(period)
    if wage is None or not isinstance(rate, (int, float)) or full is None or not wage["hourly"] > 0:
        return None
    if period == "hour":
        hours, assumed, small = 1.0, True, False
        if effort is not None:
            small = _small(effort, hours_ref)
            assumed = False
    elif effort is None:
        hours, assumed, small = float(full), True, False
    else:
        hours = _hours_in(effort.high, effort.per, period, hours_ref)
        assumed, small = False, _small(effort, hours_ref)
        if effort.low != effort.high:
            few = _hours_in(effort.low, effort.per, period, hours_ref)
        else:
            few = hours
        low_ph, high_ph = low / hours, high / few
        return _make(low_ph, high_ph, currency, hours, assumed, small, wage, rate)
    low_ph, high_ph = (low, high) if period == "hour" else (low / hours, high / hours)
    return _make(low_ph, high_ph, currency, hours, assumed, small, wage, rate)


def _make(low: float, high: float, currency: str, hours: float, assumed: bool, small: bool, wage: dict, rate: float) -> Estimate:
    w = float(wage["hourly"])
    return Estimate(low=low, high=high, currency=currency, hours=hours, assumed=assumed, small=small,
                    ratio_low=low / w, ratio_high=high / w, usd_low=low / rate, usd_high=high / rate,
                    wage=w, region=wage["region"], cite=wage["cite"])


def _small(effort: Effort, hours_ref: dict) -> bool:
    if effort.per == "week":
        return effort.high <= hours_ref["small_week"]
    return effort.high <= hours_ref["small_day"]


def _hours_in(hours: float, per: str | None, period: str, hours_ref: dict) -> float:
    """Hours worked in one pay ``period`` for ``hours`` stated ``per`` day or week (None: a day's work)."""
    days = hours_ref["days"]
    if per == "week":
        if period in ("day", "shift", "night"):
            return hours / 5  # a week's hours spread over the fewest usual working days
        return hours * days[period] / 7
    return hours * days.get(period, 1)


@dataclass(frozen=True, slots=True)
class _Amount:
    start: int
    end: int
    low: float
    high: float
    currency: str
    period: str


def _amounts(text: str, context: Context) -> list[_Amount]:
    out = []
    for e in find_money(text, context)[:MAX_AMOUNTS]:
        m = _VALUE.match(e.value)
        if not m or not m.group("per"):
            continue
        lo = float(m.group("lo"))
        hi = float(m.group("hi")) if m.group("hi") else lo
        lo, hi = min(lo, hi), max(lo, hi)
        if lo <= 0:
            continue
        out.append(_Amount(start=e.start, end=e.end, low=lo, high=hi, currency=m.group("cur"), period=m.group("per")))
    return out


def _windows(amounts: list[_Amount], size: int) -> list[tuple[int, int]]:
    """The stretches within _REACH characters of an amount, merged where they touch."""
    out: list[list[int]] = []
    for am in sorted(amounts, key=lambda x: x.start):
        a, b = max(0, am.start - _REACH), min(size, am.end + _REACH)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _clause(low: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``low[start:end]``: from the punctuation before it to the punctuation after."""
    a = 0
    for m in _CLAUSE_END.finditer(low, max(0, start - 120), start):
        a = m.end()
    m = _CLAUSE_END.search(low, end, end + 120)
    return a, m.start() if m else min(len(low), end + 120)


def _is_cost(ad: Ad, amount: _Amount, low: str) -> bool:
    """The amount stands in a clause about a fee, deposit, rent, training or travel: a cost, not pay."""
    a, b = _clause(low, amount.start, amount.end)
    return any(u.concept in COST_CONCEPTS and a <= u.start and u.end <= b
               for uses in ad.uses.values() for u in uses)


def _effort_for(amount: _Amount, efforts: list[Effort], cues: list[Cue]) -> Effort | None:
    """The stated working time nearest the amount: one with a period, called small, or followed by a cue."""
    best, gap = None, _REACH + 1
    for e in efforts:
        if e.end > amount.start and e.start < amount.end:
            continue
        if e.per is None and not e.only and not any(0 <= c.start - e.end <= _CUE_GAP for c in cues):
            continue  # "within 24 hours", "training takes 2 hours"
        d = amount.start - e.end if e.end <= amount.start else e.start - amount.end
        if d < gap:
            best, gap = e, d
    return best


class PayRealismMatcher:
    """A rule that fires when promised pay per hour is far above a typical wage for the effort asked."""

    reads_hits: ClassVar[bool] = False

    def __init__(self, rule: Rule, cues: ContextCues | None) -> None:
        self.rule = rule
        self.cues = cues

    def match(self, ad: Ad) -> Found:
        """The amount phrase and the effort phrases, with the arithmetic as the hit's explanation."""
        if not ad.built_in("@money") and not _implied().search(ad.lowered):
            return NOTHING
        text = ad.norm.text
        context = Context.of(text)
        amounts = _amounts(text, context)
        if not amounts:
            return NOTHING
        ref = reference()
        amounts = [a for a in amounts if a.currency in ref["wages"] and a.period in ref["hours"]["full_time"]]
        if not amounts:
            return NOTHING
        low = context.low
        efforts: list[Effort] = []
        cues: list[Cue] = []
        for a, b in _windows(amounts, len(low)):  # effort is read near the amounts only: long ads cost no more
            efforts += find_efforts(low, a, b)
            cues += find_cues(low, a, b)
        candidates = []
        for amount in amounts:
            effort = _effort_for(amount, efforts, cues)
            est = estimate(amount.low, amount.high, amount.currency, amount.period, effort)
            if est is None or est.ratio_low <= est.threshold:
                continue
            if (est.assumed or not est.small) and not cues:
                continue  # assumed hours: only for work the ad itself calls small or unskilled
            if _is_cost(ad, amount, low):
                continue
            candidates.append((est.ratio_low, amount, effort, est))
        if not candidates:
            return NOTHING
        candidates.sort(key=lambda c: -c[0])
        # "no experience" names the effort; its "no" negates no promise after it
        judged = ad.lowered
        for c in cues:
            if c.kind == "no_experience":
                judged = judged[:c.start] + " " * (c.end - c.start) + judged[c.end:]
        switched_off: list[Suppression] = []
        for _, amount, effort, est in candidates:
            quoted = evidence_at(ad.norm, amount.start, amount.end)
            why = suppression(judged, amount.start, amount.end, (self.cues, *ad.cues_at(amount.start, amount.end)),
                              negation=self.rule.negation, conditional=self.rule.hypothetical)
            if why:
                switched_off.append(Suppression(rule_id=self.rule.id, evidence=quoted, reason=why[0], cue=why[1]))
                continue
            spans: list[tuple[int, int]] = [(amount.start, amount.end)]
            named = [effort] if effort is not None else []
            named += sorted(cues, key=lambda c: abs(c.start - amount.start))[:2]
            for p in named:
                if not any(p.start < b and a < p.end for a, b in spans):
                    spans.append((p.start, p.end))
            evidence = tuple(sorted((evidence_at(ad.norm, a, b) for a, b in spans), key=lambda e: e.start))[:MAX_EVIDENCE]
            stated = evidence_at(ad.norm, effort.start, effort.end).text if effort is not None else None
            return Found(evidence=evidence, suppressed=tuple(switched_off), note=explain(est, quoted.text, stated))
        return Found(suppressed=tuple(switched_off))


def _num(x: float) -> str:
    return f"{x:,.0f}" if x >= 10 else f"{x:,.1f}".rstrip("0").rstrip(".")


def _span(a: float, b: float, fmt=_num) -> str:
    lo, hi = fmt(a), fmt(b)
    return lo if lo == hi else f"{lo}–{hi}"


def _inside_sentence(phrase: str) -> str:
    """A phrase quoted from the start of the ad's sentence, as it reads inside another one ("Nur eine
    Stunde" -> "nur eine Stunde"); a word in capitals ("ONLY") keeps them."""
    return phrase[0].lower() + phrase[1:] if phrase[:1].isupper() and phrase[1:2].islower() else phrase


def explain(est: Estimate, amount: str, effort: str | None) -> Explanation:
    """The arithmetic of an estimate as the fields of a [ui] template, and the figures behind them."""
    fields = {
        "amount": " ".join(amount.split()),
        "per_hour": _span(est.usd_low, est.usd_high),
        "ratio": _span(est.ratio_low, est.ratio_high, lambda r: f"{r:.0f}"),
        "wage": f"{_num(est.wage)} {est.currency}",
        "region": est.region,
        "source": est.cite,
    }
    if effort is not None:
        template, fields["effort"] = "pay_explained", _inside_sentence(" ".join(effort.split()))
    else:
        template, fields["hours"] = "pay_explained_assumed", _num(est.hours)
    figures = {
        "currency": est.currency, "pay_per_hour": [round(est.low, 2), round(est.high, 2)],
        "pay_per_hour_usd": [round(est.usd_low, 2), round(est.usd_high, 2)], "hours": round(est.hours, 2),
        "hours_assumed": est.assumed, "typical_hourly_wage": est.wage, "ratio": [round(est.ratio_low, 1), round(est.ratio_high, 1)],
        "threshold": est.threshold, "region": est.region, "source": est.cite,
    }
    return Explanation(template=template, fields=tuple(fields.items()), figures=tuple(figures.items()),
                       names=(("region", est.currency),), numbers=("per_hour", "ratio", "wage", "hours"))
