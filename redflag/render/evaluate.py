"""Formatting for `redflag evaluate`: a terminal table, Markdown and JSON of an ``EvalReport``.

Every formatter is ``render_*(report, stream, options)``. Formatters lay out numbers already in the
report; they never compute metrics. The rich and Markdown outputs share the same rows, so they
always say the same thing.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any, Callable, TextIO

from rich.table import Table

from redflag.io.outputs import write_text
from redflag.evaluate.report import MIN_LANGUAGE_CLASS, EvalReport, Interval, Scorers
from redflag.render.options import RenderOptions, console as make_console

Section = tuple[str, list[str], list[list[str]]]  # title, header, rows

FIT_HEADLINE = (("auc", None), ("ap", None), ("precision", "medium"), ("recall", "medium"), ("fpr", "medium"),
                ("precision", "high"), ("recall", "high"), ("fpr", "high"))
FILE_WIDTH = 140  # a table written to a file does not know a terminal's width


def _v(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _ci(entry: Interval | None, digits: int = 3) -> str:
    if entry is None or entry.value is None:
        return "–"
    if entry.low is None or entry.high is None:
        return _v(entry.value, digits)
    return f"{entry.value:.{digits}f} [{entry.low:.{digits}f}–{entry.high:.{digits}f}]"


def _share(hits: int, share: float | None) -> str:
    return f"{hits} ({'–' if share is None else f'{100 * share:.1f}%'})"


def headline(report: EvalReport) -> str:
    """One paragraph: what was evaluated, with what, and what was skipped."""
    d, p = report.data, report.provenance
    part = "" if d.part == "all" else f" ({d.part} part)"
    model = f"model {p.model} {(p.model_sha256 or '')[:12]}" if p.model else "no model"
    skipped = d.skipped
    why = ", ".join(f"{n} {reason}" for reason, n in skipped.reasons)
    return (
        f"{d.path}{part}: {d.evaluated} ads evaluated, {d.positives} positive ({d.positive_class}) "
        f"and {d.negatives} negative ({d.negative_class}); {skipped.count} of {d.rows} rows skipped"
        + (f" ({why})" if why else "") + ".\n"
        f"redflag {p.redflag}, rules {(p.rules_sha256 or '')[:12]}, {model}, weights '{p.weights}'"
        + (f" {p.weights_sha256[:12]}" if p.weights_sha256 else "")
        + f"; data sha256 {p.data_sha256[:12]}; seed {p.seed}, {p.bootstrap} bootstrap resamples"
        + f" ({int(100 * p.confidence)}% intervals)."
    )


def _scorer_sections(report: EvalReport) -> list[Section]:
    """The ranking table and the operating-point table."""
    scorers = [(name, block) for name, block in report.scorers.items() if block is not None]
    ranking = ("Ranking (threshold-free)", ["scorer", "ROC-AUC", "average precision"],
               [[name, _ci(b.auc), _ci(b.ap)] for name, b in scorers])
    prevalence = report.settings.prevalence
    header = ["scorer", "at", "≥", "precision", "recall", "F1", "FPR"]
    if prevalence is not None:
        header.append(f"precision at {100 * prevalence:g}% prevalence")
    header += ["TP", "FP", "FN", "TN"]
    rows = []
    for name, b in scorers:
        for point, e in b.at:
            row = [name, point, f"{e.threshold:g}", _ci(e.precision), _ci(e.recall), _ci(e.f1), _ci(e.fpr)]
            if prevalence is not None:
                row.append(_ci(e.precision_at_prevalence))
            c = e.confusion
            rows.append(row + [str(c.tp), str(c.fp), str(c.fn), str(c.tn)])
    return [ranking, ("Operating points", header, rows)]


def _rule_section(report: EvalReport) -> Section:
    """The per-rule table, with a note on rules that never fire or fire on the wrong class."""
    d = report.data
    header = ["rule", "points", f"hits in {d.positive_class}", f"hits in {d.negative_class}", "precision", "lift", "note"]
    rows = []
    for r in report.rules:
        note = "never fires" if r.never_fires else (
            ("fires more on positives" if r.reassuring else "fires more on negatives") if r.inverted else "")
        rows.append([r.id, f"{r.points:+.1f}", _share(r.hits_pos, r.share_pos), _share(r.hits_neg, r.share_neg),
                     _ci(r.precision, 2), _v(r.lift, 2), note])
    return (f"Rules (by {report.settings.sort})", header, rows)


def _language_section(report: EvalReport) -> Section | None:
    """Ads per main language and the fused score's recall and false-alarm rate on each, when languages are known."""
    if not report.languages:
        return None
    d = report.data
    points = [name for name, _ in report.languages[0].at]
    header = ["language", "ads", f"in {d.positive_class}", f"in {d.negative_class}"]
    for point in points:
        header += [f"recall@{point}", f"FPR@{point}"]
    rows = []
    for g in report.languages:
        row = [g.lang, str(g.ads), str(g.positives), str(g.negatives)]
        for point in points:
            e = g.point(point)
            row += [_ci(e.recall), _ci(e.fpr)]
        rows.append(row)
    return (f"Languages (fused score; Wilson intervals; – under {MIN_LANGUAGE_CLASS} ads of a class)", header, rows)


def _harm_section(report: EvalReport) -> Section | None:
    """Per labelled kind of harm of the bad ads: the fused score's recall on them and how often the result names that kind."""
    if not report.harms:
        return None
    points = [name for name, _ in report.harms[0].at]
    header = ["harm", "ads", *(f"recall@{p}" for p in points), "named"]
    rows = [[h.harm, str(h.ads), *(_ci(h.recall(p)) for p in points), _ci(h.named)] for h in report.harms]
    return (f"Kinds of harm of the bad ads (fused score; named: the result points to that kind; – under {MIN_LANGUAGE_CLASS} ads)",
            header, rows)


def _headline_metric(scorers: Scorers, scorer: str, metric: str, point: str | None) -> Interval | None:
    block = scorers.get(scorer)
    return getattr(block, metric) if point is None else block.point(point).metric(metric)


def _fit_section(report: EvalReport) -> Section | None:
    """The headline metrics on the held-out part before and after fitting, when weights were fitted."""
    fit = report.fit
    if fit is None:
        return None
    rows = []
    for scorer in ("fused", "rules"):
        for metric, point in FIT_HEADLINE:
            rows.append([f"{scorer} {metric}" + (f"@{point}" if point else ""),
                         _ci(_headline_metric(fit.before, scorer, metric, point)),
                         _ci(_headline_metric(fit.after, scorer, metric, point))])
    return (f"Fitted weights on the held-out part ({fit.test.ads} ads; trained on {fit.train.ads})",
            ["metric", "before", "after"], rows)


def sections(report: EvalReport) -> list[Section]:
    """Every table of the report as plain rows of text."""
    out = _scorer_sections(report) + [_rule_section(report)]
    languages = _language_section(report)
    if languages is not None:
        out.append(languages)
    harms = _harm_section(report)
    if harms is not None:
        out.append(harms)
    fit = _fit_section(report)
    if fit is not None:
        out.append(fit)
    if report.gates:
        out.append(("Gates", ["metric", "limit", "value", "verdict"],
                    [[g.metric, ("≥ " if g.kind == "under" else "≤ ") + f"{g.limit:g}",
                      _v(g.value, 4), "pass" if g.passed else "FAIL"] for g in report.gates]))
    return out


def render_table(report: EvalReport, stream: TextIO, options: RenderOptions) -> None:
    """The report as rich tables for a terminal."""
    console = make_console(stream, options)
    console.print(headline(report), markup=False)
    for title, header, rows in sections(report):
        table = Table(title=title, title_justify="left")
        for col in header:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    if report.fit is not None:
        console.print(f"weights written to {report.fit.weights_file}", markup=False)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(report: EvalReport, stream: TextIO, options: RenderOptions) -> None:
    """The report as GitHub-flavoured Markdown (a CI job summary or a paper's appendix)."""
    lines = ["## redflag evaluate", "", headline(report), ""]
    for title, header, rows in sections(report):
        lines += [f"### {title}", "", "| " + " | ".join(map(_md_cell, header)) + " |",
                  "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
    stream.write("\n".join(lines))


def render_json(report: EvalReport, stream: TextIO, options: RenderOptions) -> None:
    """The report as JSON with stable keys (schema ``redflag.evaluate/1``)."""
    stream.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, allow_nan=False, default=_default) + "\n")


def _default(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


FORMATS: dict[str, Callable[[EvalReport, TextIO, RenderOptions], None]] = {
    "table": render_table, "json": render_json, "markdown": render_markdown,
}


def format_for(out: Path | None) -> str:
    """The format a report file's extension asks for: json, markdown, else table."""
    suffix = out.suffix.lower() if out else ""
    return "json" if suffix == ".json" else "markdown" if suffix in (".md", ".markdown") else "table"


def write_report(report: EvalReport, fmt: str | None, out: Path | None) -> None:
    """Lay the report out as ``fmt`` (table, json or markdown; default from ``out``'s extension) to ``out`` or stdout."""
    fmt = fmt or format_for(out)
    if out is None:
        FORMATS[fmt](report, sys.stdout, RenderOptions())
        return
    buffer = io.StringIO()
    FORMATS[fmt](report, buffer, RenderOptions(width=FILE_WIDTH, color=False, out=out))
    write_text(out, buffer.getvalue())
