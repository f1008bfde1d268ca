"""Shared options: declared once, so every command that takes one describes it the same way."""

import typing

from redflag.cli import options
from redflag.levels import LEVELS


def test_level_choices_are_the_levels_in_order():
    assert [level.value for level in options.Level] == list(LEVELS)
    assert options.Level("medium").value == "medium" and isinstance(options.Level.high, str)


def test_format_choices():
    assert [f.value for f in options.Format] == ["text", "json"]


def _help(alias) -> str:
    return typing.get_args(alias)[1].help


def test_every_alias_is_a_typer_option_with_help():
    aliases = [v for k, v in vars(options).items() if k.endswith("Opt")]
    assert len(aliases) >= 14
    assert all(_help(a) for a in aliases)


def test_table_options_read_the_same_in_every_command(cli):
    text = " ".join(_help(options.TextColOpt).split()[:4])
    for command in ("scan", "train", "evaluate", "link"):
        assert text in " ".join(cli(command, "--help").stdout.replace("│", " ").split()), command
