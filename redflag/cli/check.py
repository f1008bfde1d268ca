"""`redflag check`: one ad, its red flags and the phrases that triggered them."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from redflag.cli.options import (CheckFormat, CheckFormatOpt, DetailsOpt, IgnoreOpt, Level, ModelOpt, NoModelOpt,
                                 PackOpt, RedactOpt, LangOpt, RegionOpt, UiLangOpt, SelectOpt, WeightsOpt)


def check(
    source: Annotated[str, typer.Argument(help="The ad: its text, a file (.txt/.html/.md), or - for standard input.")],
    format: CheckFormatOpt = None,
    details: DetailsOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the score and the level.")] = False,
    as_text: Annotated[bool, typer.Option("--text", help="SOURCE is the ad's own words, even when it looks like a file name.")] = False,
    fail_on: Annotated[Optional[Level], typer.Option("--fail-on", help="Exit 1 when the level is at or above this (default high).")] = None,
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
) -> None:
    """Check one job ad: the verdict, the most serious red flags with the phrases that triggered them, what to do and where to get help."""
    from redflag.config import resolve
    from redflag.io.inputs import read_ad
    from redflag.levels import at_least
    from redflag.pipeline import Checker
    from redflag.render.options import RenderOptions
    from redflag.render.reader import reader_report, report_words

    text, name = read_ad(source, as_text=as_text)
    resolved = resolve(select=select, ignore=ignore, rules=rules, model=model, no_model=no_model, weights=weights,
                       region=region, lang=lang, ui_lang=ui_lang, fail_on=fail_on.value if fail_on else None)
    result = Checker(resolved.config).check(text)
    report = None if format is CheckFormat.json or quiet else reader_report(result, resolved.config.region)
    if redact:
        from redflag.entities.redaction import redact_result

        result, text = redact_result(result, text)
    if format is CheckFormat.json:
        from redflag.render.jsonfmt import render

        render(result, sys.stdout, RenderOptions(source=name, original=text, quiet=quiet, words=None))
    else:
        from dataclasses import replace

        fmt = format or (CheckFormat.terminal if sys.stdout.isatty() else CheckFormat.text)
        formatter = _formatter(fmt, details)
        words = None if quiet else report_words(result.ui_lang, resolved.config.packs)
        formatter(replace(report, result=result) if report else result, sys.stdout,
                  RenderOptions(source=name, original=text, quiet=quiet, words=words))
    if at_least(result.level, resolved.fail_on):
        raise typer.Exit(1)


def _formatter(fmt: CheckFormat, details: bool):
    """The render function of a format: the short report, or with ``details`` the full one."""
    if fmt is CheckFormat.terminal:
        from redflag.render import terminal as module
    elif fmt is CheckFormat.markdown:
        from redflag.render import markdown as module
    else:
        from redflag.render import plain as module
    return module.render_details if details else module.render
