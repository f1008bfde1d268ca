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


PART_MARKER = "redflag-part"  # in every temporary file's name, with the pid of the process writing it


def temp_beside(path: Path) -> tuple[int, Path]:
    """An open descriptor and path of a new hidden file next to ``path``: the same file system, so
    :func:`put_in_place` can swap it in at once and readers never see half a file.

    Its name, ``.NAME.redflag-part-PID-XXXX.part``, lets a later run remove what a killed one left
    beside the same target (see :func:`remove_stale_parts`).
    """
    parent = path.parent if str(path.parent) else Path(".")
    remove_stale_parts(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{PART_MARKER}-{os.getpid()}-", suffix=".part", dir=parent)
    except FileNotFoundError:
        raise InputError(f"cannot write {path}: folder {parent} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    return fd, Path(tmp)


def remove_stale_parts(path: Path) -> list[Path]:
    """Remove the temporary files beside ``path`` whose writing process is gone; the ones removed."""
    parent = path.parent if str(path.parent) else Path(".")
    prefix = f".{path.name}.{PART_MARKER}-"
    removed = []
    try:
        candidates = [p for p in parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(".part")]
    except OSError:
        return removed
    for part in candidates:
        pid = part.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                part.unlink()
                removed.append(part)
            except OSError:
                pass  # another run got there first, or the folder is read-only: nothing to do
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return True
    return True


def put_in_place(tmp: Path, path: Path) -> None:
    """Move a finished temporary file over ``path`` in one step."""
    os.replace(tmp, path)


def discard(tmp: Path) -> None:
    """Remove a temporary file that will not be used (already gone is fine)."""
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass
