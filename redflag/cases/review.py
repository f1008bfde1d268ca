"""Review decisions, and the labelled table they make for ``redflag evaluate`` and ``--fit-weights``.

A confirmed ad is a positive (label 1), a false alarm a negative (label 0); ads that need a
follow-up are not labelled yet and stay out of the export.
"""

from __future__ import annotations

import getpass
import json

from sqlalchemy import func, select, update

from redflag.cases import schema
from redflag.cases.filters import _choice
from redflag.cases.location import StoreError
from redflag.cases.schema import VERDICTS
from redflag.cases.search import sightings_of
from redflag.cases.store import Store, now, utc

LABELS = {"confirmed": 1, "false_alarm": 0}
EXPORT_COLUMNS = ["id", "text", "label", "verdict", "type", "score", "level", "flags", "lang", "sources", "reviewer",
                  "reviewed_at", "note"]
a, r = schema.ads, schema.reviews


def review(store: Store, ad_id: int, verdict: str, note: str | None = None, reviewer: str | None = None) -> dict:
    """Record a decision on one ad; the latest decision is the ad's verdict."""
    verdict = _choice(verdict, VERDICTS, "--verdict")
    who = reviewer or _user()
    when = now()
    with store.begin() as conn:
        if conn.execute(select(a.c.id).where(a.c.id == ad_id)).first() is None:
            raise StoreError(f"no ad {ad_id} in the store")
        conn.execute(r.insert().values(ad_id=ad_id, verdict=verdict, note=note, reviewer=who, reviewed_at=when))
        conn.execute(update(a).where(a.c.id == ad_id).values(verdict=verdict))
    return {"id": ad_id, "verdict": verdict, "note": note, "reviewer": who, "reviewed_at": when.isoformat()}


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""


def ad(store: Store, ad_id: int) -> dict:
    """One ad with everything kept about it: text, latest result and evidence, entities, sightings, reviews."""
    with store.begin() as conn:
        row = conn.execute(select(a).where(a.c.id == ad_id)).first()
        if row is None:
            raise StoreError(f"no ad {ad_id} in the store")
        res = conn.execute(select(schema.results).where(schema.results.c.id == row.result_id)).first()
        ents = conn.execute(select(schema.entities.c.kind, schema.entities.c.value, schema.ad_entities.c.start,
                                   schema.ad_entities.c.end, schema.ad_entities.c.messenger)
                            .join(schema.ad_entities, schema.ad_entities.c.entity_id == schema.entities.c.id)
                            .where(schema.ad_entities.c.ad_id == ad_id).order_by(schema.ad_entities.c.start)).all()
        seen = conn.execute(select(schema.sightings).where(schema.sightings.c.ad_id == ad_id)
                            .order_by(schema.sightings.c.seen_at)).all()
        decisions = conn.execute(select(r).where(r.c.ad_id == ad_id).order_by(r.c.reviewed_at)).all()
    text = row.text or ""
    return {
        "id": row.id, "text": row.text, "redacted": row.redacted, "lang": row.lang, "score": round(row.score, 2),
        "level": row.level, "harm": row.harm, "flags": row.flags, "model_probability": row.model_probability,
        "reassuring": res.reassuring if res is not None else "",
        "evidence": json.loads(res.evidence) if res is not None else [],
        "entities": [{"kind": k, "value": v, "text": text[s:e], "start": s, "end": e, "messenger": m}
                     for k, v, s, e, m in ents],
        "first_seen": utc(row.first_seen).isoformat(), "last_seen": utc(row.last_seen).isoformat(),
        "template": row.template, "verdict": row.verdict,
        "sightings": [{"source": x.source, "external_id": x.external_id, "url": x.url,
                       "seen_at": utc(x.seen_at).isoformat(), "scan": x.scan_id} for x in seen],
        "reviews": [{"verdict": x.verdict, "note": x.note, "reviewer": x.reviewer,
                     "reviewed_at": utc(x.reviewed_at).isoformat()} for x in decisions],
    }


def reviewed(store: Store) -> list[dict]:
    """Every reviewed ad with a label (confirmed 1, false alarm 0), latest decision per ad, oldest first."""
    latest = select(r.c.ad_id, func.max(r.c.id).label("rid")).group_by(r.c.ad_id).subquery()
    q = (select(a.c.id, a.c.text, a.c.harm, a.c.score, a.c.level, a.c.flags, a.c.lang, r.c.verdict, r.c.reviewer,
                r.c.reviewed_at, r.c.note)
         .join(latest, latest.c.ad_id == a.c.id).join(r, r.c.id == latest.c.rid)
         .where(r.c.verdict.in_(tuple(LABELS))).order_by(r.c.reviewed_at, a.c.id))
    with store.begin() as conn:
        rows = conn.execute(q).all()
        seen = sightings_of(conn, [x.id for x in rows])
    return [{"id": x.id, "text": x.text or "", "label": LABELS[x.verdict], "verdict": x.verdict,
             "type": x.harm.split(";")[0] if x.harm and x.verdict == "confirmed" else "",
             "score": round(x.score, 2), "level": x.level, "flags": x.flags, "lang": x.lang,
             "sources": ";".join(s for s in seen[x.id]["sources"] if s), "reviewer": x.reviewer,
             "reviewed_at": utc(x.reviewed_at).isoformat(), "note": x.note or ""} for x in rows]
