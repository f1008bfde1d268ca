"""Streamed tables read record by record: bad rows become placeholders with their real byte offset."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from redflag.errors import InputError
from redflag.io.records import UNREADABLE
from redflag.io.tables import read_table


def _rows(n: int) -> list[bytes]:
    return [b"id,text\n"] + [f"ad{i},Small processing fee number {i}.\n".encode() for i in range(n)]


def _read(path, **kw) -> pd.DataFrame:
    return pd.concat(list(read_table(path, bad_rows="mark", **kw)), ignore_index=True)


def _reasons(df: pd.DataFrame) -> dict[int, str]:
    if UNREADABLE not in df.columns:
        return {}
    return {i: r for i, r in enumerate(df[UNREADABLE]) if isinstance(r, str)}


def test_a_bad_byte_far_into_the_file_is_reported_at_its_real_offset(tmp_path):
    lines = _rows(60_000)
    lines[50_001] = lines[50_001].replace(b"fee", b"f\xffe")
    data = b"".join(lines)
    path = tmp_path / "ads.csv"
    path.write_bytes(data)
    bad = data.index(b"\xff")
    df = _read(path, chunksize=2_000)
    assert len(df) == 60_000
    assert list(_reasons(df)) == [50_000]
    assert f"byte {bad} " in _reasons(df)[50_000]
    assert df["text"][49_999].endswith("49999.") and df["text"][50_001].endswith("50001.")
    with pytest.raises(InputError, match=f"row 50000: .*byte {bad} "):
        list(read_table(path))  # without bad_rows="mark" the first bad row fails the input, at the same offset


def test_a_ragged_row_is_a_placeholder_and_the_rows_after_it_keep_their_numbers(tmp_path):
    lines = _rows(5)
    lines[3] = b"ad2,one,two,three\n"
    path = tmp_path / "ads.csv"
    path.write_bytes(b"".join(lines))
    df = _read(path)
    assert df["id"].tolist() == ["ad0", "ad1", None, "ad3", "ad4"]
    assert "4 fields where the header has 2" in _reasons(df)[2] and "(line 4)" in _reasons(df)[2]


def test_short_rows_blank_lines_bom_and_header_names_read_as_pandas_reads_them(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_bytes(b'\xef\xbb\xbfid,,id,text\n1,a,b,"two\nlines"\n\n   \n2,x\n')
    df = _read(path)
    assert df.columns.tolist() == ["id", "Unnamed: 1", "id.1", "text"]
    assert df.values.tolist() == [["1", "a", "b", "two\nlines"], ["2", "x", "", ""]]
    assert UNREADABLE not in df.columns


def test_an_unbalanced_quote_is_reported_and_the_rows_it_swallowed_are_read(tmp_path):
    lines = _rows(6)
    lines[3] = b'ad2,"Small processing fee\n'
    path = tmp_path / "ads.csv"
    path.write_bytes(b"".join(lines))
    df = _read(path)
    assert df["id"].tolist() == ["ad0", "ad1", None, "ad3", "ad4", "ad5"]
    assert "quote opened on line 4 is still open on line 5" in _reasons(df)[2]


def test_a_quote_never_closed_at_the_end_is_reported(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_bytes(b"".join(_rows(3)) + b'ad3,"never closed\nmore words\n')
    df = _read(path)
    assert len(df) == 4 and list(_reasons(df)) == [3]
    assert "never closed" in _reasons(df)[3]
    path.write_bytes(b"".join(_rows(3)) + b'ad3,a 5" screen\n')  # a quote inside a field is just a character
    assert _reasons(_read(path)) == {}


def test_a_broken_jsonl_line_is_a_placeholder_and_types_are_kept(tmp_path):
    path = tmp_path / "ads.jsonl"
    path.write_bytes(b'{"id": 1, "text": "fee"}\n{"id": 2, "text": broken\n[1, 2]\n{"id": 4, "text": "ok"}\n')
    df = _read(path)
    assert df["id"].tolist() == [1, None, None, 4]
    reasons = _reasons(df)
    assert "broken JSON" in reasons[1] and "byte 25 " in reasons[1] and "not an object" in reasons[2]


def test_a_mostly_unreadable_input_still_fails(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_bytes(b"id,text\n" + b"".join(f"{i},a,b,c\n".encode() for i in range(150)) + b"ok,fine\n")
    with pytest.raises(InputError, match="mostly unreadable as CSV: 150 of 151 rows"):
        _read(path)
    path.write_bytes(b"id,text\n1,a,b\n")  # small inputs are judged at the end
    with pytest.raises(InputError, match="mostly unreadable"):
        _read(path)


def test_a_truncated_gzip_keeps_the_rows_before_it(tmp_path):
    packed = gzip.compress(b"".join(_rows(40_000)))
    path = tmp_path / "ads.csv.gz"
    path.write_bytes(packed[: len(packed) // 2])
    chunks = list(read_table(path, chunksize=2_000, bad_rows="mark"))
    assert "corrupt gzip data" in chunks[-1].attrs["truncated"]
    df = pd.concat(chunks, ignore_index=True)
    assert 1_000 < len(df) < 40_000 and list(_reasons(df)) == [len(df) - 1]
    assert df["id"][: len(df) - 1].tolist() == [f"ad{i}" for i in range(len(df) - 1)]


def test_a_corrupt_gzip_is_one_line(tmp_path):
    packed = bytearray(gzip.compress(b"".join(_rows(40_000))))
    packed[100:164] = b"\xff" * 64
    path = tmp_path / "ads.csv.gz"
    path.write_bytes(bytes(packed))
    for bad_rows in ("raise", "mark"):
        with pytest.raises(InputError, match="corrupt gzip data") as info:
            list(read_table(path, bad_rows=bad_rows))
        assert "\n" not in str(info.value)


def test_a_jsonl_chunk_of_broken_lines_only_keeps_the_columns(tmp_path):
    path = tmp_path / "ads.jsonl"
    path.write_bytes(b'{"id": 1, "text": "fee"}\n{"id": 2, "text": "ok"}\n{broken\n{also broken\n{"id": 5, "text": "x"}\n')
    chunks = list(read_table(path, chunksize=2, bad_rows="mark"))
    assert [c.columns.tolist()[:2] for c in chunks] == [["id", "text"]] * 3
    assert chunks[1]["text"].tolist() == [None, None]


def test_a_quote_that_swallows_too_much_is_cut_off_and_reading_goes_on(tmp_path, monkeypatch):
    from redflag.io import records

    monkeypatch.setattr(records, "MAX_RECORD_BYTES", 1_000)
    path = tmp_path / "ads.csv"
    path.write_bytes(b'text\n"opened and never closed\n' + b"forty-nine characters of a line of prose here\n" * 100)
    df = _read(path)
    assert "a row over 1,000 bytes" in _reasons(df)[0]
    assert len(df) > 70 and df["text"].iloc[-1] == "forty-nine characters of a line of prose here"
