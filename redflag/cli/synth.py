"""`redflag synth`: labelled synthetic job ads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def synth(
    n: Annotated[int, typer.Option("--n", min=1, max=5_000_000, help="How many ads to generate.")] = 8000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; the same n and seed give the same file.")] = 20261128,
    out: Annotated[Path, typer.Option("--out", help="CSV file to write.")] = Path("data/synthetic/ads.csv"),
    langs: Annotated[str | None, typer.Option(
        "--langs", help="Comma-separated languages whose chat messages and short postings are mixed in "
                        "(default: every language with templates).")] = None,
) -> None:
    """Generate labelled synthetic job ads (legitimate and exploitative) with evidence spans."""
    from redflag.io.outputs import check_destinations
    from redflag.synth import write_csv

    check_destinations({"--out": out}, make_parents=True)
    chosen = None if langs is None else [c.strip() for c in langs.split(",") if c.strip()]
    rows = write_csv(out, n, seed, chosen)
    typer.echo(f"wrote {rows} ads to {out} (seed {seed})", err=True)
