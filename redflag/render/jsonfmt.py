"""JSON output of a check: one object per result, stable keys for scripts."""

from __future__ import annotations

import json
from typing import TextIO

from redflag.render.options import RenderOptions
from redflag.result import Result


def result_json(result: Result, source: str | None = None) -> dict:
    """The JSON-ready dict of a result; ``source`` names where the ad came from."""
    data = result.to_dict()
    if source is not None:
        data["source"] = source
    return data


def render(result: Result, stream: TextIO, options: RenderOptions) -> None:
    """Write one result as indented JSON, with ``options.source`` as its "source"."""
    json.dump(result_json(result, options.source), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
