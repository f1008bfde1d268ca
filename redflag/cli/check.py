"""`redflag check`: one ad, its red flags and the phrases that triggered them."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from redflag.cli.options import (Format, FormatOpt, IgnoreOpt, Level, ModelOpt, NoModelOpt, PackOpt, RedactOpt,
                                 LangOpt, RegionOpt, UiLangOpt, SelectOpt, WeightsOpt)


def check(
    source: Annotated[str, typer.Argument(help="The ad: its text, a file (.txt/.html/.md), or - for standard input.")],
    format: FormatOpt = Format.text,
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
    """Check one job ad and explain its red flags with the phrases that triggered them."""
    from redflag.config import resolve
    from redflag.io.inputs import read_ad
    from redflag.levels import at_least
    from redflag.pipeline import Checker
    from redflag.render.options import RenderOptions

    text, name = read_ad(source, as_text=as_text)
    resolved = resolve(select=select, ignore=ignore, rules=rules, model=model, no_model=no_model, weights=weights,
                       region=region, lang=lang, ui_lang=ui_lang, fail_on=fail_on.value if fail_on else None)
    result = Checker(resolved.config).check(text)
    if redact:
        from redflag.entities.redaction import redact_result

        result, text = redact_result(result, text)
    if format is Format.json:
        from redflag.render.jsonfmt import render

        words = None
    else:
        from redflag.cli.words import report_words
        from redflag.render.terminal import render

        words = None if quiet else report_words(result.ui_lang, resolved.config.packs)
    render(result, sys.stdout, RenderOptions(source=name, original=text, quiet=quiet, words=words))
    if at_least(result.level, resolved.fail_on):
        raise typer.Exit(1)
