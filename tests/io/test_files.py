"""Files as a whole: hashing, same-file checks, and the temporary file an atomic write swaps in."""

from __future__ import annotations

import hashlib
import os

import pytest

from redflag.errors import InputError
from redflag.io.files import discard, put_in_place, same_file, sha256_file, temp_beside


def test_sha256_file_matches_hashlib(tmp_path):
    path = tmp_path / "f.bin"
    data = os.urandom(3 << 20)  # more than one block
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_same_file_through_links_and_missing_paths(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("x")
    link = tmp_path / "link.csv"
    link.symlink_to(a)
    assert same_file(a, link) and same_file(a, tmp_path / "." / "a.csv")
    assert not same_file(a, tmp_path / "b.csv")
    assert same_file(tmp_path / "new.csv", tmp_path / "new.csv")  # not there yet: compared by path


def test_temp_beside_then_put_in_place(tmp_path):
    target = tmp_path / "out.csv"
    fd, tmp = temp_beside(target)
    with os.fdopen(fd, "w") as fh:
        fh.write("done\n")
    assert tmp.parent == tmp_path and tmp.name.startswith(".out.csv.") and tmp.suffix == ".part"
    assert not target.exists()
    put_in_place(tmp, target)
    assert target.read_text() == "done\n" and [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_discard_and_missing_folder(tmp_path):
    fd, tmp = temp_beside(tmp_path / "out.csv")
    os.close(fd)
    discard(tmp)
    discard(tmp)  # already gone is fine
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(InputError, match="does not exist"):
        temp_beside(tmp_path / "nope" / "out.csv")


def _dead_pid() -> int:
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_parts_left_by_a_killed_run_are_removed_beside_the_same_target_only(tmp_path):
    from redflag.io.files import PART_MARKER

    target = tmp_path / "res.csv"
    dead, alive = _dead_pid(), os.getpid()
    stale = tmp_path / f".res.csv.{PART_MARKER}-{dead}-abc123.part"
    running = tmp_path / f".res.csv.{PART_MARKER}-{alive}-def456.part"
    other = tmp_path / f".other.csv.{PART_MARKER}-{dead}-ghi789.part"
    for p in (stale, running, other):
        p.write_text("half")
    fd, tmp = temp_beside(target)
    os.close(fd)
    assert not stale.exists() and running.exists() and other.exists()
    assert tmp.name.startswith(f".res.csv.{PART_MARKER}-{alive}-") and tmp.name.endswith(".part")
