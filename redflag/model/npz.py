"""Read an exported model's .npz without numpy, so explaining one ad starts fast."""

from __future__ import annotations

import re
import sys
import zipfile
from array import array
from pathlib import Path

from redflag.errors import ModelError

_NPY_DTYPES = {"<f8": "d", "<i8": "q", "|u1": "B", "<u1": "B"}


def read_npz(path: Path) -> dict[str, array]:
    """Every .npy member as a typed array, keyed by its name without the suffix."""
    out: dict[str, array] = {}
    with zipfile.ZipFile(path) as zf:
        for member in zf.namelist():
            out[member[:-4] if member.endswith(".npy") else member] = _parse_npy(path, member, zf.read(member))
    return out


def _parse_npy(path: Path, member: str, raw: bytes) -> array:
    """One little-endian, C-ordered .npy array of the few dtypes the export writes."""
    if raw[:6] != b"\x93NUMPY":
        raise ModelError(f"{path}: member {member} is not an .npy array")
    if raw[6] == 1:
        hlen, start = int.from_bytes(raw[8:10], "little"), 10
    else:
        hlen, start = int.from_bytes(raw[8:12], "little"), 12
    header = raw[start : start + hlen].decode("latin1")
    descr = re.search(r"'descr':\s*'([^']+)'", header)
    if not descr or descr.group(1) not in _NPY_DTYPES or "'fortran_order': False" not in header:
        raise ModelError(f"{path}: member {member} has an unsupported array type")
    a = array(_NPY_DTYPES[descr.group(1)])
    a.frombytes(raw[start + hlen :])
    if sys.byteorder != "little" and a.itemsize > 1:
        a.byteswap()
    return a
