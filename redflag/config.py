"""How ads are checked (``Config``), and project settings from ``[tool.redflag]`` in the nearest
pyproject.toml, as ruff reads ``[tool.ruff]``.

Command-line options always win; settings only fill in what the command line left out.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from redflag.errors import RedflagError
from redflag.levels import LEVELS


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that changes how ads are checked; passed explicitly, never global."""

    packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    model: str | None = None  # a model path; None means the shipped default when present
    use_model: bool = True
    weights: str | None = None  # a weights file; None means the shipped one when a model is used
    top_terms: int = 8
    entities: bool = True
    region: str | None = None
    redact: bool = False  # mask phones, e-mails and handles in every result (offsets kept, tokens stable)


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
    if "fail-on" in out and out["fail-on"] not in LEVELS:
        raise RedflagError(f"{path}: fail-on must be {', '.join(LEVELS[:-1])} or {LEVELS[-1]}")
    return out
