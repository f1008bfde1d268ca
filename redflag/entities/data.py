"""Read the entity word lists shipped in ``entities/data/``, once per process.

Word lists are reviewed data with their source in a header comment, not code: a new TLD,
currency or demonym is a line in a file. ``.txt`` files hold one item a line (``#`` starts a
comment line); ``.toml`` files hold tables where an item needs a value.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

__all__ = ["word_list", "table"]

_PACKAGE = "redflag.entities"


def _read(name: str) -> str:
    return (files(_PACKAGE) / "data" / name).read_text(encoding="utf-8")


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The items of ``data/<name>.txt`` in file order, so a list reads as it was reviewed."""
    lines = (line.strip() for line in _read(name + ".txt").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def table(name: str) -> dict:
    """The parsed ``data/<name>.toml``; callers must not change it, it is shared."""
    return tomllib.loads(_read(name + ".toml"))
