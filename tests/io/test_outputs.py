"""Destinations are checked before any work, and whole files are written atomically."""

from __future__ import annotations

import os

import pytest

from redflag.errors import InputError
from redflag.io import outputs
from redflag.io.outputs import atomic, check_destinations, write_text


def test_an_output_that_is_an_input_is_refused(tmp_path):
    data = tmp_path / "t.csv"
    data.write_text("text\nx\n", encoding="utf-8")
    with pytest.raises(InputError, match="--summary-json .* over the input file"):
        check_destinations({"--out": tmp_path / "r.csv", "--summary-json": data}, [data])


def test_an_output_linked_to_an_input_is_refused(tmp_path):
    data = tmp_path / "t.csv"
    data.write_text("text\nx\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(data)
    with pytest.raises(InputError, match="over the input file"):
        check_destinations({"--out": tmp_path / "link.csv"}, [data])


def test_two_outputs_naming_one_file_are_refused(tmp_path):
    with pytest.raises(InputError, match="--errors and --out name the same file"):
        check_destinations({"--out": tmp_path / "r.csv", "--errors": tmp_path / "." / "r.csv"})


@pytest.mark.parametrize("where, message", [
    ("missing/s.json", "does not exist"),
    ("afile/s.json", "is a file, not a folder"),
    ("folder", "is a folder"),
])
def test_a_destination_that_cannot_be_written_is_refused(tmp_path, where, message):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    with pytest.raises(InputError, match=message):
        check_destinations({"--summary-json": tmp_path / where})


def test_missing_folders_are_fine_when_they_will_be_made(tmp_path):
    check_destinations({"--out": tmp_path / "a" / "b" / "m.joblib"}, make_parents=True)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file, not a folder"):
        check_destinations({"--out": tmp_path / "afile" / "b" / "m.joblib"}, make_parents=True)


def test_a_read_only_folder_is_refused(tmp_path, monkeypatch):
    # the permission bits do not bind root, so the answer of os.access stands in for them
    monkeypatch.setattr(outputs.os, "access", lambda path, mode: False)
    with pytest.raises(InputError, match="is not writable"):
        check_destinations({"--fit-weights": tmp_path / "w.json"})


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("stopped")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_write_text_replaces_whole_with_the_usual_mode(tmp_path):
    target = tmp_path / "s.json"
    write_text(target, "{}\n")
    assert target.read_text(encoding="utf-8") == "{}\n"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]
