"""``cases track``: the timeline of one identifier or template across sites, and what it travels with.

An identifier is a phone number, e-mail, handle or domain (normalised as at ingest), or
``template:AD_ID`` for the ads of that ad's near-duplicate template. Co-occurring identifiers are
found hop by hop: the identifiers in its ads (one hop), the identifiers in their ads (two), ...
"""

from __future__ import annotations

import re
from collections import Counter

from sqlalchemy import and_, select

from redflag.cases import schema
from redflag.cases.identifiers import IDENTIFIER_KINDS, domain_key, email_key, handle_key, phone_keys, token
from redflag.cases.location import StoreError
from redflag.cases.search import redact_key
from redflag.cases.store import Store, chunked, utc

MAX_ADS = 10_000  # ads followed per hop: past this an identifier is a common word, not a lead
a, s, e, ae = schema.ads, schema.sightings, schema.entities, schema.ad_entities


def classify(identifier: str, kind: str | None = None) -> tuple[str, str]:
    """(kind, the identifier as typed) — guessed from its shape unless ``kind`` says."""
    t = identifier.strip()
    if kind:
        return kind, t
    if re.fullmatch(r"(?:template|ad):\d+", t.lower()):
        return "template", t.split(":", 1)[1]
    if "@" in t and not t.startswith("@") and "." in t.rsplit("@", 1)[1]:
        return "email", t
    if t.startswith("@") or re.match(r"(?:https?://)?(?:t\.me|telegram\.me|instagram\.com|wa\.me)/", t.lower()):
        return "handle", t
    if re.fullmatch(r"[+\d][\d\s().\-/]{5,}", t):
        return "phone", t
    if re.fullmatch(r"(?:https?://)?[\w\-.]+\.[a-z]{2,}(?:/.*)?", t.lower()):
        return "domain", t
    return "handle", t


def _entity_ids(conn, kind: str, term: str, region: str | None, secret: str | None) -> list[int]:
    keys = {"phone": lambda: phone_keys(term, region), "email": lambda: [email_key(term)],
            "handle": lambda: [handle_key(term)], "domain": lambda: [domain_key(term)]}
    if kind not in keys:
        raise StoreError(f"cannot track {term!r}: give a phone, e-mail, handle, domain or template:AD_ID")
    found = keys[kind]()
    if secret:
        found += [token(kind, k, secret) for k in found]
    return [r[0] for r in conn.execute(select(e.c.id).where(and_(e.c.kind == kind, e.c.key.in_(found))))]


def _ads_of(conn, entity_ids: list[int]) -> set[int]:
    out: set[int] = set()
    for part in chunked(entity_ids):
        out.update(r[0] for r in conn.execute(select(ae.c.ad_id).where(ae.c.entity_id.in_(part)).distinct()
                                              .limit(MAX_ADS)))
    return out


def _identifiers_of(conn, ad_ids: set[int]) -> dict[int, tuple[str, str, set[int]]]:
    out: dict[int, tuple[str, str, set[int]]] = {}
    for part in chunked(sorted(ad_ids)):
        for eid, kind, value, ad_id in conn.execute(
                select(e.c.id, e.c.kind, e.c.value, ae.c.ad_id).join(ae, ae.c.entity_id == e.c.id)
                .where(and_(ae.c.ad_id.in_(part), e.c.kind.in_(IDENTIFIER_KINDS)))):
            out.setdefault(eid, (kind, value, set()))[2].add(ad_id)
    return out


def track(store: Store, identifier: str, *, kind: str | None = None, hops: int = 1, region: str | None = None,
          limit: int = 500) -> dict:
    """Everything the store knows of ``identifier``: ads, sightings in time order, platforms, co-occurring identifiers."""
    if hops < 0 or hops > 5:
        raise StoreError(f"--hops {hops}: give 0 to 5")
    kind, term = classify(identifier, kind)
    secret = redact_key()
    with store.begin() as conn:
        if kind == "template":
            row = conn.execute(select(a.c.template).where(a.c.id == int(term))).first()
            if row is None:
                raise StoreError(f"no ad {term} in the store")
            ad_ids = {r[0] for r in conn.execute(select(a.c.id).where(a.c.template == row[0]).limit(MAX_ADS))}
            start: set[int] = set()
        else:
            start = set(_entity_ids(conn, kind, term, region, secret))
            ad_ids = _ads_of(conn, sorted(start))
        ads = [dict(r._mapping) for part in chunked(sorted(ad_ids)) for r in conn.execute(
            select(a.c.id, a.c.score, a.c.level, a.c.harm, a.c.first_seen, a.c.last_seen, a.c.verdict, a.c.template)
            .where(a.c.id.in_(part)))]
        sightings = [dict(r._mapping) for part in chunked(sorted(ad_ids)) for r in conn.execute(
            select(s.c.seen_at, s.c.source, s.c.external_id, s.c.url, s.c.ad_id).where(s.c.ad_id.in_(part)))]
        co: dict[tuple[str, str], dict] = {}
        frontier, followed, known = set(ad_ids), set(ad_ids), set(start)
        for hop in range(1, hops + 1):
            found = _identifiers_of(conn, frontier)
            next_ads: set[int] = set()
            for eid, (k, value, with_ads) in found.items():
                if eid in known:
                    continue
                known.add(eid)
                co[(k, value)] = {"kind": k, "value": value, "hop": hop, "ads": len(with_ads)}
                if hop < hops:
                    next_ads |= _ads_of(conn, [eid]) - followed
            followed |= next_ads
            frontier = next_ads
            if not frontier:
                break
    level_of = {x["id"]: x for x in ads}
    sightings.sort(key=lambda x: (utc(x["seen_at"]), x["ad_id"]))
    platforms: dict[str, dict] = {}
    for x in sightings:
        p = platforms.setdefault(x["source"] or "", {"source": x["source"] or "", "sightings": 0, "ads": set(),
                                                      "first_seen": x["seen_at"], "last_seen": x["seen_at"]})
        p["sightings"] += 1
        p["ads"].add(x["ad_id"])
        p["last_seen"] = x["seen_at"]
    return {
        "identifier": identifier, "kind": kind, "found": bool(ad_ids),
        "ads": len(ads), "sightings": len(sightings),
        "first_seen": utc(sightings[0]["seen_at"]).isoformat() if sightings else None,
        "last_seen": utc(sightings[-1]["seen_at"]).isoformat() if sightings else None,
        "levels": dict(Counter(x["level"] for x in ads)),
        "harms": dict(Counter(h for x in ads for h in (x["harm"] or "").split(";") if h)),
        "platforms": [{"source": p["source"], "sightings": p["sightings"], "ads": len(p["ads"]),
                       "first_seen": utc(p["first_seen"]).isoformat(), "last_seen": utc(p["last_seen"]).isoformat()}
                      for p in sorted(platforms.values(), key=lambda p: utc(p["first_seen"]))],
        "timeline": [{"seen_at": utc(x["seen_at"]).isoformat(), "source": x["source"], "external_id": x["external_id"],
                      "url": x["url"], "ad_id": x["ad_id"], "score": round(level_of[x["ad_id"]]["score"], 2),
                      "level": level_of[x["ad_id"]]["level"]} for x in sightings[:limit]],
        "co_occurring": sorted(co.values(), key=lambda c: (c["hop"], -c["ads"], c["kind"], c["value"])),
    }
