"""One self-contained, offline HTML report of scan results: ``render_report`` is the only entry point."""

from __future__ import annotations

from redflag.render.html.report import render_report

__all__ = ["render_report"]
