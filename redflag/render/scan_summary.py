"""What `redflag scan` shows: the progress bar, the summary tables and the summary JSON file."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.table import Table

from redflag.render.options import RenderOptions, console as console_for

if TYPE_CHECKING:
    from redflag.batch.run import Summary


@contextlib.contextmanager
def progress_bar(console: Console, enabled: bool) -> Iterator[Callable[[int, float | None], None] | None]:
    """A callback that shows rows done, rows/s and the ETA; None when disabled."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = (TextColumn("scanning"), BarColumn(), TextColumn("{task.fields[rows]:,} ads"),
               TextColumn("{task.fields[rate]:,.0f} ads/s"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    # refreshed by the callback, not by a thread, so worker processes can be forked safely
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("scan", total=1.0, rows=0, rate=0.0)

        def update(rows: int, fraction: float | None) -> None:
            elapsed = progress.tasks[0].elapsed or 0.0
            progress.update(task, completed=fraction if fraction is not None else 0.0, rows=rows,
                            rate=rows / elapsed if elapsed > 0 else 0.0)
            progress.refresh()

        yield update


def render(summary: Summary, stream: TextIO, options: RenderOptions) -> None:
    """Tables a moderator reads after a scan: levels, languages, flags, flag pairs, sources, riskiest ads, skipped rows.

    ``options.out`` names the result file in the first line.
    """
    console = console_for(stream, options)
    out = options.out
    d = summary.to_dict()
    n = d["scanned"]
    pct = (lambda c: f"{100 * c / n:.1f}%" if n else "-")
    written = f", {d['written']:,} written to {out}" if out is not None else ""
    console.print(f"[bold]{n:,} ads scanned[/bold] ({d['errors']:,} rows skipped{written})")
    levels = Table(title="levels", title_justify="left")
    levels.add_column("level")
    levels.add_column("ads", justify="right")
    levels.add_column("share", justify="right")
    for level, c in d["levels"].items():
        levels.add_row(level, f"{c:,}", pct(c))
    console.print(levels)
    if d["languages"]:
        langs = Table(title="languages", title_justify="left")
        for col in ("language", "ads", "share", "high", "medium+"):
            langs.add_column(col, justify="left" if col == "language" else "right")
        for g in d["languages"][:20]:
            langs.add_row(g["lang"], f"{g['ads']:,}", pct(g["ads"]), f"{100 * g['high_share']:.1f}%",
                          f"{100 * g['medium_or_high_share']:.1f}%")
        console.print(langs)
    if d.get("harms"):
        harms = Table(title="kinds of harm", title_justify="left")
        for col in ("harm", "ads", "share", "high", "medium+"):
            harms.add_column(col, justify="left" if col == "harm" else "right")
        for g in d["harms"]:
            harms.add_row(g["harm"], f"{g['ads']:,}", pct(g["ads"]), f"{g['high']:,}", f"{g['medium_or_high']:,}")
        console.print(harms)
    if d["flags"]:
        flags = Table(title="red flags", title_justify="left")
        for col in ("flag", "ads", "share"):
            flags.add_column(col, justify="left" if col == "flag" else "right")
        for f in d["flags"][:25]:
            flags.add_row(f["id"], f"{f['count']:,}", pct(f["count"]))
        console.print(flags)
    if d["pairs"]:
        pairs = Table(title="flags found together", title_justify="left")
        for col in ("flags", "ads", "share"):
            pairs.add_column(col, justify="left" if col == "flags" else "right")
        for p in d["pairs"][:10]:
            pairs.add_row(" + ".join(p["flags"]), f"{p['count']:,}", pct(p["count"]))
        console.print(pairs)
    if d["sources"]:
        sources = Table(title="sources by share of risky ads", title_justify="left")
        for col in ("source", "ads", "high", "medium+"):
            sources.add_column(col, justify="left" if col == "source" else "right")
        for s in d["sources"][:20]:
            sources.add_row(s["source"] or "(none)", f"{s['ads']:,}", f"{100 * s['high_share']:.1f}%", f"{100 * s['medium_or_high_share']:.1f}%")
        console.print(sources)
    if d["top"] and summary.top_n:
        top = Table(title="riskiest ads", title_justify="left")
        for col in ("row", "id", "score", "level", "lang", "flags"):
            top.add_column(col, justify="right" if col in ("row", "score") else "left", overflow="fold")
        for t in d["top"][: summary.top_n]:
            top.add_row(str(t["row"]), str(t["id"]), f"{t['score']:.1f}", t["level"], t["lang"], t["flags"].replace(";", " "))
        console.print(top)
    if d["errors"]:
        errors = Table(title="skipped rows" + (" (first 10)" if d["errors"] > 10 else ""), title_justify="left")
        for col in ("row", "id", "reason"):
            errors.add_column(col)
        for e in d["error_rows"][:10]:
            errors.add_row(str(e["row"]), str(e["id"]), e["reason"])
        console.print(errors)


def write_summary_json(summary: Summary, path: Path) -> None:
    """The summary as indented JSON (same content as the tables, plus up to 100 skipped rows)."""
    from redflag.io.outputs import write_text

    write_text(path, json.dumps(summary.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n")
