"""``cases search``: ads matching every filter given, with their sightings summed up, riskiest first.

Each filter is one indexed condition (identifiers, rules and kinds of harm through their own
tables), so a search on a store of a million ads reads only the rows it needs.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict

from sqlalchemy import Integer, and_, exists, func, or_, select, text as sql_text
from sqlalchemy.sql import ColumnElement, Select

from redflag.cases import schema
from redflag.cases.filters import Filters
from redflag.cases.identifiers import domain_key, email_key, handle_key, phone_keys, token
from redflag.cases.store import Store, utc
from redflag.levels import RANK

REDACT_KEY_ENV = "REDFLAG_REDACT_KEY"
SNIPPET = 90
a = schema.ads


def redact_key() -> str | None:
    """The secret that redacted stores key their tokens with, when the user has set one."""
    return os.environ.get(REDACT_KEY_ENV) or None


def _keys(kind: str, keys: list[str], secret: str | None) -> list[str]:
    return keys + ([token(kind, k, secret) for k in keys] if secret else [])


def has_entity(kind: str, keys: list[str], rare: bool = True) -> ColumnElement:
    """The ad holds an entity of ``kind`` whose search key is one of ``keys``.

    A ``rare`` one (an identifier) is written as ``id IN (ads holding it)``, so the database starts from
    its few ads; a correlated EXISTS would check every ad in score order, the whole store on SQLite.
    Common ones (a gender, a nationality) keep the EXISTS, which stops at the first ``limit`` ads."""
    e, ae = schema.entities, schema.ad_entities
    ids = select(e.c.id).where(and_(e.c.kind == kind, e.c.key.in_(keys)))
    if rare:
        return a.c.id.in_(select(ae.c.ad_id).where(ae.c.entity_id.in_(ids)))
    return exists().where(and_(ae.c.ad_id == a.c.id, ae.c.entity_id.in_(ids)))


def fulltext(store: Store, words: str) -> ColumnElement:
    """The ad's text holds every word (any language; no stemming)."""
    terms = [w for w in re.findall(r"\w+", words, flags=re.UNICODE)]
    if not terms:
        terms = [words.strip()]
    if store.dialect == "sqlite":
        query = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        matches = sql_text("SELECT rowid FROM ads_fts WHERE ads_fts MATCH :fts").bindparams(fts=query)
        return a.c.id.in_(matches.columns(rowid=Integer))
    return sql_text("to_tsvector('simple', coalesce(ads.text, '')) @@ plainto_tsquery('simple', :fts)").bindparams(
        fts=" ".join(terms))


def conditions(store: Store, f: Filters, secret: str | None = None) -> list[ColumnElement]:
    """The WHERE conditions for ``f``."""
    secret = secret if secret is not None else redact_key()
    out: list[ColumnElement] = []
    fl, h, s = schema.ad_flags, schema.ad_harms, schema.sightings
    if f.level:
        out.append(a.c.rank >= RANK[f.level])
    if f.min_score is not None:
        out.append(a.c.score >= f.min_score)
    if f.max_score is not None:
        out.append(a.c.score <= f.max_score)
    if f.rules:
        out.append(exists().where(and_(fl.c.ad_id == a.c.id, or_(*[
            fl.c.rule == r if re.search(r"\d{3}$", r) else fl.c.rule.like(r + "%") for r in f.rules]))))
    if f.categories:
        out.append(exists().where(and_(fl.c.ad_id == a.c.id, fl.c.category.in_(f.categories))))
    if f.harm:
        out.append(exists().where(and_(h.c.ad_id == a.c.id, h.c.harm == f.harm)))
    if f.lang:
        out.append(a.c.lang == f.lang.lower())
    if f.source or f.since or f.until:
        seen = [s.c.ad_id == a.c.id]
        if f.source:
            seen.append(func.lower(s.c.source) == f.source.lower())
        if f.since:
            seen.append(s.c.seen_at >= f.since)
        if f.until:
            seen.append(s.c.seen_at < f.until)
        out.append(exists().where(and_(*seen)))
    if f.phone:
        out.append(has_entity("phone", _keys("phone", phone_keys(f.phone, f.region), secret)))
    if f.email:
        out.append(has_entity("email", _keys("email", [email_key(f.email)], secret)))
    if f.handle:
        out.append(has_entity("handle", _keys("handle", [handle_key(f.handle)], secret)))
    if f.domain:
        out.append(has_entity("domain", _keys("domain", [domain_key(f.domain)], secret)))
    if f.nationality:
        out.append(has_entity("nationality", [f.nationality.strip().lower()], rare=False))
    if f.gender:
        out.append(has_entity("gender", [f.gender], rare=False))
    if f.age_below is not None:
        out.append(a.c.min_age < f.age_below)
    if f.age_above is not None:
        out.append(a.c.max_age > f.age_above)
    if f.verdict == "unreviewed":
        out.append(a.c.verdict.is_(None))
    elif f.verdict:
        out.append(a.c.verdict == f.verdict)
    if f.words:
        out.append(fulltext(store, f.words))
    if f.template is not None:
        out.append(a.c.template == select(a.c.template).where(a.c.id == f.template).scalar_subquery())
    return out


def _query(store: Store, f: Filters) -> Select:
    q = select(a.c.id, a.c.score, a.c.level, a.c.harm, a.c.lang, a.c.flags, a.c.first_seen, a.c.last_seen,
               a.c.verdict, a.c.template, a.c.redacted, func.substr(a.c.text, 1, SNIPPET * 2).label("snippet"))
    conds = conditions(store, f)
    q = q.where(and_(*conds)) if conds else q
    if f.sort == "sightings":
        n = select(func.count()).where(schema.sightings.c.ad_id == a.c.id).scalar_subquery()
        q = q.order_by(n.desc(), a.c.score.desc(), a.c.id)
    elif f.sort == "first_seen":
        q = q.order_by(a.c.first_seen.desc(), a.c.id)
    elif f.sort == "last_seen":
        q = q.order_by(a.c.last_seen.desc(), a.c.id)
    else:
        q = q.order_by(a.c.score.desc(), a.c.last_seen.desc(), a.c.id)
    return q.limit(f.limit)


def sightings_of(conn, ids: list[int]) -> dict[int, dict]:
    """Per ad: how many sightings, on which sources, first and last."""
    out: dict[int, dict] = defaultdict(lambda: {"sightings": 0, "sources": []})
    s = schema.sightings
    if not ids:
        return out
    for ad_id, source, n in conn.execute(select(s.c.ad_id, s.c.source, func.count()).where(s.c.ad_id.in_(ids))
                                         .group_by(s.c.ad_id, s.c.source).order_by(s.c.ad_id, s.c.source)):
        out[ad_id]["sightings"] += n
        out[ad_id]["sources"].append(source)
    return out


def search(store: Store, f: Filters) -> list[dict]:
    """The ads matching ``f``, as plain rows (what the table, JSON and CSV outputs show)."""
    with store.begin() as conn:
        rows = conn.execute(_query(store, f)).all()
        seen = sightings_of(conn, [r.id for r in rows])
    out = []
    for r in rows:
        snippet = " ".join((r.snippet or "").split())
        out.append({
            "id": r.id, "score": round(r.score, 2), "level": r.level, "harm": r.harm, "lang": r.lang, "flags": r.flags,
            "sources": [x for x in seen[r.id]["sources"] if x], "sightings": seen[r.id]["sightings"],
            "first_seen": utc(r.first_seen).isoformat(), "last_seen": utc(r.last_seen).isoformat(),
            "verdict": r.verdict, "template": r.template,
            "snippet": snippet if len(snippet) <= SNIPPET else snippet[:SNIPPET - 1] + "…",
        })
    return out


def count(store: Store, f: Filters) -> int:
    """How many ads match ``f`` (without the limit)."""
    q = select(func.count()).select_from(a)
    conds = conditions(store, f)
    if conds:
        q = q.where(and_(*conds))
    with store.begin() as conn:
        return conn.execute(q).scalar_one()
