"""Full-text search over ad text: an FTS5 table on SQLite, a GIN index of a ``simple`` tsvector on PostgreSQL.

The ``simple`` configuration and FTS5's ``unicode61`` tokenizer treat every language alike (no
stemming), which suits ads in fifteen languages better than one language's dictionary.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

VERSION = 2
DESCRIPTION = "full-text index of ad text"


def upgrade(conn: Connection) -> None:
    """Create the index and fill it from the ads already stored."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE ads_fts USING fts5(text, content='ads', content_rowid='id', "
                          "tokenize='unicode61 remove_diacritics 2')"))
        conn.execute(text("INSERT INTO ads_fts(rowid, text) SELECT id, text FROM ads WHERE text IS NOT NULL"))
    else:
        conn.execute(text("CREATE INDEX ix_ads_fulltext ON ads USING gin (to_tsvector('simple', coalesce(text, '')))"))
