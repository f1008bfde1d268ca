"""``cases add``: an earlier scan's result file into the store, a chunk a transaction, resumable."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

from redflag.cases.ingest import Ingest, IngestCounts, record_from_row
from redflag.cases.location import StoreError
from redflag.cases.search import redact_key
from redflag.cases.store import Store
from redflag.errors import InputError

CHUNK = 2_000
MAX_SKIPPED_SHOWN = 5


def file_sha256(path: Path) -> str:
    """The digest that tells a re-import of the same export from a new one."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def secret_for(redact: bool) -> str | None:
    """The key redacted identifiers are tokenised with; redaction without one is refused."""
    if not redact:
        return None
    key = redact_key()
    if not key:
        raise StoreError("--redact needs a secret key in REDFLAG_REDACT_KEY (tokens made without one could be reversed "
                         "by anyone who guesses the numbers)")
    return key


def import_results(store: Store, path: str | Path, *, text_col: str = "text", id_col: str = "id",
                   source_col: str | None = None, source: str | None = None, date_col: str | None = None,
                   url_col: str | None = None, redact: bool = False) -> tuple[IngestCounts, list[tuple], str]:
    """Import ``path``; returns the counts, the rows skipped (row, why) and a note on resuming."""
    from redflag.io.tables import UNREADABLE, read_table

    path = Path(path)
    secret = secret_for(redact)
    chunks = read_table(path, None, CHUNK, bad_rows="mark")
    first = next(chunks)
    columns = [str(c) for c in first.columns]
    missing = [c for c in [text_col, "score", "level"] + [c for c in (source_col, date_col, url_col) if c] if c not in columns]
    if missing:
        hint = " (scan with --keep-col text, or use 'redflag scan --db')" if text_col in missing else ""
        raise InputError(f"{path.name}: no column {', '.join(map(repr, missing))} in these results{hint}")
    digest = file_sha256(path)
    ingest = Ingest(store, kind="import", input=str(path), input_sha256=digest, redact_key=secret)
    if ingest.previous_status == "done":
        ingest.finish("done")
        return IngestCounts(), [], f"already imported in full (import #{ingest.scan_id}); nothing added"
    note = f"resumed after row {ingest.skip:,} of an interrupted import" if ingest.skip else ""
    skipped: list[tuple] = []
    row_no = 0
    status = "interrupted"
    try:
        for frame in itertools.chain([first], chunks):
            rows = frame.to_dict("records")
            records = []
            for row in rows:
                row_no += 1
                if row_no <= ingest.skip:
                    continue
                if isinstance(row.get(UNREADABLE), str):
                    skipped.append((row_no, row[UNREADABLE]))
                    continue
                try:
                    records.append(record_from_row(row, text_key=text_col, id_key=id_col, source_key=source_col,
                                                   source=source, date_key=date_col, url_key=url_col))
                except ValueError as exc:
                    skipped.append((row_no, str(exc)))
            if row_no > ingest.skip:
                ingest.add(records, upto=row_no)
        status = "done"
    finally:
        ingest.finish(status)
    return ingest.counts, skipped, note
