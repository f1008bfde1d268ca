"""``cases stats`` and ``cases purge``: what the store holds, and deleting what is past its retention period."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import delete, distinct, exists, func, literal_column, select, text as sql_text

from redflag.cases import schema
from redflag.cases.identifiers import IDENTIFIER_KINDS
from redflag.cases.store import Store, now
from redflag.levels import LEVELS

a, s, e, ae = schema.ads, schema.sightings, schema.entities, schema.ad_entities


def _monday(dialect: str):
    """The UTC Monday of each sighting's week as an SQL expression, so weeks are counted by the database."""
    if dialect == "postgresql":
        return func.date_trunc("week", s.c.seen_at.op("AT TIME ZONE")(literal_column("'UTC'")))
    return func.date(s.c.seen_at, "-6 days", "weekday 1")  # SQLite keeps UTC wall-clock text; next Monday from 6 days back


def _week_label(monday: date | datetime | str) -> str:
    day = date.fromisoformat(monday[:10]) if isinstance(monday, str) else monday
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def stats(store: Store, top: int = 10) -> dict:
    """Counts by level, kind of harm, source and week, and the identifiers seen on the most sources."""
    with store.begin() as conn:
        levels = dict(conn.execute(select(a.c.level, func.count()).group_by(a.c.level)).all())
        harms = dict(conn.execute(select(schema.ad_harms.c.harm, func.count()).group_by(schema.ad_harms.c.harm)).all())
        sources = conn.execute(select(s.c.source, func.count(), func.count(distinct(s.c.ad_id)))
                               .group_by(s.c.source).order_by(func.count().desc())).all()
        monday = _monday(store.dialect).label("monday")
        weeks = {_week_label(day): n for day, n in conn.execute(select(monday, func.count()).group_by(monday))}
        spread = (select(e.c.kind, e.c.value, func.count(distinct(s.c.source)).label("sources"),
                         func.count(distinct(ae.c.ad_id)).label("ads"))
                  .join(ae, ae.c.entity_id == e.c.id).join(s, s.c.ad_id == ae.c.ad_id)
                  .where(e.c.kind.in_(IDENTIFIER_KINDS)).group_by(e.c.id, e.c.kind, e.c.value)
                  .order_by(sql_text("sources DESC"), sql_text("ads DESC"), e.c.value).limit(top))
        identifiers = [dict(r._mapping) for r in conn.execute(spread)]
        totals = {"ads": conn.execute(select(func.count()).select_from(a)).scalar_one(),
                  "sightings": conn.execute(select(func.count()).select_from(s)).scalar_one(),
                  "identifiers": conn.execute(select(func.count()).select_from(e).where(e.c.kind.in_(IDENTIFIER_KINDS))).scalar_one(),
                  "reviewed": conn.execute(select(func.count()).select_from(a).where(a.c.verdict.is_not(None))).scalar_one(),
                  "scans": conn.execute(select(func.count()).select_from(schema.scans)).scalar_one()}
    return {
        **totals,
        "levels": {lv: levels.get(lv, 0) for lv in LEVELS},
        "harms": dict(sorted(harms.items(), key=lambda kv: -kv[1])),
        "sources": [{"source": src, "sightings": n, "ads": ads} for src, n, ads in sources],
        "weeks": dict(sorted(weeks.items())),
        "spanning": identifiers,
    }


def purge(store: Store, older_than: timedelta) -> dict:
    """Delete sightings older than the period, ads left with none, and entities no ad holds any more."""
    cutoff = now() - older_than
    with store.begin() as conn:
        gone_sightings = conn.execute(delete(s).where(s.c.seen_at < cutoff)).rowcount
        stale = select(a.c.id).where(~exists().where(s.c.ad_id == a.c.id)).scalar_subquery()
        gone_ads = conn.execute(select(func.count()).select_from(a).where(a.c.id.in_(stale))).scalar_one()
        for table in (schema.ad_flags, schema.ad_harms, ae, schema.bands, schema.reviews, schema.results):
            conn.execute(delete(table).where(table.c.ad_id.in_(stale)))
        if store.sqlite_fulltext:
            conn.execute(sql_text("INSERT INTO ads_fts(ads_fts, rowid, text) SELECT 'delete', id, text FROM ads "
                                  "WHERE text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sightings WHERE sightings.ad_id = ads.id)"))
        conn.execute(delete(a).where(a.c.id.in_(stale)))
        gone_entities = conn.execute(delete(e).where(~exists().where(ae.c.entity_id == e.c.id))).rowcount
    if store.dialect == "sqlite":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:  # freed pages leave the file
            conn.exec_driver_sql("VACUUM")
    return {"cutoff": cutoff.isoformat(), "sightings": gone_sightings, "ads": gone_ads, "entities": gone_entities}
