"""`redflag evaluate`: redflag measured on a labelled corpus, with CI gates."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from redflag.cli.options import inputs_of
from redflag.cli.options import (IgnoreOpt, InputFormatOpt, LabelColOpt, LangOpt, ModelOpt, NoModelOpt, PackOpt,
                                 PositiveOpt, SelectOpt, TextColOpt, WeightsOpt)


class EvalFormat(str, Enum):
    """Output formats of `evaluate`."""

    table = "table"
    json = "json"
    markdown = "markdown"


class RuleSort(str, Enum):
    """Row order of the per-rule table of `evaluate`."""

    lift = "lift"
    false_alarms = "false-alarms"
    hits = "hits"
    id = "id"


def evaluate(
    data: Annotated[Path, typer.Argument(help="Labelled table of ads, in any format 'redflag scan' reads.")],
    label_col: LabelColOpt = None,
    positive: PositiveOpt = None,
    text_col: TextColOpt = None,
    id_col: Annotated[Optional[str], typer.Option("--id-col", help="Id column, used to name skipped rows.")] = None,
    type_col: Annotated[Optional[str], typer.Option("--type-col", help="Kind of harm of each bad ad (labour, sexual, scam): recall per kind; default: 'type' when present.")] = None,
    input_format: InputFormatOpt = None,
    threshold: Annotated[Optional[float], typer.Option("--threshold", min=0.0, max=100.0, help="Also measure at fused score (and rule points) >= this.")] = None,
    model_threshold: Annotated[float, typer.Option("--model-threshold", min=0.0, max=1.0, help="Probability at which the model alone flags an ad.")] = 0.5,
    prevalence: Annotated[Optional[float], typer.Option("--prevalence", min=0.0001, max=0.9999, help="Real share of bad ads: re-estimates precision for it (e.g. 0.0484 for EMSCAD).")] = None,
    bootstrap: Annotated[int, typer.Option("--bootstrap", min=0, max=100_000, help="Bootstrap resamples for the 95% intervals (0: none).")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap and of the --fit-weights split.")] = 0,
    sort: Annotated[RuleSort, typer.Option("--sort", help="Order of the per-rule table.")] = RuleSort.lift,
    format: Annotated[Optional[EvalFormat], typer.Option("--format", "-f", help="table, json or markdown; default: from --out's extension, else table.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the report to this file instead of standard output.")] = None,
    fail_under: Annotated[Optional[list[str]], typer.Option("--fail-under", help="Exit 1 when a metric is below its limit, e.g. auc=0.85,recall@medium=0.9.")] = None,
    fail_over: Annotated[Optional[list[str]], typer.Option("--fail-over", help="Exit 1 when a metric is above its limit, e.g. fpr@high=0.01.")] = None,
    fit_weights: Annotated[Optional[Path], typer.Option("--fit-weights", help="Learn rule and model weights on part of the data, write them here, report before/after on the rest.")] = None,
    holdout: Annotated[float, typer.Option("--holdout", min=0.05, max=0.95, help="Share of the data held out from --fit-weights to measure it.")] = 0.3,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: PackOpt = None,
    model: ModelOpt = None,
    no_model: NoModelOpt = False,
    weights: WeightsOpt = None,
    lang: LangOpt = None,
) -> None:
    """Measure redflag on a labelled corpus: AUC, precision/recall at each level, per-rule statistics, per-language counts, CI gates."""
    from redflag.config import resolve
    from redflag.io.outputs import check_destinations
    from redflag.evaluate import (EvalOptions, check_gates, evaluate_corpus, fit_and_compare, gate_message, load_corpus,
                                  operating_points, parse_gates, validate_gates)
    from redflag.pipeline import Checker
    from redflag.render.evaluate import write_report

    gates = parse_gates(fail_under, "under") + parse_gates(fail_over, "over")  # bad gates fail before any scoring
    config = resolve(select=select, ignore=ignore, rules=rules, model=model, no_model=no_model, weights=weights,
                     lang=lang, entities=False).config
    check_destinations({"--out": out, "--fit-weights": fit_weights}, inputs_of(data, config))
    checker = Checker(config)
    options = EvalOptions(
        label_col=label_col, text_cols=tuple(text_col) if text_col else None, id_col=id_col, type_col=type_col,
        input_format=input_format,
        positive=positive, threshold=threshold, model_threshold=model_threshold, prevalence=prevalence,
        bootstrap=bootstrap, seed=seed, sort=sort.value,
    )
    validate_gates(gates, operating_points(checker, options))
    corpus = load_corpus(data, options)
    report = fit_and_compare(checker, corpus, options, fit_weights, holdout) if fit_weights else evaluate_corpus(checker, corpus, options)
    report = report.with_gates(check_gates(report, gates))
    write_report(report, format.value if format else None, out)
    failed = report.failed_gates()
    for g in failed:
        typer.echo(f"redflag: {gate_message(g)}", err=True)
    if failed:
        raise typer.Exit(1)
