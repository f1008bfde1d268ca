"""Search filters: parsed and checked once, from the CLI's strings or the API's values alike.

A malformed value (a level that does not exist, a date that is not one, a score out of range) is
a one-line error naming the option, before the store is touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from redflag.cases.identifiers import domain_key, email_key, handle_key, phone_keys
from redflag.cases.location import StoreError
from redflag.cases.schema import VERDICTS
from redflag.levels import LEVELS

HARMS = ("labour", "sexual", "scam")
SORTS = ("score", "last_seen", "first_seen", "sightings")
_DURATION = re.compile(r"^(\d+)\s*([dwmy])$")
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_when(value: str | datetime | None, option: str) -> datetime | None:
    """A date or time (``2026-11-30``, ``2026-11-30T12:00``) or an age (``30d``, ``6m``) as aware UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    v = str(value).strip()
    m = _DURATION.match(v.lower())
    if m:
        return datetime.now(timezone.utc) - timedelta(days=int(m.group(1)) * _DAYS[m.group(2)])
    try:
        when = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        raise StoreError(f"{option} {value!r}: not a date (YYYY-MM-DD, an ISO time, or an age such as 30d)") from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def parse_age(value: str, option: str = "--older-than") -> timedelta:
    """A retention period such as ``180d``, ``26w``, ``6m`` or ``1y``."""
    m = _DURATION.match(str(value).strip().lower())
    if not m or int(m.group(1)) == 0:
        raise StoreError(f"{option} {value!r}: give a period such as 180d, 26w, 6m or 1y")
    return timedelta(days=int(m.group(1)) * _DAYS[m.group(2)])


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    if value is None:
        return None
    v = value.strip().lower().replace("-", "_").replace(" ", "_")
    if v not in allowed:
        raise StoreError(f"{option} {value!r}: choose one of {', '.join(allowed)}")
    return v


@dataclass(frozen=True)
class Filters:
    """Every criterion ``cases search`` and ``report --db`` take; all given ones must hold."""

    level: str | None = None  # at least this level
    min_score: float | None = None
    max_score: float | None = None
    rules: tuple[str, ...] = ()  # rule ids or prefixes (FEE, DOC001)
    categories: tuple[str, ...] = ()
    harm: str | None = None
    lang: str | None = None
    source: str | None = None
    since: datetime | None = None  # seen on or after
    until: datetime | None = None  # seen before
    phone: str | None = None
    email: str | None = None
    handle: str | None = None
    domain: str | None = None
    region: str | None = None  # for national phone numbers
    age_below: int | None = None  # targets someone younger than this
    age_above: int | None = None  # targets someone older than this
    nationality: str | None = None
    gender: str | None = None
    verdict: str | None = None  # a review verdict, or "unreviewed"
    words: str | None = None  # full-text
    template: int | None = None  # ads of the same near-duplicate template as this ad id
    sort: str = "score"
    limit: int = 50
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        _choice(self.level, LEVELS, "--level")
        _choice(self.harm, HARMS, "--type")
        _choice(self.sort, SORTS, "--sort")
        if self.verdict is not None and self.verdict != "unreviewed":
            _choice(self.verdict, VERDICTS, "--verdict")
        for name in ("min_score", "max_score"):
            v = getattr(self, name)
            if v is not None and not 0 <= v <= 100:
                raise StoreError(f"--{name.replace('_', '-')} {v}: a score is between 0 and 100")
        if self.min_score is not None and self.max_score is not None and self.min_score > self.max_score:
            raise StoreError("--min-score is above --max-score")
        for name in ("age_below", "age_above"):
            v = getattr(self, name)
            if v is not None and not 0 < v < 130:
                raise StoreError(f"--{name.replace('_', '-')} {v}: not an age")
        if self.limit < 1:
            raise StoreError(f"--limit {self.limit}: give at least 1")
        if self.since and self.until and self.since >= self.until:
            raise StoreError("--since is not before --until")
        for rule in self.rules:
            if not re.fullmatch(r"[A-Za-z]{2,8}\d{0,4}", rule):
                raise StoreError(f"--rule {rule!r}: not a rule code or prefix (e.g. FEE or FEE001)")
        if self.phone:
            phone_keys(self.phone, self.region)
        if self.email:
            email_key(self.email)
        if self.handle:
            handle_key(self.handle)
        if self.domain:
            domain_key(self.domain)
        if self.words is not None and not self.words.strip():
            raise StoreError("--text: give at least one word")


def make_filters(**values) -> Filters:
    """Filters from CLI-style values: levels and verdicts as typed, dates as text, rules comma-separated."""
    v = dict(values)
    for key in ("rules", "categories"):
        raw = v.get(key) or ()
        if isinstance(raw, str):
            raw = [raw]
        v[key] = tuple(x.strip().upper() if key == "rules" else x.strip().lower()
                       for item in raw for x in str(item).split(",") if x.strip())
    for key in ("level", "harm", "verdict", "sort"):
        if v.get(key) is not None:
            v[key] = _choice(str(v[key]), {"level": LEVELS, "harm": HARMS, "sort": SORTS,
                                           "verdict": VERDICTS + ("unreviewed",)}[key],
                             {"harm": "--type"}.get(key, f"--{key}"))
    v["since"] = parse_when(v.get("since"), "--since")
    v["until"] = parse_when(v.get("until"), "--until")
    if v.get("gender") is not None:
        g = str(v["gender"]).strip().lower()
        v["gender"] = {"f": "female", "women": "female", "woman": "female", "m": "male", "men": "male",
                       "man": "male"}.get(g, g)
    return Filters(**{k: x for k, x in v.items() if x is not None or k in ("level",)})
