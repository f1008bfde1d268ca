"""Clusters of ads tied by shared contact identifiers or near-identical text: the data, never its wording.

Exploitative recruiters post the same template on many sites with the same phone or handle;
grouping ads that way turns single suspicious ads into visible operations. The sentences that
explain a cluster are ``redflag.render.clusters``'s to write.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from redflag.entities import DEFAULT_SALT, IDENTIFIER_KINDS, Entity, extract, link_key, redaction_token
from redflag.errors import InputError
from redflag.levels import LEVELS
from redflag.link import minhash

# Domains shared by unrelated advertisers: a link *to* them says nothing about who posted the ad.
COMMON_DOMAINS = frozenset("""
gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.fr ymail.com hotmail.com hotmail.co.uk hotmail.fr
outlook.com live.com msn.com aol.com icloud.com me.com mail.com gmx.com gmx.de gmx.net web.de yandex.ru
yandex.com mail.ru bk.ru list.ru inbox.ru rambler.ru ukr.net qq.com 163.com 126.com sina.com proton.me
protonmail.com zoho.com tutanota.com rediffmail.com libero.it wp.pl o2.pl interia.pl seznam.cz abv.bg
facebook.com fb.com fb.me instagram.com twitter.com x.com linkedin.com youtube.com youtu.be tiktok.com
google.com goo.gl forms.gle bit.ly tinyurl.com t.co ow.ly wa.me whatsapp.com t.me telegram.me
viber.com signal.me skype.com indeed.com monster.com glassdoor.com craigslist.org gumtree.com
reed.co.uk totaljobs.com ziprecruiter.com careerbuilder.com simplyhired.com workable.com jobs.com
wordpress.com blogspot.com wix.com weebly.com squarespace.com github.com apple.com microsoft.com
amazon.com wikipedia.org dropbox.com paypal.com surveymonkey.com typeform.com eventbrite.com
""".split())
# level names of other tools' result files count too, beside the project's own lowest and highest
HIGH_LEVELS = frozenset({LEVELS[-1], "very high", "very_high", "critical", "severe"})
LOW_LEVELS = frozenset({LEVELS[0], "none", "minimal", "clean", "ok", "info"})

Key = tuple[str, str]  # (kind, value) that two ads must share to be linked


@dataclass(frozen=True, kw_only=True, slots=True)
class SharedIdentifier:
    """An identifier found in more than one ad of a cluster."""

    kind: str
    value: str
    ads: int
    high_risk: int = 0
    low_risk: int = 0

    def shown(self, redact: bool = False, salt: str = DEFAULT_SALT) -> str:
        """The value as written out: a stable token instead of a contact detail when ``redact``."""
        if redact and self.kind not in ("domain", "url"):
            return redaction_token(self.kind if self.kind != "number" else "phone", self.value, salt)
        return self.value

    def to_dict(self, redact: bool = False, salt: str = DEFAULT_SALT) -> dict:
        """Kind, value (redacted when asked) and the number of ads holding it."""
        return {"kind": self.kind, "value": self.shown(redact, salt), "ads": self.ads}


@dataclass(frozen=True, kw_only=True, slots=True)
class Cluster:
    """A group of ads tied together by shared identifiers and/or near-identical text."""

    id: str
    ad_ids: tuple[str, ...]
    identifiers: tuple[SharedIdentifier, ...]
    link_kinds: tuple[str, ...]
    sources: tuple[str, ...] = ()
    max_score: float | None = None
    mean_score: float | None = None
    high_risk: int = 0
    watch: tuple[str, ...] = ()
    harms: tuple[tuple[str, int], ...] = ()  # kind of harm -> ads of the cluster pointing to it, most first

    @property
    def size(self) -> int:
        """How many ads the cluster holds."""
        return len(self.ad_ids)

    @property
    def flagged(self) -> bool:
        """A low-risk ad shares an identifier with high-risk ads: worth a second look."""
        return bool(self.watch)

    def to_dict(self, redact: bool = False, salt: str = DEFAULT_SALT) -> dict:
        """The cluster as plain data, identifiers redacted when asked."""
        return {
            "id": self.id,
            "size": self.size,
            "ad_ids": list(self.ad_ids),
            "identifiers": [i.to_dict(redact, salt) for i in self.identifiers],
            "link_kinds": list(self.link_kinds),
            "sources": list(self.sources),
            "max_score": self.max_score,
            "mean_score": self.mean_score,
            "high_risk": self.high_risk,
            "watch": list(self.watch),
            "harms": dict(self.harms),
        }


@dataclass
class _Ads:
    """The batch as linking sees it: one entry per ad in every list, and the ads holding each identifier."""

    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    sources: list[str | None] = field(default_factory=list)
    scores: list[float | None] = field(default_factory=list)
    high: list[bool] = field(default_factory=list)
    low: list[bool] = field(default_factory=list)
    harms: list[tuple[str, ...]] = field(default_factory=list)
    postings: dict[Key, list[int]] = field(default_factory=lambda: defaultdict(list))
    kinds_seen: dict[Key, Counter] = field(default_factory=lambda: defaultdict(Counter))


def _field(record: Any, name: str, default: Any = None) -> Any:
    if isinstance(record, Mapping):
        return record.get(name, default)
    return getattr(record, name, default)


def _entities(value: Any) -> list[Entity]:
    out = []
    for e in value or ():
        if isinstance(e, Entity):
            out.append(e)
        elif isinstance(e, Mapping):
            out.append(Entity(kind=e["kind"], value=e["value"], text=e.get("text", ""), start=e.get("start", 0),
                              end=e.get("end", 0), domain=e.get("domain")))
    return out


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[rb] = ra


def _risk(score: Any, level: Any, high_score: float, low_score: float) -> tuple[float | None, bool, bool]:
    """The ad's numeric score (if any) and whether it counts as high or as low risk."""
    try:
        s = float(score) if score is not None and score == score else None
    except (TypeError, ValueError):
        s = None
    lv = str(level).strip().lower() if level is not None and level == level else ""
    if lv:
        return s, lv in HIGH_LEVELS, lv in LOW_LEVELS
    if s is None:
        return None, False, False
    return s, s >= high_score, s < low_score


def _post(ads: _Ads, i: int, ents: list[Entity], blocked: frozenset[str]) -> None:
    """File ad ``i`` under each identifier it holds; an e-mail at a company domain also files it under the domain."""
    keys: set[Key] = set()
    for e in ents:
        key = link_key(e)
        if key is None or (key[0] == "domain" and key[1] in blocked):
            continue
        if key not in keys:
            keys.add(key)
            ads.postings[key].append(i)
        ads.kinds_seen[key][e.kind] += 1
        if e.kind == "email" and e.domain and e.domain not in blocked and not e.value.startswith("#"):
            dkey = ("domain", e.domain)
            if dkey not in keys:
                keys.add(dkey)
                ads.postings[dkey].append(i)
            ads.kinds_seen[dkey]["url"] += 1


def _read(records: Iterable[Any], region: str | None, blocked: frozenset[str], high_score: float, low_score: float) -> _Ads:
    ads = _Ads()
    for i, rec in enumerate(records):
        rid = _field(rec, "id")
        ads.ids.append(str(i) if rid is None else str(rid))
        text = _field(rec, "text") or ""
        text = text if isinstance(text, str) else str(text)
        ads.texts.append(text)
        src = _field(rec, "source")
        ads.sources.append(None if src is None or src != src else str(src))
        s, hi, lo = _risk(_field(rec, "score"), _field(rec, "level"), high_score, low_score)
        ads.scores.append(s)
        ads.high.append(hi)
        ads.low.append(lo)
        harm = _field(rec, "harm")
        ads.harms.append(tuple(h for h in harm.split(";") if h) if isinstance(harm, str) else tuple(harm or ()))
        given = _field(rec, "entities")
        _post(ads, i, _entities(given) if given is not None else extract(text, region, kinds=IDENTIFIER_KINDS), blocked)
    return ads


def _shared_identifier(ads: _Ads, key: Key, members: list[int]) -> SharedIdentifier:
    """The identifier under the name ads use most: a number is the messenger it is offered on, if any."""
    kind, value = key
    if kind in ("number", "redacted"):
        seen = [k for k, _ in ads.kinds_seen[key].most_common()]
        messengers = [k for k in seen if k != "phone"]
        kind = messengers[0] if messengers else seen[0]
        if key[0] == "redacted":
            value = f"[{kind}:{value}]"
    return SharedIdentifier(kind=kind, value=value, ads=len(members), high_risk=sum(ads.high[m] for m in members),
                            low_risk=sum(ads.low[m] for m in members))


def _cluster(ads: _Ads, members: list[int], keys: list[Key], shared: dict[Key, list[int]], duplicated: set[int]) -> Cluster:
    idents = []
    watch: set[int] = set()
    for key in keys:
        ident = _shared_identifier(ads, key, shared[key])
        if ident.high_risk and ident.low_risk:
            watch.update(m for m in shared[key] if ads.low[m])
        idents.append(ident)
    idents.sort(key=lambda x: (-x.ads, x.kind, x.value))
    link_kinds = (["identifier"] if idents else []) + (["near-duplicate"] if duplicated.intersection(members) else [])
    member_ids = sorted(ads.ids[m] for m in members)
    vals = [ads.scores[m] for m in members if ads.scores[m] is not None]
    harms = Counter(h for m in members for h in ads.harms[m])
    return Cluster(
        id="c-" + hashlib.sha1("\x00".join(member_ids).encode()).hexdigest()[:10],
        ad_ids=tuple(member_ids),
        identifiers=tuple(idents),
        link_kinds=tuple(link_kinds),
        sources=tuple(sorted({ads.sources[m] for m in members if ads.sources[m]})),
        max_score=max(vals) if vals else None,
        mean_score=round(sum(vals) / len(vals), 2) if vals else None,
        high_risk=sum(ads.high[m] for m in members),
        watch=tuple(sorted(ads.ids[m] for m in watch)),
        harms=tuple(sorted(harms.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def link_records(
    records: Iterable[Any],
    similarity: float = 0.8,
    *,
    region: str | None = None,
    shingle: int | None = None,
    near_duplicates: bool = True,
    common_domains: Iterable[str] = COMMON_DOMAINS,
    max_key_ads: int | None = None,
    high_score: float = 70.0,
    low_score: float = 30.0,
) -> list[Cluster]:
    """Group ads (mappings or objects with ``id``, ``text`` and optional ``source``, ``score``,
    ``level``, ``harm`` (kinds of harm, a list or ";"-joined), ``entities``) that share an identifier or near-identical text; singletons are dropped.

    Near-identical text is read as :func:`redflag.link.minhash.near_duplicates` reads it: by default
    slot-folded words, word pairs and triples, a short ad held to the bar its length allows;
    ``shingle`` = k compares word k-grams at ``similarity`` itself."""
    if not 0.0 < similarity <= 1.0:
        raise ValueError("similarity must be in (0, 1]")
    ads = _read(records, region, frozenset(d.lower() for d in common_domains), high_score, low_score)
    n = len(ads.ids)
    parent = list(range(n))
    shared = {key: members for key, members in ads.postings.items()
              if len(members) >= 2 and (max_key_ads is None or len(members) <= max_key_ads)}
    for members in shared.values():
        for m in members[1:]:
            _union(parent, members[0], m)
    duplicated: set[int] = set()
    if near_duplicates and n > 1:
        for a, b in minhash.near_duplicates(ads.texts, similarity, shingle).tolist():
            duplicated.update((a, b))
            _union(parent, a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[_find(parent, i)].append(i)
    keys_by_root: dict[int, list[Key]] = defaultdict(list)
    for key, members in shared.items():
        keys_by_root[_find(parent, members[0])].append(key)
    clusters = [_cluster(ads, members, keys_by_root.get(root, []), shared, duplicated)
                for root, members in groups.items() if len(members) >= 2]
    clusters.sort(key=lambda c: (-c.high_risk, -c.size, c.id))
    return clusters


def link_frame(
    df: Any,
    text_col: str = "text",
    id_col: str = "id",
    source_col: str | None = None,
    score_col: str | None = None,
    level_col: str | None = None,
    similarity: float = 0.8,
    **options: Any,
) -> list[Cluster]:
    """:func:`link_records` over a pandas DataFrame's columns (ids fall back to the row index)."""
    for col in (text_col, source_col, score_col, level_col):
        if col is not None and col not in df.columns:
            raise InputError(f"column {col!r} not found; columns are: {', '.join(map(str, df.columns))}")
    n = len(df)
    texts = df[text_col].fillna("").astype(str).tolist()
    ids = df[id_col].astype(str).tolist() if id_col in df.columns else [str(i) for i in df.index]

    def column(name: str | None) -> list:
        return df[name].tolist() if name is not None else [None] * n

    records = [
        {"id": i, "text": t, "source": s, "score": sc, "level": lv}
        for i, t, s, sc, lv in zip(ids, texts, column(source_col), column(score_col), column(level_col))
    ]
    return link_records(records, similarity, **options)
