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
    # ISO weeks: 1 and 2 October (Thu, Fri) are W40, 10 October (Sat) W41, 3-5 November W45
    assert found["weeks"] == {"2026-W40": 2, "2026-W41": 1, "2026-W45": 3}
    top = found["spanning"][0]
    assert top["sources"] == 2 and top["value"] in ("+447700900123", "telegram:anna_jobs")


def test_stats_weeks_follow_iso_weeks_across_sundays_and_new_year(db):
    from datetime import datetime, timezone

    from redflag.cases import Ingest, Record, open_store

    days = ["2026-12-27T23:59:00", "2026-12-28T00:00:00", "2027-01-01T12:00:00", "2027-01-03T23:00:00", "2027-01-04T00:30:00"]
    with open_store(db, create=True) as store:
        ingest = Ingest(store, kind="import", input="weeks")
        ingest.add([Record(text=f"Warehouse job number {i}", score=5.0, level="low", source="site", external_id=str(i),
                           seen_at=datetime.fromisoformat(d).replace(tzinfo=timezone.utc)) for i, d in enumerate(days)])
        ingest.finish()
        # 27 Dec 2026 is the Sunday ending W52; 28 Dec to 3 Jan is 2026-W53; 4 Jan 2027 starts 2027-W01
        assert stats(store)["weeks"] == {"2026-W52": 1, "2026-W53": 3, "2027-W01": 1}


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
