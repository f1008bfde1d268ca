"""Writing scan results into the store: each distinct ad once, every sighting, the result at the time.

An ad is known by the SHA-256 of its normalised text, so the same ad posted on two sites, or
scanned twice, is one ad with two sightings. Each chunk of records is one transaction: an
interrupted ingest keeps the chunks before the fault, and running it again adds only what is
missing (every insert ignores what is already there).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, bindparam, func, select, text as sql_text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from redflag.cases import schema
from redflag.cases.identifiers import age_bounds, stored
from redflag.cases.store import Store, chunked, now, utc
from redflag.entities.base import Entity
from redflag.entities.redaction import REDACTED_KINDS, mask_text
from redflag.levels import RANK
from redflag.text.normalise import normalise



MAX_CANDIDATES = 20  # stored ads checked as a new ad's template, most shared bands first
BAND_HOLDERS = 32  # ads kept per band hash: the earliest; later holders of a full band are found through it


@dataclass
class Record:
    """One ad as scanned: its text, where and when it was seen, and its result (the scan row's fields)."""

    text: str
    score: float
    level: str
    lang: str | None = None
    harm: str = ""
    flags: str = ""
    reassuring: str = ""
    model_probability: float | None = None
    evidence: list = field(default_factory=list)
    entities: list = field(default_factory=list)
    source: str = ""
    external_id: str = ""
    url: str | None = None
    seen_at: datetime | None = None


@dataclass
class IngestCounts:
    """What one ingest added: the store tells apart new ads from ads seen again."""

    records: int = 0
    new_ads: int = 0
    seen_again: int = 0
    sightings: int = 0
    entities: int = 0
    chunks: int = 0

    def add(self, other: "IngestCounts") -> None:
        for name in ("records", "new_ads", "seen_again", "sightings", "entities", "chunks"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def content_hash(text: str) -> str:
    """The identity of an ad: markup, disguises, case and spacing do not make a different ad."""
    plain = unicodedata.normalize("NFKC", normalise(text).text).casefold()
    return hashlib.sha256(" ".join(plain.split()).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _categories() -> dict[str, str]:
    from redflag.rules.loader import builtin_packs

    return {r.id: r.category for p in builtin_packs() for r in p.rules}


def _insert_ignore(conn: Connection, table, rows: Sequence[Mapping]) -> None:
    """Insert ``rows``, leaving alone those that would repeat a unique key."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(), list(rows))


def _ids_by(conn: Connection, column, values: Sequence) -> dict:
    """``{value: id}`` for rows whose ``column`` is one of ``values``."""
    out: dict = {}
    table = column.table
    for part in chunked(list(dict.fromkeys(values))):
        for row in conn.execute(select(column, table.c.id).where(column.in_(part))):
            out[row[0]] = row[1]
    return out


def _masked(text: str, entities: list) -> str:
    """The text with contact details overwritten, same length, so stored offsets still hold."""
    return mask_text(text, [Entity(kind=e["kind"], value=str(e.get("value", "")), text="", start=int(e["start"]),
                                   end=int(e["end"])) for e in entities if e.get("kind") in REDACTED_KINDS])


def _evidence(record: Record, shown_text: str) -> str:
    flags = []
    for f in record.evidence or []:
        spans = [{"text": shown_text[int(e["start"]):int(e["end"])], "start": int(e["start"]), "end": int(e["end"])}
                 for e in f.get("evidence", [])]
        flags.append({"id": f.get("id"), "title": f.get("title"), "evidence": spans})
    return json.dumps(flags, ensure_ascii=False, separators=(",", ":"))


class Ingest:
    """One scan or import being written: ``add`` a chunk at a time, then ``finish``."""

    def __init__(self, store: Store, *, kind: str, input: str, input_sha256: str | None = None,
                 versions: Mapping | None = None, redact_key: str | None = None, resume: bool = True) -> None:
        self.store, self.redact_key = store, redact_key
        self.counts = IngestCounts()
        self.skip = 0  # records of an earlier, interrupted ingest of the same input, already kept
        with store.begin() as conn:
            earlier = None
            if resume and input_sha256:
                earlier = conn.execute(
                    select(schema.scans.c.id, schema.scans.c.rows_done, schema.scans.c.status)
                    .where(and_(schema.scans.c.input_sha256 == input_sha256, schema.scans.c.kind == kind))
                    .order_by(schema.scans.c.id.desc())).first()
            if earlier is not None:
                self.scan_id, self.skip, self.previous_status = earlier[0], earlier[1], earlier[2]
                conn.execute(update(schema.scans).where(schema.scans.c.id == self.scan_id).values(status="running"))
            else:
                self.previous_status = None
                self.scan_id = conn.execute(schema.scans.insert().values(
                    kind=kind, input=input, input_sha256=input_sha256, started_at=now(), status="running",
                    rows_done=0, versions=json.dumps(dict(versions or {}), sort_keys=True))).inserted_primary_key[0]
        self.rows_done = self.skip

    def add(self, records: Sequence[Record], upto: int | None = None) -> IngestCounts:
        """Write one chunk in one transaction; on failure nothing of the chunk is kept.

        ``upto`` is the input row the chunk ends at (rows skipped as bad count too), for resuming.
        """
        counts = IngestCounts(records=len(records), chunks=1)
        if records or upto is not None:
            with self.store.begin() as conn:
                if records:
                    self._write(conn, records, counts)
                self.rows_done = upto if upto is not None else self.rows_done + len(records)
                conn.execute(update(schema.scans).where(schema.scans.c.id == self.scan_id)
                             .values(rows_done=self.rows_done))
        self.counts.add(counts)
        return counts

    def finish(self, status: str = "done") -> None:
        """Record how the ingest ended (``done`` or ``interrupted``)."""
        with self.store.begin() as conn:
            conn.execute(update(schema.scans).where(schema.scans.c.id == self.scan_id)
                         .values(status=status, finished_at=now()))

    def _write(self, conn: Connection, records: Sequence[Record], counts: IngestCounts) -> None:
        t = now()
        hashes = [content_hash(r.text) for r in records]
        known = _ids_by(conn, schema.ads.c.hash, hashes)
        seen_at = [r.seen_at or t for r in records]
        latest: dict[str, int] = {}  # hash -> index of the record kept as the ad's current result
        for i, h in enumerate(hashes):
            if h not in latest or seen_at[i] >= seen_at[latest[h]]:
                latest[h] = i
        fresh = [h for h in latest if h not in known]
        redacting = self.redact_key is not None
        shown = {h: (_masked(records[i].text, records[i].entities) if redacting else records[i].text)
                 for h, i in latest.items()}
        first_seen: dict[str, datetime] = {}
        for h, when in zip(hashes, seen_at):
            first_seen[h] = min(first_seen.get(h, when), when)
        new_rows = []
        for h in fresh:
            r = records[latest[h]]
            first = first_seen[h]
            new_rows.append({"hash": h, "text": shown[h], "redacted": redacting, "lang": r.lang, "first_seen": first,
                             "last_seen": seen_at[latest[h]], "score": float(r.score), "level": r.level,
                             "rank": RANK.get(r.level, 0), "harm": r.harm or "", "flags": r.flags or "",
                             "model_probability": r.model_probability, **self._ages(r)})
        _insert_ignore(conn, schema.ads, new_rows)
        ids = {**known, **_ids_by(conn, schema.ads.c.hash, fresh)}
        counts.new_ads = len(fresh)
        counts.seen_again = len(latest) - len(fresh)
        if fresh:
            self._templates(conn, [(ids[h], shown[h]) for h in fresh])
            if self.store.sqlite_fulltext:
                conn.execute(sql_text("INSERT INTO ads_fts(rowid, text) VALUES (:id, :text)"),
                             [{"id": ids[h], "text": shown[h]} for h in fresh])
        _insert_ignore(conn, schema.results, [
            {"ad_id": ids[h], "scan_id": self.scan_id, "score": float(records[i].score), "level": records[i].level,
             "harm": records[i].harm or "", "flags": records[i].flags or "", "reassuring": records[i].reassuring or "",
             "model_probability": records[i].model_probability, "evidence": _evidence(records[i], shown[h])}
            for h, i in latest.items()])
        result_ids = {row[0]: row[1] for part in chunked([ids[h] for h in latest]) for row in conn.execute(
            select(schema.results.c.ad_id, schema.results.c.id).where(and_(
                schema.results.c.scan_id == self.scan_id, schema.results.c.ad_id.in_(part))))}
        last = {row[0]: (utc(row[1]), row[2]) for part in chunked([ids[h] for h in latest if h in known])
                for row in conn.execute(select(schema.ads.c.id, schema.ads.c.last_seen, schema.ads.c.text)
                                        .where(schema.ads.c.id.in_(part)))}
        current: dict[int, Record] = {}  # ads whose shown text, result and entities become this chunk's
        new_results = [{"_id": ids[h], "_result": result_ids.get(ids[h])} for h in fresh]
        if new_results:
            conn.execute(update(schema.ads).where(schema.ads.c.id == bindparam("_id"))
                         .values(result_id=bindparam("_result")), new_results)
        for h, i in latest.items():
            r, ad_id = records[i], ids[h]
            if h in known and seen_at[i] < last[ad_id][0]:
                conn.execute(update(schema.ads).where(and_(schema.ads.c.id == ad_id, schema.ads.c.first_seen > seen_at[i]))
                             .values(first_seen=seen_at[i]))
                continue
            current[ad_id] = r
            if h not in known:
                continue
            changed = shown[h] != last[ad_id][1]  # the same ad, written differently: offsets follow the newest writing
            conn.execute(update(schema.ads).where(schema.ads.c.id == ad_id).values(
                result_id=result_ids.get(ad_id), score=float(r.score), level=r.level, rank=RANK.get(r.level, 0),
                harm=r.harm or "", flags=r.flags or "", model_probability=r.model_probability, lang=r.lang,
                last_seen=seen_at[i], **({"text": shown[h]} if changed else {}), **self._ages(r)))
            if changed and self.store.sqlite_fulltext:
                conn.execute(sql_text("INSERT INTO ads_fts(ads_fts, rowid, text) VALUES ('delete', :id, :old)"),
                             {"id": ad_id, "old": last[ad_id][1] or ""})
                conn.execute(sql_text("INSERT INTO ads_fts(rowid, text) VALUES (:id, :text)"), {"id": ad_id, "text": shown[h]})
        self._flags(conn, current)
        self._entities(conn, current, counts)
        sightings = [{"ad_id": ids[h], "scan_id": self.scan_id, "source": (r.source or "")[:200],
                      "external_id": (r.external_id or "")[:200], "url": r.url, "seen_at": seen_at[i]}
                     for i, (h, r) in enumerate(zip(hashes, records))]
        counts.sightings = -self._sightings_of(conn, list(ids.values()))
        _insert_ignore(conn, schema.sightings, sightings)
        counts.sightings += self._sightings_of(conn, list(ids.values()))

    @staticmethod
    def _sightings_of(conn: Connection, ad_ids: list[int]) -> int:
        """How many sightings these ads have (read through the sightings' unique index, which starts with ad_id)."""
        s = schema.sightings
        return sum(conn.execute(select(func.count()).select_from(s).where(s.c.ad_id.in_(part))).scalar_one()
                   for part in chunked(ad_ids))

    @staticmethod
    def _ages(r: Record) -> dict:
        lows, highs = [], []
        for e in r.entities or []:
            if e.get("kind") == "age":
                lo, hi = age_bounds(str(e.get("value", "")))
                lows += [lo] if lo is not None else []
                highs += [hi] if hi is not None else []
        return {"min_age": min(lows) if lows else None, "max_age": max(highs) if highs else None}

    @staticmethod
    def _templates(conn: Connection, ads: list[tuple[int, str]]) -> None:
        """Give each new ad the template of the earliest stored ad it is a verified near-duplicate of, or its own id."""
        from redflag.link.template import Sketches

        sketched = Sketches([text or "" for _, text in ads])  # each text read once, for its bands and every check
        bands = [set(b) for b in sketched.bands()]
        holders: dict[int, list[int]] = {}
        for part in chunked(list({b for bs in bands for b in bs})):
            for band, ad_id in conn.execute(select(schema.bands.c.band, schema.bands.c.ad_id).where(schema.bands.c.band.in_(part))):
                holders.setdefault(band, []).append(ad_id)
        candidates: list[list[int]] = []
        for k, (ad_id, _) in enumerate(ads):
            shared: dict[int, int] = {}
            for b in bands[k]:
                for other in holders.get(b, ()):
                    shared[other] = shared.get(other, 0) + 1
            candidates.append(sorted(shared, key=lambda o: (-shared[o], o))[:MAX_CANDIDATES])
            kept = [b for b in bands[k] if len(holders.get(b, ())) < BAND_HOLDERS]
            for b in kept:  # later ads of this chunk find this one as they find stored ads
                holders.setdefault(b, []).append(ad_id)
            bands[k] = set(kept)
        index = {ad_id: k for k, (ad_id, _) in enumerate(ads)}
        stored: dict[int, int | None] = {}  # stored candidates' template, their text sketched once for the chunk
        outside = sorted({o for c in candidates for o in c} - set(index))
        for part in chunked(outside):
            rows = conn.execute(select(schema.ads.c.id, schema.ads.c.text, schema.ads.c.template)
                                .where(schema.ads.c.id.in_(part))).all()
            sketched.extend([text or "" for _, text, _ in rows])
            for other, _, template in rows:
                index[other], stored[other] = len(index), template
        pairs = [(k, index[o]) for k, found in enumerate(candidates) for o in found if o in index]
        verified = {pair for pair, same in zip(pairs, sketched.near_duplicates(pairs)) if same}
        template_of: dict[int, int] = {}
        for k, ((ad_id, _), found) in enumerate(zip(ads, candidates)):
            matches = [template_of.get(o) or stored.get(o) or o for o in found if o in index and (k, index[o]) in verified]
            template_of[ad_id] = min(matches) if matches else ad_id
        _insert_ignore(conn, schema.bands, [{"band": int(b), "ad_id": ad_id} for (ad_id, _), bs in zip(ads, bands) for b in bs])
        conn.execute(update(schema.ads).where(schema.ads.c.id == bindparam("_id")).values(template=bindparam("_template")),
                     [{"_id": ad_id, "_template": template} for ad_id, template in template_of.items()])

    def _flags(self, conn: Connection, by_ad: dict[int, Record]) -> None:
        if not by_ad:
            return
        cats = _categories()
        for part in chunked(list(by_ad)):
            conn.execute(schema.ad_flags.delete().where(schema.ad_flags.c.ad_id.in_(part)))
            conn.execute(schema.ad_harms.delete().where(schema.ad_harms.c.ad_id.in_(part)))
        _insert_ignore(conn, schema.ad_flags, [{"ad_id": a, "rule": f, "category": cats.get(f, "")}
                                               for a, r in by_ad.items() for f in dict.fromkeys(filter(None, (r.flags or "").split(";")))])
        _insert_ignore(conn, schema.ad_harms, [{"ad_id": a, "harm": h}
                                               for a, r in by_ad.items() for h in dict.fromkeys(filter(None, (r.harm or "").split(";")))])

    def _entities(self, conn: Connection, by_ad: dict[int, Record], counts: IngestCounts) -> None:
        for part in chunked(list(by_ad)):  # an ad's identifiers are those of its current writing
            conn.execute(schema.ad_entities.delete().where(schema.ad_entities.c.ad_id.in_(part)))
        links: list[tuple[int, Any, dict]] = []
        values: dict[tuple[str, str], str] = {}
        for ad_id, r in by_ad.items():
            for e in r.entities or []:
                for s in stored(e, self.redact_key):
                    values[(s.kind, s.value)] = s.key
                    links.append((ad_id, s, e))
        if not values:
            return
        _insert_ignore(conn, schema.entities, [{"kind": k, "value": v[:500], "key": key[:500]}
                                               for (k, v), key in values.items()])
        ids: dict[tuple[str, str], int] = {}
        pairs = list(values)
        for part in chunked(pairs):
            for kind, value, eid in conn.execute(select(schema.entities.c.kind, schema.entities.c.value, schema.entities.c.id)
                                                 .where(schema.entities.c.value.in_([v[:500] for _, v in part]))):
                ids[(kind, value)] = eid
        rows = [{"ad_id": ad_id, "entity_id": ids[(s.kind, s.value[:500])], "start": int(e.get("start", 0)),
                 "end": int(e.get("end", 0)), "messenger": s.messenger}
                for ad_id, s, e in links if (s.kind, s.value[:500]) in ids]
        _insert_ignore(conn, schema.ad_entities, rows)
        counts.entities = len(values)


def _cell(row: Mapping, key: str | None) -> Any:
    if not key:
        return None
    v = row.get(key)
    if v is None or (isinstance(v, float) and v != v) or type(v).__name__ == "NAType":
        return None
    return v


def _nested(value: Any, name: str) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except json.JSONDecodeError:
            raise ValueError(f"{name} is not JSON (read results from JSONL or Parquet, not CSV)") from None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, list):
        raise ValueError(f"{name} is not a list")
    return value


def _within(span: Mapping, length: int) -> bool:
    """Whether a span's offsets are whole numbers inside a text of ``length`` characters."""
    try:
        start, end = int(span["start"]), int(span["end"])
    except (KeyError, TypeError, ValueError):
        return False
    return 0 <= start <= end <= length


def record_from_row(row: Mapping, *, text_key: str = "text", id_key: str | None = "id", source_key: str | None = None,
                    source: str | None = None, date_key: str | None = None, url_key: str | None = None) -> Record:
    """A scan result row (``redflag scan`` output, with the ad's text) as a Record; ValueError says what is wrong."""
    from redflag.cases.filters import parse_when
    from redflag.cases.location import StoreError

    text = _cell(row, text_key)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"no ad text in column {text_key!r}")
    try:
        score = float(row["score"])
    except (KeyError, TypeError, ValueError):
        raise ValueError("no score") from None
    level = str(row.get("level", ""))
    if level not in RANK or not 0 <= score <= 100:
        raise ValueError(f"level {level!r} / score {score} is not a redflag result")
    seen = _cell(row, date_key)
    try:
        seen_at = parse_when(str(seen), f"column {date_key!r}") if seen is not None else None
    except StoreError as exc:
        raise ValueError(str(exc)) from None
    evidence, entities = _nested(_cell(row, "evidence"), "evidence"), _nested(_cell(row, "entities"), "entities")
    spans = [e for f in evidence if isinstance(f, Mapping) for e in f.get("evidence", [])] + entities
    if not all(isinstance(e, Mapping) and _within(e, len(text)) for e in spans):
        raise ValueError("evidence or entity offsets outside the ad text (is this the text that was scanned?)")
    prob = _cell(row, "model_probability")
    ext = _cell(row, id_key)
    where = _cell(row, source_key)
    return Record(
        text=text, score=score, level=level, lang=_cell(row, "lang"), harm=str(_cell(row, "harm") or ""),
        flags=str(_cell(row, "flags") or ""), reassuring=str(_cell(row, "reassuring") or ""),
        model_probability=float(prob) if prob is not None else None,
        evidence=evidence, entities=entities,
        source=str(where) if where is not None else (source or ""), external_id="" if ext is None else str(ext),
        url=str(_cell(row, url_key)) if _cell(row, url_key) is not None else None, seen_at=seen_at)


class BatchSink:
    """What ``redflag scan --db`` hands each scanned batch to: its rows become Records, one transaction a batch."""

    def __init__(self, ingest: Ingest, *, text_key: str, source_key: str | None = None, date_key: str | None = None,
                 url_key: str | None = None, reread_entities: bool = False, region: str | None = None) -> None:
        self.ingest = ingest
        # a redacted scan's rows carry stand-in tokens, not the identifiers: read them again from the
        # ad's text, so the store can key them with its own secret
        self.reread_entities, self.region = reread_entities, region
        self.keys = {"text_key": text_key, "id_key": "id", "source_key": source_key, "date_key": date_key,
                     "url_key": url_key}
        self.skipped: list[tuple[Any, str]] = []  # (ad id, why) of rows the store could not take

    def __call__(self, batch: Any) -> None:
        records = []
        for row in batch.records or ():
            try:
                record = record_from_row(row, **self.keys)
            except ValueError as exc:
                self.skipped.append((row.get("id"), str(exc)))
                continue
            if self.reread_entities:
                from redflag.entities import extract

                record.entities = [e.to_dict() for e in extract(record.text, region=self.region)]
            records.append(record)
        self.ingest.add(records)
