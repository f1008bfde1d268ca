"""Formatting for `redflag evaluate`: a terminal table, Markdown and JSON of a report dict.

Formatters lay out numbers already in the report; they never compute metrics. The rich and
Markdown outputs share the same rows, so they always say the same thing.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from redflag.errors import InputError

Section = tuple[str, list[str], list[list[str]]]  # title, header, rows

FIT_HEADLINE = (("auc", None), ("ap", None), ("precision", "medium"), ("recall", "medium"), ("fpr", "medium"),
                ("precision", "high"), ("recall", "high"), ("fpr", "high"))


def _v(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _ci(entry: dict | None, digits: int = 3) -> str:
    if entry is None or entry["value"] is None:
        return "–"
    if entry["low"] is None or entry["high"] is None:
        return _v(entry["value"], digits)
    return f"{entry['value']:.{digits}f} [{entry['low']:.{digits}f}–{entry['high']:.{digits}f}]"


def _share(hits: int, share: float | None) -> str:
    return f"{hits} ({'–' if share is None else f'{100 * share:.1f}%'})"


def headline(report: dict) -> str:
    """One paragraph: what was evaluated, with what, and what was skipped."""
    d, p = report["data"], report["provenance"]
    part = "" if d["part"] == "all" else f" ({d['part']} part)"
    model = f"model {p['model']} {(p['model_sha256'] or '')[:12]}" if p["model"] else "no model"
    skipped = d["skipped"]
    why = ", ".join(f"{n} {reason}" for reason, n in skipped["reasons"].items())
    return (
        f"{d['path']}{part}: {d['evaluated']} ads evaluated, {d['positives']} positive ({d['positive_class']}) "
        f"and {d['negatives']} negative ({d['negative_class']}); {skipped['count']} of {d['rows']} rows skipped"
        + (f" ({why})" if why else "") + ".\n"
        f"redflag {p['redflag']}, rules {(p['rules_sha256'] or '')[:12]}, {model}, weights '{p['weights']}'"
        + (f" {p['weights_sha256'][:12]}" if p.get("weights_sha256") else "")
        + f"; data sha256 {p['data_sha256'][:12]}; seed {p['seed']}, {p['bootstrap']} bootstrap resamples"
        + f" ({int(100 * p['confidence'])}% intervals)."
    )


def sections(report: dict) -> list[Section]:
    """Every table of the report as plain rows of text."""
    out: list[Section] = []
    scorers = [(name, block) for name, block in report["scorers"].items() if block is not None]
    out.append(("Ranking (threshold-free)", ["scorer", "ROC-AUC", "average precision"],
                [[name, _ci(b["auc"]), _ci(b["ap"])] for name, b in scorers]))
    prevalence = report["settings"]["prevalence"]
    header = ["scorer", "at", "≥", "precision", "recall", "F1", "FPR"]
    if prevalence is not None:
        header.append(f"precision at {100 * prevalence:g}% prevalence")
    header += ["TP", "FP", "FN", "TN"]
    rows = []
    for name, b in scorers:
        for point, e in b["at"].items():
            row = [name, point, f"{e['threshold']:g}", _ci(e["precision"]), _ci(e["recall"]), _ci(e["f1"]), _ci(e["fpr"])]
            if prevalence is not None:
                row.append(_ci(e["precision_at_prevalence"]))
            c = e["confusion"]
            rows.append(row + [str(c["tp"]), str(c["fp"]), str(c["fn"]), str(c["tn"])])
    out.append(("Operating points", header, rows))
    d = report["data"]
    rule_header = ["rule", "points", f"hits in {d['positive_class']}", f"hits in {d['negative_class']}",
                   "precision", "lift", "note"]
    rule_rows = []
    for r in report["rules"]:
        note = "never fires" if r["never_fires"] else (
            ("fires more on positives" if r["reassuring"] else "fires more on negatives") if r["inverted"] else "")
        rule_rows.append([r["id"], f"{r['points']:+.1f}", _share(r["hits_pos"], r["share_pos"]),
                          _share(r["hits_neg"], r["share_neg"]), _ci(r["precision"], 2), _v(r["lift"], 2), note])
    out.append((f"Rules (by {report['settings']['sort']})", rule_header, rule_rows))
    fit = report["fit"]
    if fit is not None:
        rows = []
        for scorer in ("fused", "rules"):
            before, after = fit["before"]["scorers"][scorer], fit["after"]["scorers"][scorer]
            for metric, point in FIT_HEADLINE:
                b = before[metric] if point is None else before["at"][point][metric]
                a = after[metric] if point is None else after["at"][point][metric]
                rows.append([f"{scorer} {metric}" + (f"@{point}" if point else ""), _ci(b), _ci(a)])
        out.append((f"Fitted weights on the held-out part ({fit['test']['ads']} ads; trained on {fit['train']['ads']})",
                    ["metric", "before", "after"], rows))
    if report["gates"]:
        out.append(("Gates", ["metric", "limit", "value", "verdict"],
                    [[g["metric"], ("≥ " if g["kind"] == "under" else "≤ ") + f"{g['limit']:g}",
                      _v(g["value"], 4), "pass" if g["passed"] else "FAIL"] for g in report["gates"]]))
    return out


def render_table(report: dict, console: Console) -> None:
    """The report as rich tables for a terminal."""
    console.print(headline(report), markup=False)
    for title, header, rows in sections(report):
        table = Table(title=title, title_justify="left")
        for col in header:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    fit = report["fit"]
    if fit is not None:
        console.print(f"weights written to {fit['weights_file']}", markup=False)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(report: dict) -> str:
    """The report as GitHub-flavoured Markdown (a CI job summary or a paper's appendix)."""
    lines = ["## redflag evaluate", "", headline(report), ""]
    for title, header, rows in sections(report):
        lines += [f"### {title}", "", "| " + " | ".join(map(_md_cell, header)) + " |",
                  "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def render_json(report: dict) -> str:
    """The report as JSON with stable keys (schema ``redflag.evaluate/1``)."""
    return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False, default=_default) + "\n"


def _default(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def write_report(report: dict, fmt: str | None, out: Path | None) -> None:
    """Lay the report out as ``fmt`` (table, json or markdown; default from ``out``'s extension) to ``out`` or stdout."""
    if fmt is None:
        suffix = out.suffix.lower() if out else ""
        fmt = "json" if suffix == ".json" else "markdown" if suffix in (".md", ".markdown") else "table"
    if fmt == "table" and out is None:
        render_table(report, Console(highlight=False))
        return
    if fmt == "table":
        console = Console(file=io.StringIO(), width=140, record=True)
        render_table(report, console)
        text = console.export_text()
    else:
        text = render_json(report) if fmt == "json" else render_markdown(report)
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}") from None
