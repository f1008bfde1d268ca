"""The numpy-free reader gives the same arrays numpy writes, and refuses what it cannot read."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from redflag.errors import ModelError
from redflag.model.npz import read_npz


def _npz(path, arrays: dict, version=(1, 0)) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for key, value in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, value, version=version, allow_pickle=False)
            zf.writestr(f"{key}.npy", buf.getvalue())


@pytest.mark.parametrize("version", [(1, 0), (2, 0)])
def test_reads_the_dtypes_the_export_writes(tmp_path, version):
    arrays = {
        "f": np.array([0.5, -1.25, 3e300], dtype="<f8"),
        "i": np.array([1, -2, 1 << 40], dtype="<i8"),
        "u": np.frombuffer("héllo".encode(), dtype=np.uint8),
    }
    _npz(tmp_path / "a.npz", arrays, version)
    got = read_npz(tmp_path / "a.npz")
    assert set(got) == {"f", "i", "u"}
    assert list(got["f"]) == [0.5, -1.25, 3e300]
    assert list(got["i"]) == [1, -2, 1 << 40]
    assert got["u"].tobytes().decode() == "héllo"


def test_the_shipped_model_reads_as_numpy_reads_it(toy):
    paths = toy[2]
    got = read_npz(paths["npz"])
    with np.load(paths["npz"], allow_pickle=False) as z:
        assert set(got) == set(z.files)
        for key in z.files:
            assert got[key].tobytes() == z[key].tobytes(), key


def test_unsupported_members_are_refused(tmp_path):
    _npz(tmp_path / "f4.npz", {"x": np.array([1.0], dtype="<f4")})
    with pytest.raises(ModelError, match="unsupported array type"):
        read_npz(tmp_path / "f4.npz")
    _npz(tmp_path / "fortran.npz", {"x": np.asfortranarray(np.ones((2, 2)))})
    with pytest.raises(ModelError, match="unsupported array type"):
        read_npz(tmp_path / "fortran.npz")
    with zipfile.ZipFile(tmp_path / "junk.npz", "w") as zf:
        zf.writestr("x.npy", b"not an array")
    with pytest.raises(ModelError, match="not an .npy array"):
        read_npz(tmp_path / "junk.npz")
