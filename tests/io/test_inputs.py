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


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + "fee".encode(),
    codecs.BOM_UTF16_LE + "fee".encode("utf-16-le"),
    codecs.BOM_UTF16_BE + "fee".encode("utf-16-be"),
    codecs.BOM_UTF32_LE + "fee".encode("utf-32-le"),
])
def test_boms_are_decoded_and_kept_as_the_first_character(data):
    # offsets count every character of the file, the BOM (U+FEFF) included
    assert decode(data, "x") == "\ufefffee"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(encoding):
    text = "Small processing fee. Contact on WhatsApp."
    assert decode(text.encode(encoding), "x") == text


def test_bom_file_offsets_point_into_the_file(tmp_path):
    from redflag.config import Config
    from redflag.pipeline import Checker

    p = tmp_path / "ad.txt"
    p.write_bytes(codecs.BOM_UTF8 + "Pay a small processing fee first.".encode())
    text, _ = read_ad(str(p))
    as_in_file = p.read_text(encoding="utf-8")  # the file's characters, BOM included
    evidence = [e for f in Checker(Config(use_model=False)).check(text).flags for e in f.evidence]
    assert evidence and all(as_in_file[e.start:e.end] == e.text for e in evidence)
    assert evidence[0].text == "processing fee" and evidence[0].start == as_in_file.index("processing fee")


@pytest.mark.parametrize("source", ["missing-ad.pdf", "ads/missing", "ad.docx", "my ad.pdf", "notes.odt"])
def test_a_missing_path_is_an_error_not_ad_text(source, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="file not found: .*add --text"):
        read_ad(source)


def test_as_text_reads_a_path_like_argument_as_the_ad(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fee.txt").write_text("other words", encoding="utf-8")
    assert read_ad("missing-ad.pdf", as_text=True) == ("missing-ad.pdf", "the ad text")
    assert read_ad("fee.txt", as_text=True) == ("fee.txt", "the ad text")


@pytest.mark.parametrize("source", ["Pay a fee now.", "Contact us at www.example.com", "fee"])
def test_ordinary_ad_text_is_not_taken_for_a_path(source):
    assert read_ad(source)[0] == source


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
