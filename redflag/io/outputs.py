"""Every file a command writes: checked before any work starts, then written whole or not at all.

``check_destinations`` is the one check every command runs on its outputs before reading a row:
no output may be an input or another output (also through links), and each must be writable.
``write_text``, ``write_bytes`` and ``atomic`` put a finished temporary file in place in one step.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from redflag.errors import InputError
from redflag.io.files import discard, put_in_place, same_file, temp_beside

PathLike = str | Path


def _file_mode() -> int:
    """The mode a plain ``open`` would give a new file (temporary files start private)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


def _existing_ancestor(folder: Path) -> Path:
    """The nearest folder at or above ``folder`` that exists (or the root)."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def check_writable(path: Path, option: str, make_parents: bool = False) -> None:
    """``path`` can be created or replaced: not a folder, in a writable folder (or one ``make_parents`` can make)."""
    if path.is_dir():
        raise InputError(f"{option} {path} is a folder; give a file name")
    parent = path.parent if str(path.parent) else Path(".")
    folder = _existing_ancestor(parent) if make_parents else parent
    if not folder.exists():
        raise InputError(f"{option} {path}: folder {parent} does not exist")
    if not folder.is_dir():
        raise InputError(f"{option} {path}: {folder} is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{option} {path}: folder {folder} is not writable")


def check_destinations(outputs: Mapping[str, PathLike | None], inputs: Iterable[PathLike | None] = (),
                       make_parents: bool = False) -> None:
    """Refuse, before any work, an output that is an input or another output, or that cannot be written.

    ``outputs`` maps each file to write to the option that names it (``{"--out": path}``); ``None`` is skipped.
    """
    given = [(option, Path(p)) for option, p in outputs.items() if p is not None]
    sources = [Path(p) for p in inputs if p is not None]
    for i, (option, path) in enumerate(given):
        for source in sources:
            if same_file(path, source):
                raise InputError(f"refusing to write {option} {path} over the input file {source}")
        for other_option, other in given[:i]:
            if same_file(path, other):
                raise InputError(f"{option} and {other_option} name the same file {path}; give each its own")
        check_writable(path, option, make_parents)


@contextlib.contextmanager
def atomic(path: PathLike) -> Iterator[Path]:
    """A temporary path beside ``path`` to write; it replaces ``path`` only if the block ends without error."""
    target = Path(path)
    fd, tmp = temp_beside(target)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, _FILE_MODE)
        put_in_place(tmp, target)
    except OSError as exc:
        discard(tmp)
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        discard(tmp)
        raise


def write_bytes(path: PathLike, data: bytes) -> None:
    """Write a whole file at once: readers see the old file or the new one, never half of one."""
    with atomic(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: PathLike, text: str) -> None:
    """Write a whole UTF-8 text file at once (newlines as given)."""
    write_bytes(path, text.encode("utf-8"))
