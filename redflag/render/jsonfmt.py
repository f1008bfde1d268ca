"""JSON output: one object per result, stable keys for scripts."""

from __future__ import annotations

import json
from typing import TextIO

from redflag.result import Result


def result_json(result: Result, source: str | None = None) -> dict:
    """The JSON-ready dict of a result; ``source`` names where the ad came from."""
    data = result.to_dict()
    if source is not None:
        data["source"] = source
    return data


def write_json(result: Result, stream: TextIO, source: str | None = None) -> None:
    """Write one result as indented JSON."""
    json.dump(result_json(result, source), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
