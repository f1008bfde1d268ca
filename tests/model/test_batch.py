"""Many ads: vectorised scores agree with scikit-learn, and with the one-ad path, on warm caches too."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from redflag.errors import InputError
from redflag.model import load, load_pipeline, model_paths
from redflag.model.batch import CHUNK, BatchScorer, check_texts

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC = ROOT / "data" / "synthetic" / "ads.csv"
SHIPPED = ROOT / "models" / "default.npz"


def test_parity_with_sklearn_on_self_made_data(toy, odd_texts):
    _, texts, paths = toy
    texts = texts + odd_texts
    expected = load_pipeline(paths["joblib"]).predict_proba(texts)[:, 1]
    model = load(paths["npz"])
    got = model.predict_proba(texts)
    assert got.shape == (len(texts),)
    assert np.max(np.abs(got - expected)) < 1e-9
    # a second pass runs on the warm word cache and must not drift
    assert np.max(np.abs(model.predict_proba(texts[::-1])[::-1] - expected)) < 1e-9


@pytest.mark.skipif(not SYNTHETIC.is_file(), reason="data/synthetic/ads.csv not present")
@pytest.mark.skipif(not SHIPPED.is_file(), reason="models/default.npz not present")
def test_parity_with_sklearn_on_the_synthetic_set():
    card = json.loads(model_paths(SHIPPED)["card"].read_text())
    df = pd.read_csv(SYNTHETIC)
    texts = ["\n".join("" if pd.isna(v) else str(v) for v in row) for row in df[card["text_columns"]].itertuples(index=False)]
    expected = load_pipeline(SHIPPED).predict_proba(texts)[:, 1]
    got = load(SHIPPED).predict_proba(texts)
    assert np.max(np.abs(got - expected)) < 1e-9


def test_batch_and_one_ad_agree_and_chunks_do_not_matter(toy):
    _, texts, paths = toy
    model = load(paths["npz"])
    z = model.decision_function(texts)
    logits = np.array([np.log(p / (1 - p)) for p in (model.explain(t).probability for t in texts)])
    assert np.max(np.abs(z - logits)) < 1e-9
    scorer = BatchScorer(model.blocks, model.intercept)
    parts = np.concatenate([scorer.decision_function(texts[i : i + 5]) for i in range(0, len(texts), 5)])
    assert len(texts) > CHUNK and np.array_equal(parts, scorer.decision_function(texts))


def test_texts_without_known_terms_score_the_intercept(toy):
    model = load(toy[2]["npz"])
    z = model.decision_function(["", "   ", "qqqq zzzz"])
    assert np.array_equal(z, np.full(3, model.intercept))


def test_bad_input(toy):
    model = load(toy[2]["npz"])
    with pytest.raises(InputError):
        model.predict_proba("one string, not a list")
    with pytest.raises(InputError):
        model.predict_proba(["ok", None])
    assert model.predict_proba([]).shape == (0,)
    assert check_texts(("a", "b")) == ["a", "b"]
