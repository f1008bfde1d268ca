"""The files of a model and its card: which files belong together, what the card says, hashes checked first.

Nothing reads a model file before its SHA-256 matches the card beside it, so an altered or
swapped file is refused before it is parsed (or, for joblib, unpickled).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from redflag.errors import ModelError
from redflag.io.files import sha256_file

FORMAT = "redflag-linear/1"
CARD_SUFFIX = ".card.json"


def model_paths(path: str | Path) -> dict[str, Path]:
    """From NAME.joblib, NAME.npz or NAME.card.json, find the three files that belong together."""
    p = Path(path)
    name = p.name
    if name.endswith(CARD_SUFFIX):
        stem = name[: -len(CARD_SUFFIX)]
    elif p.suffix in (".joblib", ".npz"):
        stem = p.stem
    else:
        stem = name
    d = p.parent
    return {"joblib": d / f"{stem}.joblib", "npz": d / f"{stem}.npz", "card": d / f"{stem}{CARD_SUFFIX}"}


def read_card(path: str | Path) -> dict:
    """Read the model card that must sit beside the model file; without it nothing is trusted."""
    card_path = model_paths(path)["card"]
    if not card_path.is_file():
        raise ModelError(f"model card not found: {card_path} (it must sit beside the model file)")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"model card {card_path} is not readable JSON: {exc}") from None
    if not isinstance(card, dict) or card.get("format") != FORMAT or "files" not in card:
        raise ModelError(f"{card_path} is not a redflag model card (format {FORMAT!r} expected)")
    return card


def verify(path: str | Path, kind: str) -> tuple[Path, dict]:
    """Check a model file's SHA-256 against its card before anything reads it."""
    card = read_card(path)
    target = model_paths(path)[kind]
    entry = card["files"].get(kind) if isinstance(card["files"], dict) else None
    if not entry or "sha256" not in entry:
        raise ModelError(f"model card for {target.name} lists no SHA-256 for the {kind} file")
    if not target.is_file():
        raise ModelError(f"model file not found: {target}")
    if sha256_file(target) != entry["sha256"]:
        raise ModelError(f"{target} does not match the SHA-256 in its model card: altered or from another model")
    return target, card


def load_pipeline(path: str | Path) -> Any:
    """Load the scikit-learn pipeline (the slow, reference path) after verifying its hash."""
    target, _ = verify(path, "joblib")
    import joblib

    try:
        return joblib.load(target)
    except Exception as exc:
        raise ModelError(f"cannot load {target}: {exc}") from None
