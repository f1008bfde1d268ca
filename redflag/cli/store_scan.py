"""`redflag scan --db`: the scan writes each batch into the case store as it goes (no second pass)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rich.console import Console

from redflag.batch import ScanOptions
from redflag.config import Config


def scan_into_store(input: Path, options: ScanOptions, config: Config, db: str | None, *, source_col: str | None,
                    date_col: str | None, url_col: str | None, progress_console: Console,
                    show_progress: bool, redact: bool = False):
    """Scan ``input`` with every batch also stored; the batches stored before a failure stay (run again to resume).

    With ``redact`` the result file is redacted as ``scan --redact`` writes it, and the store keeps
    contact details as keyed tokens, as ``cases add --redact`` does.
    """
    from redflag.batch import scan as run_scan
    from redflag.batch.frame import TEXT_COL
    from redflag.cases import Ingest, open_store
    from redflag.cases.importer import secret_for
    from redflag.cases.ingest import BatchSink
    from redflag.pipeline import checker_for
    from redflag.render.scan_summary import progress_bar

    with open_store(db, create=True) as store:
        ingest = Ingest(store, kind="scan", input=str(input), input_sha256=None,
                        versions=checker_for(config).version, resume=False, redact_key=secret_for(redact))
        sink = BatchSink(ingest, text_key=TEXT_COL, source_key=source_col, date_key=date_col, url_key=url_col,
                         region=config.region if redact else None, reread_entities=redact)
        options = dataclasses.replace(options, sink=sink, store_cols=tuple(c for c in (date_col, url_col) if c))
        status = "interrupted"
        try:
            with progress_bar(progress_console, enabled=show_progress) as progress:
                summary = run_scan(input, options, config, progress=progress)
            status = "done"
        finally:
            try:
                ingest.finish(status)
            except Exception:  # the store is gone: the error that got us here is the one to report
                if status == "done":
                    raise
        c = ingest.counts
        skipped = f"; {len(sink.skipped):,} row(s) not stored ({sink.skipped[0][1]})" if sink.skipped else ""
        progress_console.print(f"stored in {store.name}: {c.new_ads:,} new ad(s), {c.seen_again:,} seen again, "
                               f"{c.sightings:,} sighting(s){skipped}", highlight=False)
    return summary
