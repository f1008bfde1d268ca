"""Stats and purge."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from redflag.cases import make_filters, purge, search, stats
from redflag.cases import schema


def test_stats_count_levels_types_sources_and_weeks(filled):
    _, store = filled
    found = stats(store)
    assert found["ads"] == 5 and found["sightings"] == 6 and sum(found["levels"].values()) == 5
    assert {s["source"] for s in found["sources"]} == {"site-a", "site-b"}
    assert sum(found["weeks"].values()) == 6
    top = found["spanning"][0]
    assert top["sources"] == 2 and top["value"] in ("+447700900123", "telegram:anna_jobs")


def test_purge_deletes_what_is_past_retention_and_nothing_else(filled):
    _, store = filled
    gone = purge(store, timedelta(days=3650))
    assert gone == {**gone, "ads": 0, "sightings": 0, "entities": 0}
    days = (schema.sightings.c.seen_at,)
    from redflag.cases.store import now, utc

    with store.begin() as conn:
        oldest = utc(conn.execute(select(func.min(*days))).scalar_one())
    # keep only what was seen after site A's last ad (2026-10-10): site B's ads, and the one ad both sites carried
    period = now() - oldest - timedelta(days=20)
    gone = purge(store, period)
    assert gone["ads"] == 2 and gone["sightings"] == 3
    left = search(store, make_filters())
    assert len(left) == 3
    with store.begin() as conn:
        orphans = conn.execute(select(func.count()).select_from(schema.entities).where(
            ~schema.entities.c.id.in_(select(schema.ad_entities.c.entity_id)))).scalar_one()
    assert orphans == 0
    assert search(store, make_filters(email="careers@northfield-farms.co.uk")) == []
