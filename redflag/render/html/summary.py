"""The counts the report opens with: ads per level, kind of harm, language, source, flag and date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from redflag.categories import HARMS
from redflag.levels import LEVELS
from redflag.render.html.view import Ad

NO_HARM = "none"
NO_SOURCE = "(no source)"
DAILY_SPAN = 92  # days a timeline may cover and still be counted per day; longer ones per month


def ordered(counts: Counter, first: Sequence[str] = ()) -> list[tuple[str, int]]:
    """Known names in their own order, then the rest by count (most first) and name."""
    known = [(k, counts[k]) for k in first if counts.get(k)]
    rest = sorted(((k, n) for k, n in counts.items() if k not in first and n), key=lambda kv: (-kv[1], kv[0]))
    return known + rest


@dataclass(frozen=True, slots=True)
class Summary:
    """The counts over all ads of the report."""

    ads: int
    levels: list[tuple[str, int]]
    harms: list[tuple[str, int]]
    langs: list[tuple[str, int]]
    sources: list[tuple[str, int]]
    flags: list[tuple[str, int]]  # ads holding each red flag, most first
    titles: dict[str, str]  # flag id -> its title, as the scan wrote it
    dated: int  # ads with a readable date
    first: dt.date | None
    last: dt.date | None

    @property
    def daily(self) -> bool:
        """Whether the timeline is short enough to count per day."""
        return self.first is not None and self.last is not None and (self.last - self.first).days <= DAILY_SPAN


def summarise(ads: Sequence[Ad]) -> Summary:
    """Count the ads every way the report shows them."""
    flags: Counter = Counter()
    titles: dict[str, str] = {}
    for ad in ads:
        flags.update(set(ad.flags))
        for f in ad.evidence:
            if f.title:
                titles.setdefault(f.id, f.title)
    harms = Counter(h for ad in ads for h in (ad.harms or (NO_HARM,)))
    dates = [ad.date for ad in ads if ad.date is not None]
    return Summary(
        ads=len(ads),
        levels=ordered(Counter(ad.level for ad in ads), LEVELS[::-1]),
        harms=ordered(harms, HARMS + (NO_HARM,)),
        langs=ordered(Counter(ad.lang for ad in ads)),
        sources=ordered(Counter(ad.source for ad in ads if ad.source)),
        flags=ordered(flags),
        titles=titles,
        dated=len(dates),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
    )


def period(date: dt.date, daily: bool) -> str:
    """The day, or the first day of the month, a date is counted under on the timeline."""
    return date.isoformat() if daily else date.replace(day=1).isoformat()


def riskiest(ads: Sequence[Ad], top: int) -> list[Ad]:
    """The ``top`` ads with the highest scores, ties by level then id; the order of the ad sections too."""
    rank = {level: i for i, level in enumerate(LEVELS)}
    return sorted(ads, key=lambda a: (-a.score, -rank.get(a.level, -1), a.id))[:top]
