"""The Jinja2 environment and the static files shared by the HTML report and the local page."""

from __future__ import annotations

import functools
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined


@functools.cache
def environment() -> Environment:
    """Templates of ``redflag.render.html``, every value autoescaped: ad text is hostile input."""
    return Environment(loader=PackageLoader("redflag.render.html", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


@functools.cache
def static(name: str) -> str:
    """A CSS or script file of the package, to embed inline (nothing is fetched)."""
    return resources.files("redflag.render.html").joinpath("static", name).read_text(encoding="utf-8")
