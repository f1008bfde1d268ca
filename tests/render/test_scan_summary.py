"""What `redflag scan` shows: the summary tables, the summary JSON file and the progress callback."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from redflag.batch.rows import RowError
from redflag.batch.run import Batch, Summary
from redflag.errors import InputError
from redflag.render.options import RenderOptions
from redflag.render.scan_summary import progress_bar, render, write_summary_json


def summary() -> Summary:
    s = Summary()
    s.add(Batch(first_row=0, rows=4, output=None, scores=[90.0, 10.0, 55.0], levels=["high", "low", "medium"],
                flags=["FEE001;DOC001", "", "FEE001"], ids=["a", "b", "c"], sources=["x", "y", "x"],
                errors=[RowError(3, "d", "empty text")]))
    return s


def test_render_lists_levels_flags_pairs_sources_top_and_skipped(tmp_path):
    stream = io.StringIO()
    render(summary(), stream, RenderOptions(out=tmp_path / "res.csv", width=160, color=False))
    text = stream.getvalue()
    assert text.splitlines()[0] == f"3 ads scanned (1 rows skipped, 0 written to {tmp_path / 'res.csv'})"
    for title in ("levels", "red flags", "flags found together", "sources by share of risky ads", "riskiest ads", "skipped rows"):
        assert title in text
    assert "DOC001 + FEE001" in text and "empty text" in text and "33.3%" in text


def test_render_leaves_out_empty_tables():
    stream = io.StringIO()
    render(Summary(), stream, RenderOptions(width=120))
    text = stream.getvalue()
    assert text.startswith("0 ads scanned (0 rows skipped)") and "levels" in text
    assert "red flags" not in text and "riskiest" not in text and "skipped rows" not in text


def test_summary_json_is_the_dict(tmp_path):
    path = tmp_path / "s.json"
    s = summary()
    write_summary_json(s, path)
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(s.to_dict()))
    with pytest.raises(InputError, match="cannot write"):
        write_summary_json(s, tmp_path / "missing" / "s.json")


def test_progress_bar_off_is_none_and_on_is_a_callback():
    with progress_bar(Console(file=io.StringIO()), enabled=False) as update:
        assert update is None
    with progress_bar(Console(file=io.StringIO(), force_terminal=True), enabled=True) as update:
        update(10, 0.5)
        update(20, None)


def test_languages_table_and_json():
    s = Summary()
    s.add(Batch(first_row=0, rows=3, output=None, scores=[90.0, 10.0, 70.0], levels=["high", "low", "high"],
                flags=["FEE001", "", "FEE001"], ids=["a", "b", "c"], sources=None, errors=[], langs=["es", "en", "es"]))
    d = s.to_dict()
    assert [(g["lang"], g["ads"], g["high"]) for g in d["languages"]] == [("es", 2, 2), ("en", 1, 0)]
    assert d["top"][0]["lang"] == "es"
    stream = io.StringIO()
    render(s, stream, RenderOptions(width=120, color=False))
    text = stream.getvalue()
    assert "languages" in text and "66.7%" in text


def test_a_batch_without_languages_counts_them_undetermined():
    s = summary()
    assert s.to_dict()["languages"] == [{"lang": "und", "ads": 3, "share": 1.0, "medium_or_high": 2, "high": 1,
                                         "medium_or_high_share": 0.666667, "high_share": 0.333333}]
