"""Training tables are read as scan reads them: the same reader, the same column presets."""

from __future__ import annotations

import pandas as pd
import pytest

from redflag.errors import InputError
from redflag.io.tables import EMSCAD_TEXT_COLS
from redflag.learn.data import read_labelled


def test_csv_cells_stay_text_and_blank_labels_become_missing(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("text,label,n\nNA,1,007\nnull,,2\n", encoding="utf-8")
    table = read_labelled(path)
    assert table.text_cols == ["text"] and table.label_col == "label"
    assert table.frame["text"].tolist() == ["NA", "null"]  # words, as scan reads them
    assert table.frame["n"].tolist() == ["007", "2"]
    assert table.frame["label"].iloc[0] == "1" and pd.isna(table.frame["label"].iloc[1])


def test_chunks_are_joined_into_one_frame(tmp_path):
    path = tmp_path / "t.jsonl"
    pd.DataFrame({"text": [f"ad {i}" for i in range(25_000)], "label": [i % 2 for i in range(25_000)]}).to_json(
        path, orient="records", lines=True)
    table = read_labelled(path)
    assert len(table.frame) == 25_000 and list(table.frame.index[:3]) == [0, 1, 2]
    assert table.frame["text"].iloc[-1] == "ad 24999"


def test_emscad_columns_are_recognised_and_named_columns_win(tmp_path):
    path = tmp_path / "e.csv"
    pd.DataFrame({c: ["x"] for c in ["job_id", *EMSCAD_TEXT_COLS, "fraudulent"]}).to_csv(path, index=False)
    table = read_labelled(path)
    assert table.text_cols == EMSCAD_TEXT_COLS and table.label_col == "fraudulent"
    table = read_labelled(path, "title", "job_id")
    assert table.text_cols == ["title"] and table.label_col == "job_id"


def test_unreadable_tables_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_labelled(tmp_path / "nope.csv")
    (tmp_path / "x.parquet.gz").write_bytes(b"\x1f\x8b")
    with pytest.raises(InputError, match="gzip"):
        read_labelled(tmp_path / "x.parquet.gz")
