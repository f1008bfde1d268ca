"""`redflag scan`: a table of ads into a ranked, filterable result file and a summary."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from redflag.cli.options import inputs_of
from redflag.cli.options import (DbOpt, IgnoreOpt, InputFormatOpt, Level, ModelOpt, NoModelOpt, OutputFormatOpt, PackOpt,
                                 RedactOpt, LangOpt, RegionOpt, UiLangOpt, SelectOpt, TextColOpt, WeightsOpt)


class SortBy(str, Enum):
    """Row order of `scan` output."""

    input = "input"
    score = "score"


def scan(
    input: Annotated[Path, typer.Argument(help="Table of ads: .csv, .tsv, .jsonl, .csv.gz, .jsonl.gz and .parquet are streamed in chunks; .json (array) and .xlsx are read whole.")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Result file (.csv, .jsonl or .parquet), written only when the scan completes.")] = None,
    input_format: InputFormatOpt = None,
    output_format: OutputFormatOpt = None,
    text_col: TextColOpt = None,
    id_col: Annotated[Optional[str], typer.Option("--id-col", help="Id column kept in the output; default: the 0-based row number (job_id for EMSCAD).")] = None,
    keep_col: Annotated[Optional[list[str]], typer.Option("--keep-col", help="Column(s) copied to the output unchanged.")] = None,
    source_col: Annotated[Optional[str], typer.Option("--source-col", help="Platform or site column: the summary ranks sources by share of risky ads.")] = None,
    sort: Annotated[SortBy, typer.Option("--sort", help="'score' writes the riskiest first; it keeps all result rows (not the ad text) in memory.")] = SortBy.input,
    min_level: Annotated[Level, typer.Option("--min-level", help="Write only ads at or above this level.")] = Level.low,
    fail_on: Annotated[Optional[Level], typer.Option("--fail-on", help="Exit 1 when any ad reaches this level; default: never.")] = None,
    summary_json: Annotated[Optional[Path], typer.Option("--summary-json", help="Also write the summary as JSON.")] = None,
    errors: Annotated[Optional[Path], typer.Option("--errors", help="Write the skipped rows (row, id, reason) as CSV or JSONL.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-j", min=1, help="Worker processes; default: all cores. Inputs under 2,000 rows use one.")] = None,
    top: Annotated[int, typer.Option("--top", min=0, help="How many of the riskiest ads the summary lists.")] = 10,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No progress bar (it is also off when stderr is not a terminal).")] = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: PackOpt = None,
    model: ModelOpt = None,
    no_model: NoModelOpt = False,
    weights: WeightsOpt = None,
    region: RegionOpt = None,
    lang: LangOpt = None,
    ui_lang: UiLangOpt = None,
    redact: RedactOpt = False,
    entities: Annotated[bool, typer.Option("--entities/--no-entities", help="Fill the entities column (phones, e-mails, handles, URLs, money, ages, targeting cues); scanning takes about a third longer.")] = False,
    db: DbOpt = None,
    date_col: Annotated[Optional[str], typer.Option("--date-col", help="With --db: column with when each ad was seen (ISO date); default: now.")] = None,
    url_col: Annotated[Optional[str], typer.Option("--url-col", help="With --db: column with each ad's URL.")] = None,
) -> None:
    """Scan a table of ads into a ranked, filterable result file with the evidence for every flag."""
    from rich.console import Console

    from redflag.batch import ScanOptions, default_workers
    from redflag.batch import scan as run_scan
    from redflag.config import resolve
    from redflag.io.outputs import check_destinations
    from redflag.levels import at_least
    from redflag.pipeline import checker_for
    from redflag.render.options import RenderOptions
    from redflag.render.scan_summary import progress_bar, render, write_summary_json

    storing = db is not None or ((date_col or url_col) is not None)
    if storing and redact:
        from redflag.cases.importer import secret_for

        secret_for(redact)  # before any ad is read: a redacted store needs its key
    config = resolve(select=select, ignore=ignore, rules=rules, model=model, no_model=no_model, weights=weights,
                     region=region, lang=lang, ui_lang=ui_lang, entities=entities or storing, redact=redact).config
    check_destinations({"--out": out, "--errors": errors, "--summary-json": summary_json}, inputs_of(input, config))
    checker_for(config)  # fails early on a bad pack or model; forked workers inherit this one
    options = ScanOptions(
        input_format=input_format, text_cols=list(text_col) if text_col else None, id_col=id_col,
        keep_cols=list(keep_col or ()), source_col=source_col, out=out, output_format=output_format,
        sort=sort is SortBy.score, min_level=min_level.value, errors_out=errors,
        workers=workers or default_workers(),
    )
    err = Console(stderr=True, highlight=False)
    show = not no_progress and err.is_terminal
    if storing:
        from redflag.cli.store_scan import scan_into_store

        summary = scan_into_store(input, options, config, db, source_col=source_col, date_col=date_col,
                                  url_col=url_col, redact=redact, progress_console=err, show_progress=show)
    else:
        with progress_bar(err, enabled=show) as progress:
            summary = run_scan(input, options, config, progress=progress)
    summary.top_n = top
    render(summary, sys.stdout, RenderOptions(out=out))
    if summary_json is not None:
        write_summary_json(summary, summary_json)
    if fail_on is not None and any(at_least(lv, fail_on.value) for lv, n in summary.levels.items() if n):
        raise typer.Exit(1)
