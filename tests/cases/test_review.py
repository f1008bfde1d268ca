"""Reviews, the labelled export, and `redflag evaluate` reading it directly."""

from __future__ import annotations

import pandas as pd
import pytest

from redflag.cases import StoreError, ad, make_filters, review, reviewed, search


def test_reviews_make_a_labelled_table(filled):
    _, store = filled
    rows = search(store, make_filters())
    review(store, rows[0]["id"], "follow_up", "ask the platform")
    review(store, rows[0]["id"], "confirmed", "same number as case 12", "analyst-1")
    review(store, rows[-1]["id"], "false-alarm", None, "analyst-2")
    review(store, rows[1]["id"], "follow_up")
    labelled = reviewed(store)
    assert [(r["id"], r["label"]) for r in labelled] == [(rows[0]["id"], 1), (rows[-1]["id"], 0)]
    assert labelled[0]["text"] and labelled[0]["type"] in ("labour", "sexual", "scam")
    history = ad(store, rows[0]["id"])["reviews"]
    assert [h["verdict"] for h in history] == ["follow_up", "confirmed"] and history[1]["reviewer"] == "analyst-1"


def test_an_unknown_ad_or_verdict_is_refused(filled):
    _, store = filled
    with pytest.raises(StoreError, match="no ad"):
        review(store, 424242, "confirmed")
    with pytest.raises(StoreError, match="--verdict"):
        review(store, 1, "maybe")


def test_evaluate_reads_the_export(filled, tmp_path):
    from typer.testing import CliRunner

    from redflag.cli import app

    db, store = filled
    for r in search(store, make_filters()):
        review(store, r["id"], "confirmed" if r["level"] != "low" else "false_alarm")
    out = tmp_path / "labelled.csv"
    runner = CliRunner()
    res = runner.invoke(app, ["cases", "export", "--reviewed", str(out), "--db", db], env={"COLUMNS": "100"})
    assert res.exit_code == 0, res.output
    table = pd.read_csv(out)
    assert set(table["label"]) == {0, 1} and len(table) == 5
    res = runner.invoke(app, ["evaluate", str(out), "--no-model"], env={"COLUMNS": "100"})
    assert res.exit_code == 0, res.output
    assert "5" in res.output
