"""The case store's tables, as SQLAlchemy Core metadata: the one description every query is built on.

Timestamps are stored as timezone-aware UTC. Lists that are only ever shown (evidence, versions)
are JSON text; everything a filter searches on has its own indexed column or table.
"""

from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData,
                        SmallInteger, String, Table, Text, UniqueConstraint)

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

scans = Table(
    "scans", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # scan | import
    Column("input", Text, nullable=False),
    Column("input_sha256", String(64)),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),  # running | done | interrupted
    Column("rows_done", Integer, nullable=False, default=0),
    Column("versions", Text),  # JSON: redflag, rules, model and weights digests
)

ads = Table(
    "ads", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hash", String(64), nullable=False, unique=True),  # sha256 of the normalised text
    Column("text", Text),
    Column("redacted", Boolean, nullable=False, default=False),
    Column("lang", String(8)),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("result_id", Integer),  # the latest result
    Column("score", Float, nullable=False),
    Column("level", String(8), nullable=False),
    Column("rank", SmallInteger, nullable=False),  # the level's rank, for "at least" filters
    Column("harm", String(32), nullable=False, default=""),
    Column("flags", Text, nullable=False, default=""),
    Column("model_probability", Float),
    Column("min_age", SmallInteger),  # the youngest and oldest ages the ad asks for, when it names any
    Column("max_age", SmallInteger),
    Column("template", Integer),  # id of the first ad of its near-duplicate template
    Column("verdict", String(16)),  # the latest review's
    Index("ix_ads_level_score", "rank", "score"),
    Index("ix_ads_score", "score"),
    Index("ix_ads_last_seen", "last_seen"),
    Index("ix_ads_lang", "lang"),
    Index("ix_ads_template", "template"),
    Index("ix_ads_verdict", "verdict"),
)

results = Table(
    "results", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), nullable=False),
    Column("scan_id", Integer, ForeignKey("scans.id"), nullable=False),
    Column("score", Float, nullable=False),
    Column("level", String(8), nullable=False),
    Column("harm", String(32), nullable=False, default=""),
    Column("flags", Text, nullable=False, default=""),
    Column("reassuring", Text, nullable=False, default=""),
    Column("model_probability", Float),
    Column("evidence", Text, nullable=False),  # JSON: [{id, title, evidence: [{text, start, end}]}]
    UniqueConstraint("ad_id", "scan_id", name="uq_results_ad_scan"),
)

ad_flags = Table(
    "ad_flags", metadata,
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), primary_key=True),
    Column("rule", String(16), primary_key=True),
    Column("category", String(32), nullable=False),
    Index("ix_ad_flags_rule", "rule"),
    Index("ix_ad_flags_category", "category"),
)

ad_harms = Table(
    "ad_harms", metadata,
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), primary_key=True),
    Column("harm", String(16), primary_key=True),
    Index("ix_ad_harms_harm", "harm"),
)

sightings = Table(
    "sightings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), nullable=False),
    Column("scan_id", Integer, ForeignKey("scans.id"), nullable=False),
    Column("source", String(200), nullable=False, default=""),
    Column("external_id", String(200), nullable=False, default=""),
    Column("url", Text),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("ad_id", "source", "external_id", "seen_at", name="uq_sightings"),
    Index("ix_sightings_source", "source"),
    Index("ix_sightings_seen_at", "seen_at"),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # phone, email, handle, domain, url, money, age, nationality, gender
    Column("value", String(500), nullable=False),  # normalised (E.164, lower-case e-mail, ...) or a keyed token
    Column("key", String(500), nullable=False),  # what a search matches: the national number of a phone, else the value
    UniqueConstraint("kind", "value", name="uq_entities"),
    Index("ix_entities_key", "key"),
)

ad_entities = Table(
    "ad_entities", metadata,
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("messenger", String(16)),  # whatsapp, telegram, ... when the ad names one for this identifier
    Index("ix_ad_entities_entity", "entity_id"),
)

bands = Table(
    "bands", metadata,
    Column("band", BigInteger, primary_key=True),
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_bands_ad", "ad_id"),
)

reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), nullable=False),
    Column("verdict", String(16), nullable=False),  # confirmed | false_alarm | follow_up
    Column("note", Text),
    Column("reviewer", String(200)),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Index("ix_reviews_ad", "ad_id"),
)

VERDICTS = ("confirmed", "false_alarm", "follow_up")
