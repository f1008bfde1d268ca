"""A model's files are found together, and nothing is parsed or unpickled before its hash matches the card."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from redflag.errors import ModelError
from redflag.model import load, load_pipeline
from redflag.model.card import FORMAT, model_paths, read_card, verify


def _copy_model(paths, dest: Path) -> dict[str, Path]:
    return {k: Path(shutil.copy(p, dest / p.name)) for k, p in paths.items()}


def test_model_paths_from_any_of_the_three_names(tmp_path):
    expected = {"joblib": tmp_path / "m.joblib", "npz": tmp_path / "m.npz", "card": tmp_path / "m.card.json"}
    for name in ("m.joblib", "m.npz", "m.card.json", "m"):
        assert model_paths(tmp_path / name) == expected


def test_load_accepts_any_of_the_three_files(toy):
    _, texts, paths = toy
    probs = [load(p).predict_proba(texts[:5]) for p in (paths["joblib"], paths["npz"], paths["card"])]
    assert all(np.array_equal(probs[0], p) for p in probs)


def test_read_card_and_verify(toy):
    paths = toy[2]
    card = read_card(paths["npz"])
    assert card["format"] == FORMAT and card["name"] == "toy"
    target, again = verify(paths["card"], "npz")
    assert target == paths["npz"] and again == card


def test_tampered_npz_is_refused_before_loading(toy, tmp_path, monkeypatch):
    copy = _copy_model(toy[2], tmp_path)
    data = bytearray(copy["npz"].read_bytes())
    data[-3] ^= 0xFF
    copy["npz"].write_bytes(bytes(data))

    import redflag.model.linear as linear

    def must_not_parse(path):
        raise AssertionError("parsed before the hash check")

    monkeypatch.setattr(linear, "read_npz", must_not_parse)
    with pytest.raises(ModelError, match="SHA-256"):
        load(copy["npz"])


def test_tampered_joblib_is_refused_before_unpickling(toy, tmp_path, monkeypatch):
    copy = _copy_model(toy[2], tmp_path)
    copy["joblib"].write_bytes(copy["joblib"].read_bytes() + b"\0")
    import joblib

    monkeypatch.setattr(joblib, "load", lambda *a, **k: pytest.fail("unpickled before the hash check"))
    with pytest.raises(ModelError, match="SHA-256"):
        load_pipeline(copy["joblib"])


def test_missing_card_or_file_is_a_model_error(toy, tmp_path):
    copy = _copy_model(toy[2], tmp_path)
    copy["card"].unlink()
    with pytest.raises(ModelError, match="card not found"):
        load(copy["npz"])
    copy = _copy_model(toy[2], tmp_path)
    copy["npz"].unlink()
    with pytest.raises(ModelError, match="not found"):
        load(copy["card"])
    with pytest.raises(ModelError):
        load(tmp_path / "nothing.npz")


def test_card_from_another_model_is_refused(toy, tmp_path):
    copy = _copy_model(toy[2], tmp_path)
    card = json.loads(copy["card"].read_text())
    card["files"]["npz"]["sha256"] = "0" * 64
    copy["card"].write_text(json.dumps(card))
    with pytest.raises(ModelError):
        load(copy["npz"])


def test_card_that_is_not_a_redflag_card_is_refused(toy, tmp_path):
    copy = _copy_model(toy[2], tmp_path)
    copy["card"].write_text("{not json")
    with pytest.raises(ModelError, match="not readable JSON"):
        read_card(copy["npz"])
    copy["card"].write_text(json.dumps({"format": "other/1", "files": {}}))
    with pytest.raises(ModelError, match="not a redflag model card"):
        read_card(copy["npz"])
    copy["card"].write_text(json.dumps({"format": FORMAT, "files": {}}))
    with pytest.raises(ModelError, match="lists no SHA-256"):
        verify(copy["npz"], "npz")


def test_pipeline_loads_after_its_hash_matches(toy):
    _, texts, paths = toy
    pipe = load_pipeline(paths["card"])
    assert pipe.predict_proba(texts[:3]).shape == (3, 2)
