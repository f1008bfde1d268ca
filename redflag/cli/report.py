"""`redflag report`: scan results (and clusters) into one self-contained HTML file that opens offline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Optional

import typer

from redflag.cli.options import InputFormatOpt


def report(
    results: Annotated[Path, typer.Argument(help="Scan results from 'redflag scan --out': JSONL keeps every phrase and "
                                                 "flag title; CSV and Parquet work too, but CSV cells hold only each "
                                                 "flag's first phrase, shortened.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write (replaced only when complete).")],
    title: Annotated[str, typer.Option("--title", help="Heading and title of the report.")] = "redflag report",
    clusters: Annotated[Optional[Path], typer.Option("--clusters", help="Clusters file from 'redflag link --out' (JSONL best).")] = None,
    top: Annotated[int, typer.Option("--top", min=0, help="How many of the riskiest ads the table lists (every ad keeps its own section).")] = 50,
    text_col: Annotated[Optional[str], typer.Option("--text-col", help="Column with the ad text (scan with --keep-col text); default 'text' when present.")] = None,
    source_col: Annotated[Optional[str], typer.Option("--source-col", help="Column naming each ad's site or platform; default 'source' when present.")] = None,
    date_col: Annotated[Optional[str], typer.Option("--date-col", help="Column with when each ad was seen (ISO date), for the timeline; default 'date' when present.")] = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Write one HTML report of scan results: summary, charts, the riskiest ads, each ad with its evidence highlighted."""
    from redflag.errors import InputError
    from redflag.io.outputs import check_destinations
    from redflag.render.html.results import read_clusters, read_results, skipped_lines

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
