"""The local page and its JSON API (`redflag serve`): a Starlette app around one Checker, nothing stored."""

from __future__ import annotations

from redflag.serve.app import create_app

__all__ = ["create_app"]
