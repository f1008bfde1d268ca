"""Stored ads as scan-result rows, so the HTML report reads the store as it reads a results file."""

from __future__ import annotations

import json

from sqlalchemy import select

from redflag.cases import schema
from redflag.cases.filters import Filters
from redflag.cases.search import search
from redflag.cases.store import Store, chunked


def report_rows(store: Store, f: Filters) -> list[dict]:
    """The ads matching ``f`` with text, evidence, entities, first source and first-seen date."""
    found = search(store, f)
    ids = [r["id"] for r in found]
    a, res, e, ae = schema.ads, schema.results, schema.entities, schema.ad_entities
    details: dict[int, dict] = {}
    with store.begin() as conn:
        for part in chunked(ids):
            for row in conn.execute(select(a.c.id, a.c.text, a.c.model_probability, res.c.reassuring, res.c.evidence)
                                    .join(res, res.c.id == a.c.result_id, isouter=True).where(a.c.id.in_(part))):
                details[row.id] = {"text": row.text or "", "model_probability": row.model_probability,
                                   "reassuring": row.reassuring or "", "evidence": json.loads(row.evidence or "[]"),
                                   "entities": []}
            for ad_id, kind, value, start, end in conn.execute(
                    select(ae.c.ad_id, e.c.kind, e.c.value, ae.c.start, ae.c.end).join(e, e.c.id == ae.c.entity_id)
                    .where(ae.c.ad_id.in_(part)).order_by(ae.c.ad_id, ae.c.start)):
                d = details[ad_id]
                d["entities"].append({"kind": kind, "value": value, "text": d["text"][start:end], "start": start, "end": end})
    return [{"id": r["id"], "score": r["score"], "level": r["level"], "lang": r["lang"], "harm": r["harm"],
             "flags": r["flags"], **details[r["id"]], "source": r["sources"][0] if r["sources"] else "",
             "date": r["first_seen"][:10]} for r in found]
