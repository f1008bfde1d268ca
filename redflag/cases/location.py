"""Where the case store is: a file path (SQLite) or a database URL, and how to name it without its password."""

from __future__ import annotations

import os
from pathlib import Path

from redflag.errors import RedflagError

ENV = "REDFLAG_DB"
_SCHEMES = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg", "sqlite": "sqlite"}


class StoreError(RedflagError):
    """The case store cannot be opened, read or written."""


def resolve(db: str | os.PathLike | None, settings: dict | None = None) -> str:
    """The store to use: the option, else ``REDFLAG_DB``, else ``[tool.redflag] db``; a one-line error if none."""
    if db is None or str(db) == "":
        db = os.environ.get(ENV) or None
    if db is None:
        if settings is None:
            from redflag.config import load_settings

            settings = load_settings()
        db = settings.get("db")
    if not db:
        raise StoreError(f"no case store given: pass --db FILE|URL, set {ENV}, or set db in [tool.redflag]")
    return str(db)


def sqlalchemy_url(db: str) -> tuple[str, Path | None]:
    """The SQLAlchemy URL for ``db`` and, for SQLite, the file it names."""
    if "://" not in db:
        path = Path(db).expanduser().resolve()
        return f"sqlite:///{path}", path
    scheme, rest = db.split("://", 1)
    base = scheme.split("+", 1)[0].lower()
    if base not in _SCHEMES:
        raise StoreError(f"unsupported database URL scheme {scheme!r}: use a file path, sqlite:///FILE or postgresql://...")
    if base == "sqlite":  # sqlite:///relative/file or sqlite:////absolute/file, as SQLAlchemy reads them
        if not rest.startswith("/") or rest == "/" or "?" in rest:
            raise StoreError("a SQLite URL names a file: sqlite:///relative/path or sqlite:////absolute/path")
        path = Path(rest[1:]).expanduser().resolve()
        return f"sqlite:///{path}", path
    driver = scheme if "+" in scheme else _SCHEMES[base]
    return f"{driver}://{rest}", None


def shown(db: str) -> str:
    """``db`` as it may be printed or logged: a URL's password is replaced by ``***``."""
    if "://" not in db:
        return db
    scheme, rest = db.split("://", 1)
    netloc, sep, tail = rest.partition("/")
    if "@" in netloc:
        creds, host = netloc.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        netloc = f"{user}:***@{host}" if ":" in creds else f"{user}@{host}"
    return f"{scheme}://{netloc}{sep}{tail}"
