"""The case store: scan results kept for investigators and moderators, searchable, trackable, reviewable.

    from redflag.cases import open_store, search, make_filters, track
    with open_store("cases.db") as store:
        rows = search(store, make_filters(level="high", phone="+44 7700 900123"))
        timeline = track(store, "@anna_jobs", hops=2)

SQLite by default (one file, made owner-only on first use); PostgreSQL when given a URL.
"""

from redflag.cases.filters import Filters, make_filters, parse_age, parse_when
from redflag.cases.ingest import Ingest, IngestCounts, Record, content_hash
from redflag.cases.location import StoreError
from redflag.cases.review import ad, review, reviewed
from redflag.cases.search import count, search
from redflag.cases.stats import purge, stats
from redflag.cases.store import Store, open_store, schema_version
from redflag.cases.track import track

__all__ = ["Filters", "Ingest", "IngestCounts", "Record", "Store", "StoreError", "ad", "content_hash", "count",
           "make_filters", "open_store", "parse_age", "parse_when", "purge", "review", "reviewed", "schema_version",
           "search", "stats", "track"]
