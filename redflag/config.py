"""How ads are checked (``Config``), and project settings from ``[tool.redflag]`` in the nearest
pyproject.toml, as ruff reads ``[tool.ruff]``.

``resolve`` is the one place where settings and explicit options meet, for the command line and the
Python API alike: an option given always wins; settings only fill in what was left out.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable
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
    lang: str | None = None  # read every ad in this language instead of detecting it (``--lang``)
    ui_lang: str | None = None  # show titles and advice in this language, not the ad's (``--ui-lang``)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A Config and the level at which a check counts as failed (``--fail-on``)."""

    config: Config
    fail_on: str


KEYS = {"select", "ignore", "rules", "model", "weights", "fail-on", "no-model", "ui-lang", "db"}
DEFAULT_FAIL_ON = "high"
PathLike = str | Path


def codes(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """Rule codes given repeatedly or comma-separated, ruff style, in upper case."""
    out: list[str] = []
    for value in [values] if isinstance(values, str) else values or ():
        out += [v.strip().upper() for v in value.split(",") if v.strip()]
    return tuple(out)


def resolve(
    *,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    rules: PathLike | Iterable[PathLike] | None = None,
    model: PathLike | None = None,
    no_model: bool = False,
    weights: PathLike | None = None,
    region: str | None = None,
    entities: bool = True,
    redact: bool = False,
    fail_on: str | None = None,
    lang: str | None = None,
    ui_lang: str | None = None,
    start: Path | None = None,
) -> Resolved:
    """The Config and fail-on level for these options, completed by [tool.redflag] found from ``start``."""
    settings = load_settings(start)
    region = check_region(region)
    packs = [rules] if isinstance(rules, (str, Path)) else list(rules or ())
    if fail_on is not None and fail_on not in LEVELS:
        raise RedflagError(f"--fail-on must be {', '.join(LEVELS[:-1])} or {LEVELS[-1]}, not {fail_on!r}")
    config = Config(
        packs=tuple(str(p) for p in packs or settings.get("rules", ())),
        select=codes(select or settings.get("select")),
        ignore=codes(ignore or settings.get("ignore")),
        model=str(model) if model else settings.get("model"),
        use_model=not (no_model or settings.get("no-model", False)),
        weights=str(weights) if weights else settings.get("weights"),
        region=region, entities=entities, redact=redact,
        lang=check_language(lang, "--lang"), ui_lang=check_language(ui_lang or settings.get("ui-lang"), "--ui-lang"),
    )
    return Resolved(config, fail_on or settings.get("fail-on", DEFAULT_FAIL_ON))


def check_language(code: str | None, option: str) -> str | None:
    """A language with a built-in pack (``es``, ``ES``), in lower case; anything else is refused."""
    if code is None:
        return None
    from redflag.rules.loader import language_codes

    known = language_codes()
    value = code.strip().lower()
    if value not in known:
        raise RedflagError(f"{option} {code!r} is not a language redflag has a pack for; use one of {', '.join(known)}")
    return value


def check_region(region: str | None, option: str = "--region") -> str | None:
    """A phone region phonenumbers knows (``GB``, ``gb``), in capitals; anything else is refused, naming ``option``."""
    if region is None:
        return None
    import phonenumbers

    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise RedflagError(f"{option} {region!r} is not a country code phonenumbers knows; use two letters such as GB, US or IN")
    return code


@functools.lru_cache(maxsize=16)
def _parsed(path: Path, mtime_ns: int, size: int) -> dict | None:
    """A pyproject.toml parsed once per version of the file (the API resolves settings on every call)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


def _read_toml(path: Path) -> dict | None:
    """The parsed file, or None when it is missing or not valid TOML."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _parsed(path, stat.st_mtime_ns, stat.st_size) if path.is_file() else None


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.redflag] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        data = _read_toml(candidate)
        if data is not None and "redflag" in data.get("tool", {}):
            return candidate
    return None


def load_settings(start: Path | None = None) -> dict:
    """The [tool.redflag] table, with paths made absolute relative to its pyproject.toml."""
    path = find_pyproject(start)
    if path is None:
        return {}
    table = (_read_toml(path) or {}).get("tool", {}).get("redflag", {})
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
    if "db" in out and "://" not in str(out["db"]):  # a store file is found beside its pyproject.toml
        out["db"] = str((path.parent / str(out["db"])).resolve())
    if "fail-on" in out and out["fail-on"] not in LEVELS:
        raise RedflagError(f"{path}: fail-on must be {', '.join(LEVELS[:-1])} or {LEVELS[-1]}")
    return out
