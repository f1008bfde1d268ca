"""Reading tables in every format, choosing columns, and writing atomically."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from redflag.errors import InputError
from redflag.io.tables import (
    EMSCAD_ID_COL, EMSCAD_TEXT_COLS, join_text, open_writer, read_table, resolve_columns,
)

FRAME = pd.DataFrame({
    "id": ["a1", "a2", "a3"],
    "text": ["Cook wanted in a busy kitchen.", "Small processing fee, NA", "Driver, day shifts"],
    "site": ["x", "y", "x"],
})


def _write(df: pd.DataFrame, path, fmt: str) -> None:
    if fmt == "csv":
        df.to_csv(path, index=False)
    elif fmt == "tsv":
        df.to_csv(path, index=False, sep="\t")
    elif fmt == "jsonl":
        df.to_json(path, orient="records", lines=True)
    elif fmt == "json":
        df.to_json(path, orient="records")
    elif fmt == "xlsx":
        df.to_excel(path, index=False)
    elif fmt == "parquet":
        df.to_parquet(path, index=False)
    elif fmt == "csv.gz":
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            df.to_csv(fh, index=False)
    elif fmt == "jsonl.gz":
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            df.to_json(fh, orient="records", lines=True)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "json", "xlsx", "parquet", "csv.gz", "jsonl.gz"])
def test_every_input_format_reads_in_chunks(tmp_path, fmt):
    path = tmp_path / f"ads.{fmt}"
    _write(FRAME, path, fmt)
    chunks = list(read_table(path, chunksize=2))
    assert [len(c) for c in chunks] == [2, 1]
    df = pd.concat(chunks, ignore_index=True)
    assert df["text"].tolist() == FRAME["text"].tolist()
    assert df["id"].astype(str).tolist() == ["a1", "a2", "a3"]
    assert chunks[-1].attrs["fraction"] == pytest.approx(1.0, abs=0.01) or fmt in ("csv.gz", "jsonl.gz")


def test_input_format_option_overrides_the_extension(tmp_path):
    path = tmp_path / "ads.txt"
    FRAME.to_csv(path, index=False, sep="\t")
    assert len(next(read_table(path, input_format="tsv"))) == 3
    with pytest.raises(InputError, match="input format"):
        read_table(path)


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"text\n", "no rows"),
    (b"id,text\n1,\xff\xfe broken\n", "UTF-8"),
    (b'id,text\n1,"ok"\n2,"a","b","c"\n', "unreadable CSV at byte 15 .*4 fields where the header has 2"),
])
def test_bad_files_are_one_line_input_errors(tmp_path, content, message):
    path = tmp_path / "ads.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        list(read_table(path))
    assert "\n" not in str(info.value)


def test_missing_and_directory_inputs(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_table(tmp_path / "nope.csv")
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(InputError, match="directory"):
        read_table(tmp_path / "d.csv")


def test_corrupt_parquet_is_an_input_error(tmp_path):
    path = tmp_path / "ads.parquet"
    path.write_bytes(b"not parquet at all")
    with pytest.raises(InputError, match="PARQUET"):
        list(read_table(path))


def test_emscad_preset_and_default_text_column():
    emscad = [EMSCAD_ID_COL, *EMSCAD_TEXT_COLS, "fraudulent"]
    assert resolve_columns(emscad, None, None) == (EMSCAD_TEXT_COLS, EMSCAD_ID_COL)
    assert resolve_columns(emscad, ["description"], None) == (["description"], None)
    assert resolve_columns(["text", "x"], None, None) == (["text"], None)
    assert resolve_columns(["body", "ref"], ["body"], "ref") == (["body"], "ref")


def test_missing_column_lists_the_columns_there_are():
    with pytest.raises(InputError) as info:
        resolve_columns(["body", "ref"], None, None)
    assert "'text'" in str(info.value) and "body, ref" in str(info.value) and "--text-col" in str(info.value)
    with pytest.raises(InputError, match="'nope'.*body, ref"):
        resolve_columns(["body", "ref"], ["body"], "nope")


def test_join_text_in_order_with_missing_cells_empty():
    df = pd.DataFrame({"title": ["Cook", None], "description": [float("nan"), "Drive"], "n": [1, 2]})
    assert join_text(df, ["title", "description"]).tolist() == ["Cook\n", "\nDrive"]
    assert join_text(df, ["n"]).tolist() == ["1", "2"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_writers_round_trip(tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    with open_writer(path) as w:
        w.write(FRAME.iloc[:2])
        w.write(FRAME.iloc[2:])
    back = next(read_table(path))
    assert back["text"].tolist() == FRAME["text"].tolist()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_writer_leaves_nothing_on_error_or_interrupt(tmp_path):
    for exc in (RuntimeError("boom"), KeyboardInterrupt()):
        path = tmp_path / "out.csv"
        with pytest.raises(type(exc)):
            with open_writer(path) as w:
                w.write(FRAME)
                raise exc
        assert list(tmp_path.iterdir()) == []


def test_writer_refuses_to_overwrite_the_input(tmp_path):
    src = tmp_path / "ads.csv"
    FRAME.to_csv(src, index=False)
    with pytest.raises(InputError, match="over the input"):
        open_writer(src, protect=[src])
    assert pd.read_csv(src).equals(FRAME)
    assert [p.name for p in tmp_path.iterdir()] == ["ads.csv"]


def test_jsonl_writer_keeps_nested_cells_and_unicode(tmp_path):
    path = tmp_path / "out.jsonl"
    with open_writer(path) as w:
        w.write(pd.DataFrame({"id": [1], "evidence": [[{"text": "frais", "start": 0, "end": 5}]], "t": ["ü"]}))
    row = json.loads(path.read_text(encoding="utf-8"))
    assert row == {"id": 1, "evidence": [{"text": "frais", "start": 0, "end": 5}], "t": "ü"}
