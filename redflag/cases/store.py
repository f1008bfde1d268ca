"""Opening the case store: create a new one (owner-only file), refuse foreign or newer ones, upgrade on request.

Every other module of ``redflag.cases`` works on the ``Store`` this returns; all SQL goes through
SQLAlchemy Core, so the same code runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from redflag.cases import schema
from redflag.cases.location import StoreError, resolve, shown, sqlalchemy_url
from redflag.cases.migrations import LATEST, migrations

_SQLITE_MAGIC = b"SQLite format 3\x00"


def now() -> datetime:
    """The current time, timezone-aware UTC (what every stored timestamp is)."""
    return datetime.now(timezone.utc)


def chunked(values, size: int = 500):
    """``values`` in slices short enough for one IN (...) list on every database."""
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


def utc(value: datetime | None) -> datetime | None:
    """A stored timestamp as aware UTC: SQLite hands them back naive."""
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


@dataclass
class Store:
    """An open case store: its engine, the name it may be shown by, and its schema version."""

    engine: Engine
    name: str
    version: int
    upgraded_from: int | None = None  # the version it had before this opening upgraded it

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def sqlite_fulltext(self) -> bool:
        """Whether the FTS5 table exists and is kept by hand (SQLite, schema 2 and later)."""
        return self.dialect == "sqlite" and self.version >= 2

    @contextlib.contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction; any database failure becomes a one-line StoreError and nothing of it is kept."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except DBAPIError as exc:
            raise StoreError(f"{self.name}: {_reason(exc)}; nothing of the current step was kept") from None

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reason(exc: DBAPIError) -> str:
    """The first line of the driver's message, which never carries the URL or its password."""
    message = str(getattr(exc, "orig", exc)).strip().splitlines()
    return message[0] if message else type(exc).__name__


def _engine(url: str, path: Path | None) -> Engine:
    if path is None:
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # foreign keys cascade deletes; WAL lets readers and a writer meet
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MB of pages: a large store's band and entity indexes stay in memory
        cur.close()

    return engine


def _new_file(path: Path) -> bool:
    """Create an empty store file readable by its owner only; False when a file is already there."""
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a case store file")
        if path.stat().st_size == 0:
            return True
        with path.open("rb") as fh:
            if fh.read(16) != _SQLITE_MAGIC:
                raise StoreError(f"{path}: not a case store (not an SQLite database)")
        return False
    if not path.parent.is_dir():
        raise StoreError(f"{path.parent}: no such folder for the case store")
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)  # whatever the umask
    return True


def _version(conn: Connection) -> int | None:
    """The schema version recorded in the store; None for an empty database; error for a foreign one."""
    tables = set(inspect(conn).get_table_names())
    if not tables:
        return None
    if "meta" not in tables:
        raise StoreError("not a case store (it holds other tables)")
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).first()
    if row is None or not str(row[0]).isdigit():
        raise StoreError("not a case store (no schema version)")
    return int(row[0])


def _migrate(conn: Connection, current: int, target: int) -> None:
    for m in migrations():
        if current < m.VERSION <= target:
            m.upgrade(conn)
    stamp = {"schema_version": str(target), "upgraded_at": now().isoformat()}
    if current == 0:
        stamp["created_at"] = stamp["upgraded_at"]
    for key, value in stamp.items():
        conn.execute(schema.meta.delete().where(schema.meta.c.key == key))
        conn.execute(schema.meta.insert().values(key=key, value=value))


def open_store(db: str | os.PathLike | None = None, *, create: bool = False, upgrade: bool = False,
               version: int = LATEST) -> Store:
    """Open the store named by ``db`` (or REDFLAG_DB, or ``[tool.redflag] db``).

    ``create`` makes a new store when there is none (commands that write); ``upgrade`` brings an
    older schema to ``version`` (``redflag cases upgrade``). Otherwise an older schema, a newer one,
    a foreign file or a missing store is a one-line StoreError.
    """
    where = resolve(db)
    name = shown(where)
    url, path = sqlalchemy_url(where)
    fresh = False
    previous = None
    if path is not None:
        if not path.exists() and not create:
            raise StoreError(f"{name}: no case store there (one is made by 'redflag scan --db' or 'redflag cases add')")
        fresh = _new_file(path)
    engine = _engine(url, path)
    try:
        with engine.begin() as conn:
            found = _version(conn)
            if found is None:
                if not (create or upgrade or fresh):
                    raise StoreError(f"{name}: the database is empty, not a case store")
                _migrate(conn, 0, version)
                found = version
            elif found > LATEST:
                raise StoreError(f"{name}: schema version {found} is newer than this redflag knows ({LATEST}); "
                                 "upgrade redflag")
            elif found < version:
                if not upgrade:
                    raise StoreError(f"{name}: schema version {found} is older than {LATEST}; "
                                     "run 'redflag cases upgrade' (back the store up first)")
                _migrate(conn, found, version)
                previous, found = found, version
    except StoreError as exc:
        engine.dispose()
        raise StoreError(f"{name}: {exc}" if not str(exc).startswith(name) else str(exc)) from None
    except DBAPIError as exc:
        engine.dispose()
        raise StoreError(f"{name}: {_reason(exc)}") from None
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"{name}: {type(exc).__name__}") from None
    return Store(engine, name, found, previous)


def schema_version(store: Store) -> int:
    """The version the store is at (read afresh)."""
    with store.begin() as conn:
        return _version(conn) or 0
