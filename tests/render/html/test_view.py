"""Rows checked into ads: malformed cells name themselves; rows without text still show their phrases."""

import pytest

from redflag.render.html.view import BadRow, to_ad

ROW = {"id": 7, "score": 71.5, "level": "high", "lang": "en", "harm": "labour;scam", "flags": "FEE001",
       "evidence": [{"id": "FEE001", "title": "Fee", "evidence": [{"text": "a fee", "start": 4, "end": 9}]}]}


def test_a_row_without_text_keeps_its_phrases_to_list():
    ad = to_ad(ROW)
    assert ad.id == "7" and ad.harms == ("labour", "scam") and ad.text is None
    assert [s.quote for s in ad.lost] == ["a fee"] and ad.first_words == "“a fee”"


def test_parquet_json_cells_are_decoded():
    ad = to_ad({**ROW, "evidence": '[{"id": "X1", "title": "", "evidence": []}]', "flags": ""})
    assert ad.flags == ("X1",)


@pytest.mark.parametrize("change, words", [
    ({"score": "high"}, "score"), ({"score": 140}, "out of range"), ({"score": None}, "score"),
    ({"evidence": "not json"}, "evidence"), ({"evidence": [{"id": "A", "evidence": [{"text": "x"}]}]}, "offsets"),
    ({"model_probability": 3}, "model_probability"),
])
def test_malformed_cells_raise_bad_row(change, words):
    with pytest.raises(BadRow, match=words):
        to_ad({**ROW, **change})


def test_missing_level_is_not_a_scan_result():
    row = dict(ROW)
    del row["level"]
    with pytest.raises(BadRow, match="not a scan result"):
        to_ad(row)


def test_long_text_is_cut_for_the_table():
    ad = to_ad({**ROW, "text": " ".join(["word"] * 40)})
    assert ad.first_words.endswith("…") and len(ad.first_words.split()) <= 14
