"""Reading a labelled corpus: columns, labels, skipped rows, splits, ids as JSON holds them."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from redflag.errors import InputError
from redflag.evaluate.corpus import jsonable, load_corpus
from redflag.evaluate.options import EvalOptions
from redflag.evaluate.report import SkippedRow
from redflag.synth import generate

EMSCAD = Path(__file__).resolve().parents[3] / "shared" / "data" / "emscad_dev.csv"


@pytest.fixture()
def named(tmp_path) -> Path:
    rows = generate(60, 4)
    df = pd.DataFrame({"text": [r["text"] for r in rows],
                       "verdict": ["scam" if r["label"] else "ok" for r in rows]})
    df.loc[0, "text"] = "   "
    df.loc[1, "verdict"] = ""
    path = tmp_path / "named.csv"
    df.to_csv(path, index=False)
    return path


def test_load_corpus_reads_texts_labels_and_provenance(synthetic):
    corpus = load_corpus(synthetic, EvalOptions())
    assert len(corpus.texts) == corpus.rows == 160 and corpus.skipped == []
    assert corpus.y.dtype == bool and corpus.y.any() and not corpus.y.all()
    assert (corpus.label_col, corpus.text_cols, corpus.id_col, corpus.part) == ("label", ["text"], None, "all")
    assert corpus.path == str(synthetic) and len(corpus.sha256) == 64
    assert corpus.ids[:2] == [0, 1]  # no id column asked for: row numbers
    assert load_corpus(synthetic, EvalOptions(id_col="id")).ids[:2] == ["syn-000001", "syn-000002"]


def test_bad_rows_are_counted_and_named_labels(named):
    corpus = load_corpus(named, EvalOptions(label_col="verdict", positive="scam"))
    assert corpus.skipped == [SkippedRow(row=0, id=0, reason="empty text"), SkippedRow(row=1, id=1, reason="missing label")]
    assert len(corpus.texts) == 58 and corpus.positive_class == "scam" and corpus.negative_class == "ok"
    with pytest.raises(InputError, match="positive"):
        load_corpus(named, EvalOptions(label_col="verdict"))


def test_bad_rows_through_the_command(run, named):
    import json

    res = run("evaluate", named, "--label-col", "verdict", "--positive", "scam", "-f", "json", "--bootstrap", "0")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)["data"]
    assert data["skipped"]["count"] == 2 and data["skipped"]["reasons"] == {"empty text": 1, "missing label": 1}
    assert data["evaluated"] == 58 and data["positive_class"] == "scam"
    ambiguous = run("evaluate", named, "--label-col", "verdict")
    assert ambiguous.exit_code == 2 and "positive" in ambiguous.stderr


def test_missing_columns_are_input_errors(run, synthetic):
    with pytest.raises(InputError, match="nope"):
        load_corpus(synthetic, EvalOptions(label_col="nope"))
    res = run("evaluate", synthetic, "--label-col", "nope")
    assert res.exit_code == 2 and "nope" in res.stderr and "text" in res.stderr
    res = run("evaluate", synthetic, "--text-col", "body")
    assert res.exit_code == 2 and "body" in res.stderr


def test_a_table_without_usable_rows_is_an_input_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("text,label\n   ,1\nan ad,\n", encoding="utf-8")
    with pytest.raises(InputError, match="none of its 2 rows"):
        load_corpus(path, EvalOptions())


def test_subset_and_without(tiny):
    corpus = tiny.corpus()
    part = corpus.subset(np.array([0, 2]), "train")
    assert part.texts == ["a", "c"] and list(part.y) == [True, False] and part.ids == [0, 2] and part.part == "train"
    assert corpus.without([]) is corpus
    fewer = corpus.without([(1, "failed: ValueError: x")])
    assert fewer.texts == ["a", "c", "d", "e", "f"] and fewer.part == "all"
    assert fewer.skipped[-1] == SkippedRow(row=None, id=1, reason="failed: ValueError: x")
    assert len(corpus.skipped) == 2  # the original is left as it was


def test_jsonable():
    assert jsonable(np.int64(3)) == 3 and type(jsonable(np.int64(3))) is int
    assert jsonable("x") == "x" and jsonable(None) is None and jsonable(2.5) == 2.5
    assert jsonable(pd.Timestamp("2024-01-02")) == "2024-01-02 00:00:00"


@pytest.mark.skipif(not EMSCAD.exists(), reason="EMSCAD sample not present")
def test_emscad_dev_sample():
    from redflag.config import Config
    from redflag.evaluate.measure import evaluate_corpus
    from redflag.pipeline import Checker

    options = EvalOptions(bootstrap=0, prevalence=0.0484)
    corpus = load_corpus(EMSCAD, options)
    assert corpus.label_col == "fraudulent" and corpus.text_cols[0] == "title"
    report = evaluate_corpus(Checker(Config(entities=False)), corpus, options).to_dict()
    assert report["data"]["evaluated"] + report["data"]["skipped"]["count"] == report["data"]["rows"]
    assert report["scorers"]["fused"]["auc"]["value"] > 0.6
    assert report["scorers"]["fused"]["auc"]["low"] is None  # no bootstrap asked for
