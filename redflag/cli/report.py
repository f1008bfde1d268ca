"""`redflag report`: scan results (and clusters) into one self-contained HTML file that opens offline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Optional

import typer

from redflag.cli.options import (DbOpt, HandleOpt, HarmOpt, InputFormatOpt, PhoneOpt, SeenOnOpt, SinceOpt, StoreLevelOpt,
                                 UntilOpt, WordsOpt)


def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write (replaced only when complete).")],
    results: Annotated[Optional[Path], typer.Argument(help="Scan results from 'redflag scan --out': JSONL keeps every phrase and "
                                                 "flag title; CSV and Parquet work too, but CSV cells hold only each "
                                                 "flag's first phrase, shortened. Or use --db.")] = None,
    title: Annotated[str, typer.Option("--title", help="Heading and title of the report.")] = "redflag report",
    clusters: Annotated[Optional[Path], typer.Option("--clusters", help="Clusters file from 'redflag link --out' (JSONL best).")] = None,
    top: Annotated[int, typer.Option("--top", min=0, help="How many of the riskiest ads the table lists (every ad keeps its own section).")] = 50,
    text_col: Annotated[Optional[str], typer.Option("--text-col", help="Column with the ad text (scan with --keep-col text); default 'text' when present.")] = None,
    source_col: Annotated[Optional[str], typer.Option("--source-col", help="Column naming each ad's site or platform; default 'source' when present.")] = None,
    date_col: Annotated[Optional[str], typer.Option("--date-col", help="Column with when each ad was seen (ISO date), for the timeline; default 'date' when present.")] = None,
    input_format: InputFormatOpt = None,
    db: DbOpt = None,
    level: StoreLevelOpt = None,
    harm: HarmOpt = None,
    source: SeenOnOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    phone: PhoneOpt = None,
    handle: HandleOpt = None,
    words: WordsOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="With --db: at most this many ads, riskiest first.")] = 1000,
) -> None:
    """Write one HTML report of scan results: summary, charts, the riskiest ads, each ad with its evidence highlighted.

    From a results file, or with --db from the case store, where --level, --type, --source, --since, --until,
    --phone, --handle, --text and --limit choose the ads as in 'redflag cases search'.
    """
    from redflag.errors import InputError
    from redflag.io.outputs import check_destinations
    from redflag.render.html.results import read_clusters, read_results, skipped_lines

    if (results is None) == (db is None):
        raise InputError("give either a results file or --db (the case store)")
    if db is not None:
        from redflag.cases import make_filters, open_store
        from redflag.cases.export import report_rows

        filters = make_filters(level=level.value if level else None, harm=harm, source=source, since=since, until=until, phone=phone,
                               handle=handle, words=words, limit=limit)
        check_destinations({"--out": out}, [clusters] + ([Path(db)] if "://" not in db else []))
        with open_store(db) as store:
            rows = report_rows(store, filters)
        if not rows:
            raise InputError("no ad in the store matches these filters")
        write_report(rows, out, clusters=read_clusters(clusters) if clusters is not None else [], title=title, top=top)
        typer.echo(f"{len(rows)} ads from {store.name}; report written to {out}")
        return

    check_destinations({"--out": out}, [results, clusters])
    named = [c for c in (text_col, source_col, date_col) if c]
    rows, skipped = read_results(results, input_format, text_key=text_col or "text", source_key=source_col or "source",
                                 date_key=date_col or "date", named=named)
    cluster_rows = read_clusters(clusters) if clusters is not None else []
    for line in skipped_lines(skipped):
        typer.echo(f"redflag: warning: {line}", err=True)
    if not rows:
        raise InputError(f"{results}: no row could be shown" + (f" ({skipped[0].reason})" if skipped else ""))
    write_report(rows, out, clusters=cluster_rows, title=title, top=top, text_key=text_col or "text",
                 source_key=source_col or "source", date_key=date_col or "date")
    typer.echo(f"{len(rows)} ads" + (f", {len(cluster_rows)} clusters" if clusters is not None else "")
               + (f", {len(skipped)} rows skipped" if skipped else "") + f"; report written to {out}")


def write_report(rows: Sequence[Mapping], out: Path, *, clusters: Sequence[Mapping] = (), title: str = "redflag report",
                 top: int = 50, text_key: str = "text", source_key: str = "source", date_key: str | None = "date") -> None:
    """Render ``rows`` into ``out`` in one step: a failure leaves no half-written file.

    Any source of scan-result rows ends here (a results file today; the case store's search next).
    """
    from redflag.io.outputs import atomic
    from redflag.render.html import render_report

    with atomic(out) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        render_report(rows, fh, clusters=clusters, title=title, text_key=text_key, source_key=source_key,
                      date_key=date_key, top=top)
