"""Project settings from ``[tool.redflag]`` in the nearest pyproject.toml, as ruff reads ``[tool.ruff]``.

Command-line options always win; settings only fill in what the command line left out.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from redflag.errors import RedflagError

KEYS = {"select", "ignore", "rules", "model", "weights", "fail-on", "no-model"}


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.redflag] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "redflag" in data.get("tool", {}):
                return candidate
    return None


def load_settings(start: Path | None = None) -> dict:
    """The [tool.redflag] table, with paths made absolute relative to its pyproject.toml."""
    path = find_pyproject(start)
    if path is None:
        return {}
    table = tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["redflag"]
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise RedflagError(f"{path}: unknown [tool.redflag] setting(s) {', '.join(unknown)}; known: {', '.join(sorted(KEYS))}")
    out = dict(table)
    for key in ("select", "ignore", "rules"):
        if key in out and isinstance(out[key], str):
            out[key] = [out[key]]
    for key in ("rules",):
        if key in out:
            out[key] = [str((path.parent / p).resolve()) for p in out[key]]
    for key in ("model", "weights"):
        if key in out:
            out[key] = str((path.parent / out[key]).resolve())
    if "fail-on" in out and out["fail-on"] not in ("low", "medium", "high"):
        raise RedflagError(f"{path}: fail-on must be low, medium or high")
    return out
