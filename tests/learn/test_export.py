"""The export holds exactly what the numpy scorer re-implements, and identical models give identical bytes."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from redflag.errors import ModelError
from redflag.learn.export import export_arrays, save, write_npz
from redflag.learn.train import TrainedModel, build_pipeline

TEXTS = ["pay a fee to start", "send your passport now", "pension and holidays", "permanent contract offered"] * 5
Y = np.array([1, 1, 0, 0] * 5)


def test_export_arrays_describe_every_block():
    pipe = build_pipeline(C=1.0, features="word+char").fit(TEXTS, Y)
    arrays = export_arrays(pipe)
    meta = json.loads(arrays["meta"].tobytes())
    assert [b["name"] for b in meta["blocks"]] == ["word", "char"]
    assert meta["classes"] == ["0", "1"]
    n = sum(b["n_features"] for b in meta["blocks"])
    assert arrays["coef"].shape == (n,) and arrays["intercept"].shape == (1,)
    words = arrays["word_vocab"].tobytes().decode().split("\n")
    vocab = pipe.named_steps["features"].transformer_list[0][1].vocabulary_
    assert words == sorted(vocab, key=vocab.__getitem__)


def test_vectorizers_the_scorer_cannot_reproduce_are_refused():
    pipe = build_pipeline(C=1.0).fit(TEXTS, Y)
    vec = pipe.named_steps["features"].transformer_list[0][1]
    vec.set_params(ngram_range=(1, 3))
    with pytest.raises(ModelError, match="ngram_range"):
        export_arrays(pipe)
    vec.set_params(ngram_range=(1, 2), binary=True)
    with pytest.raises(ModelError, match="binary"):
        export_arrays(pipe)
    with pytest.raises(ModelError, match="'features'"):
        export_arrays(object())


def test_write_npz_is_deterministic_and_numpy_readable(tmp_path):
    arrays = {"b": np.arange(3, dtype="<i8"), "a": np.array([0.5], dtype="<f8")}
    write_npz(arrays, tmp_path / "one.npz")
    write_npz(dict(reversed(list(arrays.items()))), tmp_path / "two.npz")
    assert (tmp_path / "one.npz").read_bytes() == (tmp_path / "two.npz").read_bytes()
    with np.load(tmp_path / "one.npz", allow_pickle=False) as z:
        assert z.files == ["a", "b"] and list(z["b"]) == [0, 1, 2]


def test_save_writes_three_files_the_scorer_loads(tmp_path):
    from redflag.model import load

    trained = TrainedModel(pipeline=build_pipeline(C=1.0).fit(TEXTS, Y), card={"format": "redflag-linear/1"})
    paths = save(trained, tmp_path / "sub" / "m.joblib")
    assert {k: p.name for k, p in paths.items()} == {"joblib": "m.joblib", "npz": "m.npz", "card": "m.card.json"}
    card = json.loads(paths["card"].read_text())
    assert card["name"] == "m" and set(card["files"]) == {"joblib", "npz"}
    got = load(paths["npz"]).predict_proba(TEXTS)
    assert np.max(np.abs(got - trained.pipeline.predict_proba(TEXTS)[:, 1])) < 1e-12
    assert not pd.isna(got).any()
