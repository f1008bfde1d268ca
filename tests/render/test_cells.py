"""Result cells as files hold them: compact CSV text, JSON text for Parquet, structures left for JSONL."""

from __future__ import annotations

import json

import pandas as pd

from redflag.render.cells import COMPACT_MAX, EVIDENCE_QUOTE, compact_entities, compact_evidence, compact_terms, for_format

EVIDENCE = [
    {"id": "FEE001", "title": "Fee", "evidence": [{"text": "processing\n fee", "start": 120, "end": 135},
                                                  {"text": "deposit", "start": 200, "end": 207}]},
    {"id": "DOC001", "title": "Passport", "evidence": []},
]
ENTITIES = [{"kind": "phone", "value": "+447700900123"}, {"kind": "phone", "value": "+447700900123"},
            {"kind": "email", "value": "a@b.co"}]


def test_compact_evidence_quotes_the_first_phrase_of_each_flag():
    assert compact_evidence(EVIDENCE) == 'FEE001:"processing fee"@120-135 (+1) | DOC001'
    long = [{"id": "X", "evidence": [{"text": "word " * 40, "start": 0, "end": 200}]}]
    quote = compact_evidence(long).split('"')[1]
    assert len(quote) == EVIDENCE_QUOTE and quote.endswith("…")


def test_compact_entities_are_distinct_and_capped():
    assert compact_entities(ENTITIES) == "phone:+447700900123; email:a@b.co"
    many = [{"kind": "url", "value": f"https://example.com/{i:04d}"} for i in range(100)]
    capped = compact_entities(many)
    assert len(capped) == COMPACT_MAX and capped.endswith("…")


def test_compact_terms_signs_each_weight():
    assert compact_terms([{"term": "fee", "weight": 0.1234}, {"term": "cook", "weight": -0.5}]) == "fee:+0.123 cook:-0.500"


def _frame(terms: bool = False) -> pd.DataFrame:
    df = pd.DataFrame({"id": ["a"], "evidence": [EVIDENCE], "entities": [ENTITIES]})
    if terms:
        df["terms"] = [[{"term": "fee", "weight": 0.5}]]
    return df


def test_for_format_per_format():
    frame = _frame(terms=True)
    assert for_format(frame, "jsonl") is frame
    csv = for_format(frame, "csv")
    assert csv.loc[0, "evidence"].startswith("FEE001:") and csv.loc[0, "terms"] == "fee:+0.500"
    parquet = for_format(frame, "parquet")
    assert json.loads(parquet.loc[0, "evidence"]) == EVIDENCE and json.loads(parquet.loc[0, "entities"]) == ENTITIES
    assert ", " not in parquet.loc[0, "entities"]  # compact JSON
    assert isinstance(frame.loc[0, "evidence"], list)  # the input frame is not changed


def test_for_format_without_terms_column():
    assert "terms" not in for_format(_frame(), "csv").columns
    assert "terms" not in for_format(_frame(), "parquet").columns
