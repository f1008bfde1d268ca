"""Training must work on any labelled table, fail clearly on bad ones and reproduce byte for byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from redflag.errors import InputError
from redflag.learn.train import save, train, train_file

ROOT = Path(__file__).resolve().parents[2]


def ads(n: int = 60) -> pd.DataFrame:
    bad = ["pay a fee to start", "send your passport", "cash daily no questions", "young girls wanted abroad"]
    good = ["pension and holidays", "equal opportunity employer", "permanent contract", "apply on our site"]
    rows = []
    for i in range(n):
        y = i % 2
        pool = bad if y else good
        words = [pool[(i + k) % 4] for k in range(3)] + [good[i % 4] if i % 5 == 0 else "team work"]
        rows.append({"title": f"Role {i % 7}", "body": ". ".join(words), "notes": None if i % 3 else "x", "y": y})
    return pd.DataFrame(rows)


def test_train_reports_held_out_metrics_and_refits_on_all_rows():
    df = ads()
    trained = train(df, ["title", "body", "notes"], "y", seed=1)
    card = trained.card
    assert card["rows"] == len(df)
    assert card["metrics"]["n_train"] + card["metrics"]["n_test"] == len(df)
    assert 0.0 <= card["metrics"]["roc_auc"] <= 1.0
    assert set(card["metrics"]) >= {"roc_auc", "average_precision", "f1", "precision", "recall"}
    assert card["class_balance"] == {"1": 30, "0": 30}
    assert card["hyperparameters"]["logistic_regression"]["C"] in (0.5, 2.0, 8.0, 32.0)
    assert trained.pipeline.predict_proba(["pay a fee to start, send your passport"])[0, 1] > 0.5


def test_missing_column_lists_the_columns_that_exist():
    with pytest.raises(InputError, match=r"missing column.*'text'.*'title', 'body', 'notes', 'y'"):
        train(ads(), ["text"], "y")
    with pytest.raises(InputError, match="missing column"):
        train(ads(), ["body"], "fraudulent")


def test_single_class_is_refused():
    df = ads()
    df["y"] = 1
    with pytest.raises(InputError, match="single class"):
        train(df, ["body"], "y")


def test_too_few_rows_and_too_few_per_class():
    with pytest.raises(InputError, match="too few rows"):
        train(ads(10), ["body"], "y")
    df = ads(40)
    df["y"] = [1] * 3 + [0] * 37
    with pytest.raises(InputError, match="per class"):
        train(df, ["body"], "y")


def test_empty_labels_are_refused():
    df = ads()
    df.loc[3, "y"] = None
    with pytest.raises(InputError, match="empty"):
        train(df, ["body"], "y")


def test_unreadable_or_missing_training_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        train_file(tmp_path / "nope.csv", ["body"], "y")


def _train_and_save(csv: Path, out: Path) -> dict[str, Path]:
    return save(train_file(csv, ["title", "body"], "y", seed=5, C=2.0), out)


def test_same_data_and_seed_give_identical_files(tmp_path):
    csv = tmp_path / "ads.csv"
    ads().to_csv(csv, index=False)
    a = _train_and_save(csv, tmp_path / "a" / "m.joblib")
    b = _train_and_save(csv, tmp_path / "b" / "m.joblib")
    for kind in ("npz", "joblib", "card"):
        assert a[kind].read_bytes() == b[kind].read_bytes(), kind

    # and in a fresh process with another string-hash seed
    code = (
        "import sys; from pathlib import Path; from redflag.learn.train import save, train_file; "
        "save(train_file(Path(sys.argv[1]), ['title', 'body'], 'y', seed=5, C=2.0), Path(sys.argv[2]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(csv), str(tmp_path / "c" / "m.joblib")], check=True, env=env)
    for kind, name in (("npz", "m.npz"), ("joblib", "m.joblib"), ("card", "m.card.json")):
        assert (tmp_path / "c" / name).read_bytes() == a[kind].read_bytes(), kind


def test_card_describes_the_files(tmp_path):
    csv = tmp_path / "ads.csv"
    ads().to_csv(csv, index=False)
    paths = _train_and_save(csv, tmp_path / "m.joblib")
    card = json.loads(paths["card"].read_text())
    from redflag.io.files import sha256_file

    assert card["name"] == "m"
    assert card["created_from"] == {"path": str(csv), "sha256": sha256_file(csv)}
    assert card["files"]["npz"]["sha256"] == sha256_file(paths["npz"])
    assert card["files"]["joblib"]["sha256"] == sha256_file(paths["joblib"])
    assert set(card["versions"]) == {"python", "sklearn", "numpy", "pandas", "joblib"}
    assert card["text_columns"] == ["title", "body"] and card["label_column"] == "y" and card["seed"] == 5
    with np.load(paths["npz"], allow_pickle=False) as z:
        assert {"coef", "intercept", "meta", "word_vocab", "word_idf"} <= set(z.files)
        assert "char_vocab" not in z.files  # word n-grams only by default
    assert card["hyperparameters"]["features"] == "word" and "char" not in card["hyperparameters"]


def test_char_ngrams_are_a_choice(tmp_path):
    trained = train(ads(), ["title", "body"], "y", seed=3, C=2.0, features="word+char")
    assert trained.card["hyperparameters"]["features"] == "word+char"
    assert trained.card["hyperparameters"]["char"]["analyzer"] == "char_wb"
    paths = save(trained, tmp_path / "wc.joblib")
    with np.load(paths["npz"], allow_pickle=False) as z:
        assert {"char_vocab", "char_idf"} <= set(z.files)
    with pytest.raises(InputError, match="unknown feature set 'char'"):
        train(ads(), ["title", "body"], "y", features="char")


def test_word_pairs_are_a_choice(tmp_path):
    from redflag.model.linear import load

    single = train(ads(), ["title", "body"], "y", seed=3, C=2.0)
    pairs = train(ads(), ["title", "body"], "y", seed=3, C=2.0, features="word2")
    assert single.card["hyperparameters"]["word"]["ngram_range"] == [1, 1]
    assert pairs.card["hyperparameters"]["features"] == "word2"
    assert pairs.card["hyperparameters"]["word2"]["ngram_range"] == [1, 2]
    words = [t for t in pairs.pipeline.named_steps["features"].get_feature_names_out() if " " in t]
    assert words, "a word-pair model has two-word terms"
    paths = save(pairs, tmp_path / "pairs.joblib")
    model = load(paths["npz"])
    texts = ads()["body"].tolist()[:5]
    assert np.allclose(model.predict_proba(texts), pairs.pipeline.predict_proba(texts)[:, 1])


def _emscad_like(n: int = 60) -> pd.DataFrame:
    df = ads(n)
    return pd.DataFrame({
        "job_id": range(n), "title": df["title"], "company_profile": "", "description": df["body"],
        "requirements": df["notes"], "benefits": "", "fraudulent": df["y"],
    })


@pytest.mark.parametrize("name", ["ads.jsonl", "ads.csv.gz", "ads.jsonl.gz", "ads.tsv", "ads.parquet", "ads.xlsx", "ads.json"])
def test_train_file_reads_every_table_format_alike(tmp_path, name):
    from redflag.io.tables import join_text

    df = ads()
    csv = tmp_path / "ads.csv"
    df.to_csv(csv, index=False)
    path = tmp_path / name
    if name.endswith(".gz"):
        compression = {"compression": "gzip"}
        (df.to_json(path, orient="records", lines=True, **compression) if ".jsonl" in name else df.to_csv(path, index=False, **compression))
    elif name.endswith(".jsonl"):
        df.to_json(path, orient="records", lines=True)
    elif name.endswith(".json"):
        df.to_json(path, orient="records")
    elif name.endswith(".tsv"):
        df.to_csv(path, sep="\t", index=False)
    elif name.endswith(".parquet"):
        df.to_parquet(path)
    else:
        df.to_excel(path, index=False)
    a = train_file(csv, ["title", "body"], "y", seed=5, C=2.0)
    b = train_file(path, ["title", "body"], "y", seed=5, C=2.0)
    assert b.card["created_from"]["path"] == str(path)
    assert b.card["class_balance"] == a.card["class_balance"] == {"1": 30, "0": 30}
    texts = join_text(df, ["title", "body"]).tolist()
    assert np.array_equal(a.pipeline.predict_proba(texts), b.pipeline.predict_proba(texts))


def test_input_format_names_a_format_the_extension_does_not(tmp_path):
    path = tmp_path / "ads.txt"
    ads().to_json(path, orient="records", lines=True)
    with pytest.raises(InputError, match="input format"):
        train_file(path, ["body"], "y")
    assert train_file(path, ["body"], "y", input_format="jsonl", seed=1, C=2.0).card["rows"] == 60


def test_train_file_detects_emscad_columns_and_label(tmp_path):
    from redflag.io.tables import EMSCAD_TEXT_COLS

    path = tmp_path / "emscad.csv.gz"
    _emscad_like().to_csv(path, index=False, compression="gzip")
    trained = train_file(path, seed=2, C=2.0)
    assert trained.card["text_columns"] == EMSCAD_TEXT_COLS
    assert trained.card["label_column"] == "fraudulent"
    assert trained.card["class_balance"] == {"1": 30, "0": 30}


def test_train_file_defaults_to_text_and_label(tmp_path):
    path = tmp_path / "plain.csv"
    pd.DataFrame({"text": ads()["body"], "label": ads()["y"]}).to_csv(path, index=False)
    trained = train_file(path, seed=2, C=2.0)
    assert trained.card["text_columns"] == ["text"] and trained.card["label_column"] == "label"
    with pytest.raises(InputError, match="no column 'body'"):
        train_file(path, ["body"])


def test_blank_labels_in_a_csv_are_refused_as_empty(tmp_path):
    df = ads()
    df["y"] = df["y"].astype(object)
    df.loc[4, "y"] = ""
    path = tmp_path / "ads.csv"
    df.to_csv(path, index=False)
    with pytest.raises(InputError, match="1 empty value"):
        train_file(path, ["body"], "y")


def test_fit_pipeline_turns_an_empty_vocabulary_into_an_input_error():
    from redflag.learn.train import fit_pipeline

    with pytest.raises(InputError, match="cannot train"):
        fit_pipeline(["a", "b", "c", "d"], np.array([0, 1, 0, 1]), 1.0, 0)


def test_each_language_is_measured_on_the_held_out_split():
    df = ads(80)
    df["lang"] = ["en", "en", "it", "it"] * 20  # both classes in each language
    card = train(df, ["title", "body"], "y", seed=1, C=1.0).card
    by = card["metrics"]["by_group"]
    assert by["column"] == "lang" and set(by["groups"]) == {"en", "it"}
    assert sum(g["n"] for g in by["groups"].values()) == card["metrics"]["n_test"]
    for g in by["groups"].values():
        assert 0 < g["n_positive"] < g["n"] and 0.0 <= g["roc_auc"] <= 1.0
    assert "by_group" not in train(ads(), ["title", "body"], "y", seed=1, C=1.0).card["metrics"]
    with pytest.raises(InputError, match="missing column"):
        train(ads(), ["title", "body"], "y", seed=1, C=1.0, group_col="region")
