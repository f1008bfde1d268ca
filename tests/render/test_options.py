"""RenderOptions and the rich Console every formatter makes from them."""

import dataclasses
import io

import pytest

from redflag.render.options import RenderOptions, console


def test_options_are_frozen_keyword_only_with_defaults():
    options = RenderOptions()
    assert (options.source, options.original, options.quiet, options.color, options.width, options.out) == (
        None, None, False, None, None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.quiet = True  # type: ignore[misc]
    with pytest.raises(TypeError):
        RenderOptions("x")  # type: ignore[misc]


def test_console_honours_width_and_colour():
    stream = io.StringIO()
    plain = console(stream, RenderOptions(width=42, color=False))
    assert plain.width == 42 and plain.color_system is None and plain.file is stream
    assert console(io.StringIO(), RenderOptions(color=True)).color_system is not None
    assert console(io.StringIO(), RenderOptions()).color_system is None  # a StringIO is no terminal


def test_console_writes_to_the_stream():
    stream = io.StringIO()
    console(stream, RenderOptions(width=40, color=False)).print("[bold]87[/bold] high")
    assert stream.getvalue() == "87 high\n"
