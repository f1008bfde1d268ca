"""Files as a whole: their content hash, whether two paths name the same file, and atomic replacement."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from redflag.errors import InputError


def sha256_file(path: Path) -> str:
    """Hash a file in blocks, so the card pins the exact bytes of the data or model."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when both paths name one file (also through links), so output never clobbers input."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def temp_beside(path: Path) -> tuple[int, Path]:
    """An open descriptor and path of a new hidden file next to ``path``: the same file system, so
    :func:`put_in_place` can swap it in at once and readers never see half a file."""
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    except FileNotFoundError:
        raise InputError(f"cannot write {path}: folder {parent} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    return fd, Path(tmp)


def put_in_place(tmp: Path, path: Path) -> None:
    """Move a finished temporary file over ``path`` in one step."""
    os.replace(tmp, path)


def discard(tmp: Path) -> None:
    """Remove a temporary file that will not be used (already gone is fine)."""
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass
