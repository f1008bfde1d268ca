"""A parsed copy of rule-pack TOML, kept in the user's cache directory.

Fifteen languages' word lists are about two megabytes of TOML; Python's TOML parser reads them in
longer than a whole check takes. The parsed tables are stored as JSON (which the standard library
reads tens of times faster) under the SHA-256 of the file's bytes, so a changed pack is never
read from a stale copy. The cache is only a speed-up: when the directory cannot be written, or a
copy cannot be read, the TOML is parsed as before.

Location: ``$REDFLAG_CACHE_DIR``, else ``$XDG_CACHE_HOME/redflag``, else ``~/.cache/redflag``;
``REDFLAG_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

FORMAT = 1  # bump when the stored form changes


def cache_dir() -> Path | None:
    """Where parsed packs are kept, or None when caching is turned off."""
    chosen = os.environ.get("REDFLAG_CACHE_DIR")
    if chosen:
        return None if chosen.lower() in ("off", "0", "none") else Path(chosen) / "packs"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "redflag" / "packs"


def parsed(data: bytes, parse: Callable[[bytes], dict]) -> dict:
    """``parse(data)``, read from the cache when this exact content was parsed before."""
    folder = cache_dir()
    if folder is None:
        return parse(data)
    path = folder / f"{hashlib.sha256(data).hexdigest()}.v{FORMAT}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            found = json.load(fh)
        if isinstance(found, dict):
            return found
    except (OSError, ValueError):
        pass
    table = parse(data)  # errors in the pack itself are raised here, never cached
    _store(path, table)
    return table


def _store(path: Path, table: dict) -> None:
    """Write the copy atomically (a half-written file is never read); any failure is ignored."""
    try:
        text = json.dumps(table, ensure_ascii=False)
    except (TypeError, ValueError):  # TOML dates and times have no JSON form: such a pack is not cached
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".part-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
