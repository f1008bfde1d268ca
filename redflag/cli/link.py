"""`redflag link`: ads grouped into networks by shared contacts or near-identical text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from redflag.cli.options import inputs_of
from redflag.cli.options import (IgnoreOpt, InputFormatOpt, ModelOpt, NoModelOpt, OutputFormatOpt, PackOpt,
                                 RegionOpt, SelectOpt, TextColOpt, WeightsOpt)


def link(
    input: Annotated[Path, typer.Argument(help="Table of ads (CSV, TSV, JSONL, JSON, Excel, Parquet; .gz too).")],
    out: Annotated[Optional[Path], typer.Option("--out", help="Clusters file (.csv, .jsonl or .parquet).")] = None,
    text_col: TextColOpt = None,
    id_col: Annotated[Optional[str], typer.Option("--id-col", help="Ad id column (row number when absent).")] = None,
    source_col: Annotated[Optional[str], typer.Option("--source-col", help="Platform or site column, to count sites spanned.")] = None,
    score_col: Annotated[Optional[str], typer.Option("--score-col", help="Use this column's scores (e.g. from 'redflag scan') instead of scoring.")] = None,
    input_format: InputFormatOpt = None,
    output_format: OutputFormatOpt = None,
    similarity: Annotated[float, typer.Option("--similarity", min=0.3, max=1.0, help="Estimated Jaccard similarity of word shingles for near-duplicate text, for ads of 80 words or more; shorter ads are allowed the same number of changed words (a lower bar, never below 0.5 or the value given).")] = 0.8,
    score: Annotated[bool, typer.Option("--score/--no-score", help="Score the ads so clusters carry their risk.")] = True,
    region: RegionOpt = None,
    redact: Annotated[bool, typer.Option("--redact", help="Show contact details only as stable tokens.")] = False,
    top: Annotated[int, typer.Option("--top", min=0, help="Clusters to show in the summary.")] = 10,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: PackOpt = None,
    model: ModelOpt = None,
    no_model: NoModelOpt = False,
    weights: WeightsOpt = None,
) -> None:
    """Group ads into networks that share a phone, e-mail, handle or domain, or a near-identical text."""
    from redflag.config import resolve
    from redflag.io.outputs import check_destinations
    from redflag.link.run import LinkOptions, LinkReport, link_file, write_clusters
    from redflag.pipeline import checker_for
    from redflag.render.clusters import render
    from redflag.render.options import RenderOptions

    config = resolve(select=select, ignore=ignore, rules=rules, model=model, no_model=no_model, weights=weights,
                     region=region, entities=False).config
    options = LinkOptions(
        text_cols=tuple(text_col or ()), id_col=id_col, source_col=source_col, score_col=score_col,
        input_format=input_format, similarity=similarity, score=score, region=config.region,
    )
    check_destinations({"--out": out}, inputs_of(input, config))
    checker_for(config)  # fails early on a bad pack or model, before the table is read
    clusters, ads, skipped = link_file(input, options, config)
    if out is not None:
        write_clusters(clusters, out, output_format, redact, protect=[input])
    render(LinkReport(clusters, ads, skipped, top=top, redact=redact), sys.stdout, RenderOptions(out=out))
