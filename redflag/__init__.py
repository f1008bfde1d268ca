"""redflag: explainable red flags of labour exploitation, sexual-exploitation recruitment and job fraud in job ads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from redflag.config import Config
    from redflag.result import Result

__version__ = "0.1.0"
__all__ = ["Checker", "Config", "__version__", "check", "score_frame"]

# name -> module: imported on first use, so `import redflag` stays cheap and pandas stays out of check()
_LAZY = {"Checker": "redflag.pipeline", "Config": "redflag.config", "score_frame": "redflag.batch"}


def check(
    text: str,
    *,
    config: Config | None = None,
    select: str | list[str] | None = None,
    ignore: str | list[str] | None = None,
    rules: str | Path | list[str | Path] | None = None,
    model: str | Path | None = None,
    no_model: bool = False,
    weights: str | Path | None = None,
    region: str | None = None,
    entities: bool = True,
    redact: bool = False,
) -> Result:
    """Check one ad as `redflag check` would: the options, completed by [tool.redflag], or ``config`` as given."""
    from redflag.config import resolve
    from redflag.errors import RedflagError
    from redflag.pipeline import checker_for  # one Checker per process and thread, built on first use

    options = dict(select=select, ignore=ignore, rules=rules, model=model, no_model=no_model, weights=weights,
                   region=region, entities=entities, redact=redact)
    if config is None:
        config = resolve(**options).config
    elif any(value for key, value in options.items() if key != "entities") or not entities:
        raise RedflagError("give either config or options, not both")
    return checker_for(config).check(text)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'redflag' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
