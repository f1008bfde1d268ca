"""The Typer app: every command registered once, and errors turned into one line and exit code 2."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from redflag.errors import RedflagError



class OneLineErrors(TyperGroup):
    """The command group, with usage errors (unknown option, missing argument, bad choice) on one line."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Run like click's standalone mode, but a usage error prints one line and exits 2."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError as exc:  # the help is already printed
            sys.exit(exc.exit_code)
        except ClickException as exc:
            error_line(usage_message(exc))
            sys.exit(2 if isinstance(exc, UsageError) else exc.exit_code)
        except typer.Abort:
            typer.echo("redflag: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


def usage_message(exc: ClickException) -> str:
    """A usage error as one line, with where to find the right usage."""
    message = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return message


app = typer.Typer(
    name="redflag",
    cls=OneLineErrors,
    help="Explainable red flags of labour exploitation, sexual-exploitation recruitment and job fraud in job ads.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def error_line(message: object) -> None:
    """Write the one-line form every error takes on stderr."""
    typer.echo(f"redflag: error: {message}", err=True)


def errors_exit_2(command: Callable) -> Callable:
    """Turn a RedflagError raised by a command into one line on stderr and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except RedflagError as exc:
            error_line(exc)
            raise typer.Exit(2) from None

    return wrapper


def fail(message: str) -> NoReturn:
    """Print a one-line error on stderr and exit 2 (usage or input error)."""
    error_line(message)
    raise typer.Exit(2)


def _register() -> None:
    """Add the commands in the order `redflag --help` lists them."""
    from redflag.cli import check, evaluate, explain, link, report, rules, scan, serve, synth, train

    for name, command in (("check", check.check), ("rules", rules.rules), ("explain", explain.explain),
                          ("synth", synth.synth), ("train", train.train), ("scan", scan.scan),
                          ("link", link.link), ("report", report.report), ("evaluate", evaluate.evaluate),
                          ("serve", serve.serve)):
        app.command(name)(errors_exit_2(command))
    from redflag.cli import cases

    app.add_typer(cases.register(errors_exit_2), name="cases")


def main() -> None:
    """Console-script entry point: any RedflagError becomes one line on stderr and exit 2."""
    try:
        app()
    except RedflagError as exc:
        error_line(exc)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("redflag: interrupted", err=True)
        sys.exit(130)


_register()
