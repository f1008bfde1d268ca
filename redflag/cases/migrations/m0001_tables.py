"""The first schema: ads, sightings, results, flags, kinds of harm, entities, template bands, reviews, scans."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from redflag.cases import schema

VERSION = 1
DESCRIPTION = "ads, sightings, results, entities, templates, reviews"
TABLES = ("meta", "scans", "ads", "results", "ad_flags", "ad_harms", "sightings", "entities", "ad_entities", "bands",
          "reviews")


def upgrade(conn: Connection) -> None:
    """Create the version-1 tables and their indexes."""
    schema.metadata.create_all(conn, tables=[schema.metadata.tables[t] for t in TABLES])
