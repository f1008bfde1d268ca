"""The `redflag` command line: parse options, call the package, hand results to a formatter."""

from __future__ import annotations

import sys

import typer

from redflag.errors import RedflagError

app = typer.Typer(
    name="redflag",
    help="Explainable red flags of labour exploitation, sexual-exploitation recruitment and job fraud in job ads.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str) -> None:
    """Print a one-line error on stderr and exit 2 (usage or input error)."""
    typer.echo(f"redflag: error: {message}", err=True)
    raise typer.Exit(2)


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
