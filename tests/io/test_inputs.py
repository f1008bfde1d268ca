"""Reading one ad: text, files, stdin, and every kind of bad input refused with a clear reason."""

import codecs

import pytest

from redflag.errors import InputError
from redflag.io.inputs import decode, read_ad


def test_literal_text_is_the_ad():
    assert read_ad("Pay a fee now") == ("Pay a fee now", "the ad text")


def test_file_is_read(tmp_path):
    p = tmp_path / "ad.html"
    p.write_text("<p>Pay a fee</p>", encoding="utf-8")
    assert read_ad(str(p))[0] == "<p>Pay a fee</p>"


@pytest.mark.parametrize("data,expected", [
    (codecs.BOM_UTF8 + "fee".encode(), "fee"),
    (codecs.BOM_UTF16_LE + "fee".encode("utf-16-le"), "fee"),
    (codecs.BOM_UTF16_BE + "fee".encode("utf-16-be"), "fee"),
])
def test_boms_are_decoded(data, expected):
    assert decode(data, "x") == expected


@pytest.mark.parametrize("make,message", [
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: p.write_bytes(b"   \n\t "), "empty"),
    (lambda p: p.write_bytes(b"\x7fELF\x00\x01\x02"), "binary"),
    (lambda p: p.write_bytes("café".encode("latin-1")), "not valid UTF-8"),
    (lambda p: p.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8"), "not valid UTF-16"),
    (lambda p: p.write_bytes(b"a" * 1_000_001), "larger than"),
])
def test_bad_files_are_refused(tmp_path, make, message):
    p = tmp_path / "ad.txt"
    make(p)
    with pytest.raises(InputError, match=message):
        read_ad(str(p))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_ad(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="directory"):
        read_ad(str(tmp_path))


def test_empty_argument():
    with pytest.raises(InputError, match="empty"):
        read_ad("")
