"""The `redflag` command line: parse options, call the package, hand results to a formatter."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from redflag.errors import RedflagError
from redflag.levels import RANK as LEVEL_RANK

app = typer.Typer(
    name="redflag",
    help="Explainable red flags of labour exploitation, sexual-exploitation recruitment and job fraud in job ads.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def errors_exit_2(command: Callable) -> Callable:
    """Turn a RedflagError raised by a command into one line on stderr and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except RedflagError as exc:
            typer.echo(f"redflag: error: {exc}", err=True)
            raise typer.Exit(2) from None

    return wrapper


def fail(message: str) -> None:
    """Print a one-line error on stderr and exit 2 (usage or input error)."""
    typer.echo(f"redflag: error: {message}", err=True)
    raise typer.Exit(2)


class Format(str, Enum):
    """Output formats of `check`."""

    text = "text"
    json = "json"


class Level(str, Enum):
    """Risk levels, lowest first."""

    low = "low"
    medium = "medium"
    high = "high"




def _codes(values: list[str] | None) -> tuple[str, ...]:
    """Rule codes given repeatedly or comma-separated, ruff style."""
    out: list[str] = []
    for value in values or ():
        out += [v.strip().upper() for v in value.split(",") if v.strip()]
    return tuple(out)


SelectOpt = Annotated[Optional[list[str]], typer.Option("--select", help="Only these rule codes or prefixes (e.g. FEE,DOC001).")]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule codes or prefixes.")]
PackOpt = Annotated[Optional[list[Path]], typer.Option("--rules", help="An extra rule pack (TOML) to load beside the built-in ones.")]
ModelOpt = Annotated[Optional[Path], typer.Option("--model", help="A model file (.npz/.joblib) with its card beside it; default: the shipped model.")]
NoModelOpt = Annotated[bool, typer.Option("--no-model", help="Rules only: do not load the classifier.")]
RegionOpt = Annotated[Optional[str], typer.Option("--region", help="Default country for phone numbers without a country code (e.g. GB).")]
WeightsOpt = Annotated[Optional[Path], typer.Option("--weights", help="A fusion weights file from 'redflag train' or 'redflag evaluate --fit-weights'.")]


def _checker(select, ignore, packs, model, no_model, weights, region=None, entities=True, redact=False):
    """A Checker from the options given, completed by [tool.redflag] in the nearest pyproject.toml."""
    from redflag.pipeline import Checker

    return Checker(_config(select, ignore, packs, model, no_model, weights, region, entities, redact))


def _config(select, ignore, packs, model, no_model, weights, region=None, entities=True, redact=False):
    """The Config for the options given, completed by [tool.redflag] in the nearest pyproject.toml."""
    from redflag.config import Config
    from redflag.config import load_settings

    settings = load_settings()
    return Config(
        packs=tuple(str(p) for p in packs or settings.get("rules", ())),
        select=_codes(select or settings.get("select")), ignore=_codes(ignore or settings.get("ignore")),
        model=str(model) if model else settings.get("model"),
        use_model=not (no_model or settings.get("no-model", False)),
        weights=str(weights) if weights else settings.get("weights"), region=region, entities=entities,
        redact=redact,
    )


def _fail_level(given: Level | None) -> str:
    """--fail-on, else fail-on from [tool.redflag], else high."""
    if given is not None:
        return given.value
    from redflag.config import load_settings

    return load_settings().get("fail-on", "high")


@app.command()
@errors_exit_2
def check(
    source: Annotated[str, typer.Argument(help="The ad: its text, a file (.txt/.html/.md), or - for standard input.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the score and the level.")] = False,
    fail_on: Annotated[Optional[Level], typer.Option("--fail-on", help="Exit 1 when the level is at or above this (default high).")] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: PackOpt = None,
    model: ModelOpt = None,
    no_model: NoModelOpt = False,
    weights: WeightsOpt = None,
    region: RegionOpt = None,
    redact: Annotated[bool, typer.Option("--redact", help="Mask phone numbers, e-mails and handles in the output (stable tokens keep linking possible).")] = False,
) -> None:
    """Check one job ad and explain its red flags with the phrases that triggered them."""
    from redflag.io.inputs import read_ad

    text, name = read_ad(source)
    result = _checker(select, ignore, rules, model, no_model, weights, region).check(text)
    if redact:
        from redflag.entities.redaction import redact_result

        result, text = redact_result(result, text)
    if format is Format.json:
        from redflag.render.jsonfmt import write_json

        write_json(result, sys.stdout, source=name)
    else:
        from rich.console import Console

        from redflag.render.terminal import render, render_quiet

        console = Console(highlight=False)
        if quiet:
            render_quiet(result, console)
        else:
            render(result, text, console, source=name)
    if LEVEL_RANK[result.level] >= LEVEL_RANK[_fail_level(fail_on)]:
        raise typer.Exit(1)


@app.command("rules")
@errors_exit_2
def rules_cmd(
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: PackOpt = None,
) -> None:
    """List the rule catalogue: id, title, severity, indicator, language."""
    from redflag.rules.engine import RuleEngine
    from redflag.rules.pack import builtin_packs, load_pack

    engine = RuleEngine(builtin_packs() + [load_pack(p) for p in rules or ()], _codes(select), _codes(ignore))
    if format is Format.json:
        import json

        rows = [{"id": r.id, "title": r.title, "category": r.category, "severity": r.severity,
                 "confidence": r.confidence, "weight": r.weight, "indicator": r.indicator, "language": r.language}
                for r in engine.rules]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(engine.rules)} rules", show_lines=False)
    for col in ("id", "title", "severity", "weight", "indicator", "lang"):
        table.add_column(col, overflow="fold")
    for r in engine.rules:
        table.add_row(r.id, r.title, r.severity, f"{r.weight:+g}", r.indicator, r.language)
    Console().print(table)


@app.command()
@errors_exit_2
def explain(rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. FEE001.")]) -> None:
    """Show one rule: what it looks for, why, what to do, its references and its examples."""
    from rich.console import Console
    from rich.text import Text

    from redflag.rules.engine import RuleEngine
    from redflag.rules.pack import builtin_packs

    engine = RuleEngine(builtin_packs())
    rule = engine.rule(rule_id.upper())
    if rule is None:
        fail(f"no rule {rule_id!r}; 'redflag rules' lists them")
    console = Console(highlight=False)
    console.print(Text(f"{rule.id}  {rule.title}", style="bold"))
    for label, value in (("category", rule.category), ("indicator", rule.indicator), ("severity", rule.severity),
                         ("confidence", rule.confidence), ("weight", f"{rule.weight:+g} points"), ("language", rule.language)):
        console.print(Text(f"  {label:<11}{value}"))
    if rule.requires:
        console.print(Text("  fires when all of: " + "; ".join(" or ".join(g) for g in rule.requires)))
    console.print(Text("Why it matters", style="bold"))
    console.print(Text(f"  {rule.rationale}"))
    console.print(Text("What to do", style="bold"))
    console.print(Text(f"  {rule.advice}"))
    if rule.references:
        console.print(Text("References", style="bold"))
        for ref in rule.references:
            console.print(Text(f"  - {ref}"))
    console.print(Text("Fires on", style="bold"))
    for ex in rule.matches:
        console.print(Text(f"  + {ex.text}   (quotes “{ex.evidence}”)"))
    console.print(Text("Stays silent on", style="bold"))
    for ex in rule.no_matches:
        console.print(Text(f"  - {ex}"))


@app.command()
@errors_exit_2
def synth(
    n: Annotated[int, typer.Option("--n", min=1, max=5_000_000, help="How many ads to generate.")] = 8000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; the same n and seed give the same file.")] = 20261128,
    out: Annotated[Path, typer.Option("--out", help="CSV file to write.")] = Path("data/synthetic/ads.csv"),
) -> None:
    """Generate labelled synthetic job ads (legitimate and exploitative) with evidence spans."""
    from redflag.synth import write_csv

    rows = write_csv(out, n, seed)
    typer.echo(f"wrote {rows} ads to {out} (seed {seed})", err=True)


@app.command()
@errors_exit_2
def train(
    data: Annotated[Path, typer.Argument(help="Labelled table (CSV, TSV, Parquet or Excel).")],
    label_col: Annotated[str, typer.Option("--label-col", help="Column holding the labels (0/1, true/false or names).")],
    out: Annotated[Path, typer.Option("--out", help="Model path, e.g. models/mine.joblib; .npz, .card.json and .fusion.json are written beside it.")],
    text_col: Annotated[Optional[list[str]], typer.Option("--text-col", help="Text column(s), joined in the order given.")] = None,
    positive: Annotated[Optional[str], typer.Option("--positive", help="The positive class, when labels are names.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for the split, the classifier and the folds.")] = 0,
    c: Annotated[Optional[float], typer.Option("--C", help="Inverse regularisation; chosen by cross-validation when absent.")] = None,
    features: Annotated[str, typer.Option("--features", help="word (word 1-2 grams, fast) or word+char (plus char 3-5 grams: slower, can help on large real labelled sets).")] = "word",
    fusion: Annotated[bool, typer.Option("--fusion/--no-fusion", help="Also learn fusion weights (rules + out-of-fold model).")] = True,
    prevalence: Annotated[float, typer.Option("--prevalence", min=0.0001, max=0.9999, help="Share of bad ads expected where the model is used; shifts the fusion base.")] = 0.05,
    folds: Annotated[int, typer.Option("--folds", min=2, max=20, help="Folds for the out-of-fold model scores used by the fusion.")] = 5,
) -> None:
    """Train the linear text classifier (and its fusion with the rules) on a labelled table."""
    from redflag.errors import InputError
    from redflag.learn.train import save, train_file

    if out.suffix != ".joblib":
        raise InputError(f"--out must end in .joblib (got {out.name}); the .npz and card are written beside it")
    cols = list(text_col or ["text"])
    trained = train_file(data, cols, label_col, seed=seed, positive=positive, C=c, features=features)
    out.parent.mkdir(parents=True, exist_ok=True)
    paths = save(trained, out)
    m = trained.metrics
    typer.echo(f"model: {paths['npz']} (held-out ROC-AUC {m.get('roc_auc')}, F1 {m.get('f1')}, n={trained.card['rows']})", err=True)
    if fusion:
        from redflag.learn.fitweights import learn_fusion
        from redflag.pipeline import fusion_path

        target = fusion_path(out)
        learn_fusion(data, cols, label_col, trained, target, seed=seed, positive=positive, prevalence=prevalence, folds=folds)
        typer.echo(f"fusion weights: {target}", err=True)


class SortBy(str, Enum):
    """Row order of `scan` output."""

    input = "input"
    score = "score"


@app.command()
@errors_exit_2
def scan(
    input: Annotated[Path, typer.Argument(help="Table of ads: .csv, .tsv, .jsonl, .csv.gz, .jsonl.gz and .parquet are streamed in chunks; .json (array) and .xlsx are read whole.")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Result file (.csv, .jsonl or .parquet), written only when the scan completes.")] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format", help="csv, tsv, jsonl, json, xlsx or parquet; default: from the extension.")] = None,
    output_format: Annotated[Optional[str], typer.Option("--output-format", help="csv, jsonl or parquet; default: from the extension.")] = None,
    text_col: Annotated[Optional[list[str]], typer.Option("--text-col", help="Text column(s), joined in the order given; default 'text', or EMSCAD's columns when present.")] = None,
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
    redact: Annotated[bool, typer.Option("--redact", help="Mask phone numbers, e-mails and handles in the output (stable tokens keep linking possible).")] = False,
    entities: Annotated[bool, typer.Option("--entities/--no-entities", help="Fill the entities column (phones, e-mails, handles, URLs, money, ages, targeting cues); scanning takes about a third longer.")] = False,
) -> None:
    """Scan a table of ads into a ranked, filterable result file with the evidence for every flag."""
    from rich.console import Console

    from redflag.batch import ScanOptions, checker_for, default_workers
    from redflag.batch import scan as run_scan
    from redflag.render.scanfmt import progress_bar, render_summary, write_summary_json

    config = _config(select, ignore, rules, model, no_model, weights, region, entities=entities, redact=redact)
    checker_for(config)  # fails early on a bad pack or model; forked workers inherit this one
    options = ScanOptions(
        input_format=input_format, text_cols=list(text_col) if text_col else None, id_col=id_col,
        keep_cols=list(keep_col or ()), source_col=source_col, out=out, output_format=output_format,
        sort=sort is SortBy.score, min_level=min_level.value, errors_out=errors,
        workers=workers or default_workers(),
    )
    err = Console(stderr=True, highlight=False)
    show = not no_progress and err.is_terminal
    with progress_bar(err, enabled=show) as progress:
        summary = run_scan(input, options, config, progress=progress)
    summary.top_n = top
    render_summary(summary, Console(highlight=False), out=out)
    if summary_json is not None:
        write_summary_json(summary, summary_json)
    if fail_on is not None and any(LEVEL_RANK[lv] >= LEVEL_RANK[fail_on.value] for lv, n in summary.levels.items() if n):
        raise typer.Exit(1)


@app.command()
@errors_exit_2
def link(
    input: Annotated[Path, typer.Argument(help="Table of ads (CSV, TSV, JSONL, JSON, Excel, Parquet; .gz too).")],
    out: Annotated[Optional[Path], typer.Option("--out", help="Clusters file (.csv, .jsonl or .parquet).")] = None,
    text_col: Annotated[Optional[list[str]], typer.Option("--text-col", help="Text column(s), joined in order (EMSCAD layout detected).")] = None,
    id_col: Annotated[Optional[str], typer.Option("--id-col", help="Ad id column (row number when absent).")] = None,
    source_col: Annotated[Optional[str], typer.Option("--source-col", help="Platform or site column, to count sites spanned.")] = None,
    score_col: Annotated[Optional[str], typer.Option("--score-col", help="Use this column's scores (e.g. from 'redflag scan') instead of scoring.")] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format", help="Input format when the extension does not say it.")] = None,
    output_format: Annotated[Optional[str], typer.Option("--output-format", help="Output format when the extension does not say it.")] = None,
    similarity: Annotated[float, typer.Option("--similarity", min=0.3, max=1.0, help="Jaccard similarity of word shingles for near-duplicate text.")] = 0.8,
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
    from rich.console import Console
    from rich.table import Table

    from redflag.link.run import LinkOptions, link_file, write_clusters

    options = LinkOptions(
        text_cols=tuple(text_col or ()), id_col=id_col, source_col=source_col, score_col=score_col,
        input_format=input_format, similarity=similarity, score=score, region=region,
    )
    config = _checker(select, ignore, rules, model, no_model, weights, region, entities=False).config
    clusters, ads, skipped = link_file(input, options, config)
    if out is not None:
        write_clusters(clusters, out, output_format, redact, protect=[input])
    console = Console(highlight=False)
    linked = sum(c.size for c in clusters)
    console.print(f"{ads} ads read, {skipped} skipped; {len(clusters)} clusters hold {linked} ads"
                  + (f"; written to {out}" if out else ""), markup=False)
    if clusters and top:
        table = Table(title=f"Largest and riskiest clusters (top {min(top, len(clusters))})")
        for col in ("cluster", "ads", "high risk", "max score", "what ties them"):
            table.add_column(col, overflow="fold")
        for c in clusters[:top]:
            table.add_row(c.id, str(c.size), str(c.high_risk), "" if c.max_score is None else f"{c.max_score:.0f}",
                          c.explanation(redact=redact) or c.summary())
        console.print(table)
        watch = [c for c in clusters if c.watch][:top]
        for c in watch:
            console.print(f"worth a look: {c.summary()}", markup=False)


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


@app.command()
@errors_exit_2
def evaluate(
    data: Annotated[Path, typer.Argument(help="Labelled table of ads, in any format 'redflag scan' reads.")],
    label_col: Annotated[Optional[str], typer.Option("--label-col", help="Label column (0/1, true/false or names); default 'fraudulent' for EMSCAD, else 'label'.")] = None,
    positive: Annotated[Optional[str], typer.Option("--positive", help="The positive class, when labels are names.")] = None,
    text_col: Annotated[Optional[list[str]], typer.Option("--text-col", help="Text column(s), joined in the order given; default 'text', or EMSCAD's columns when present.")] = None,
    id_col: Annotated[Optional[str], typer.Option("--id-col", help="Id column, used to name skipped rows.")] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format", help="csv, tsv, jsonl, json, xlsx or parquet; default: from the extension.")] = None,
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
) -> None:
    """Measure redflag on a labelled corpus: AUC, precision/recall at each level, per-rule statistics, CI gates."""
    from redflag.evaluate import (EvalOptions, check_gates, evaluate_corpus, fit_and_compare, gate_message, load_corpus,
                                  operating_points, parse_gates, validate_gates)
    from redflag.render.evalfmt import write_report

    gates = parse_gates(fail_under, "under") + parse_gates(fail_over, "over")  # bad gates fail before any scoring
    checker = _checker(select, ignore, rules, model, no_model, weights, entities=False)
    options = EvalOptions(
        label_col=label_col, text_cols=tuple(text_col) if text_col else None, id_col=id_col, input_format=input_format,
        positive=positive, threshold=threshold, model_threshold=model_threshold, prevalence=prevalence,
        bootstrap=bootstrap, seed=seed, sort=sort.value,
    )
    validate_gates(gates, operating_points(checker, options))
    corpus = load_corpus(data, options)
    report = fit_and_compare(checker, corpus, options, fit_weights, holdout) if fit_weights else evaluate_corpus(checker, corpus, options)
    report["gates"] = check_gates(report, gates)
    write_report(report, format.value if format else None, out)
    failed = [g for g in report["gates"] if not g["passed"]]
    for g in failed:
        typer.echo(f"redflag: {gate_message(g)}", err=True)
    if failed:
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point: any RedflagError becomes one line on stderr and exit 2."""
    try:
        app()
    except RedflagError as exc:
        typer.echo(f"redflag: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("redflag: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
