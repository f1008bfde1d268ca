"""Numbered schema migrations, applied in order and recorded in ``meta.schema_version``.

Each ``mNNNN_<what>.py`` module has ``VERSION`` (its number), ``DESCRIPTION`` and
``upgrade(conn)``, run inside one transaction. A store is never upgraded silently: opening an
older one names the command that upgrades it.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def migrations() -> list[ModuleType]:
    """Every migration module, lowest version first."""
    found = [importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__)
             if m.name.startswith("m") and m.name[1:5].isdigit()]
    found.sort(key=lambda m: m.VERSION)
    versions = [m.VERSION for m in found]
    assert versions == list(range(1, len(found) + 1)), f"migrations must be numbered 1..n, found {versions}"
    return found


LATEST = len(migrations())
