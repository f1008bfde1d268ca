"""The fast scorer must agree with scikit-learn, refuse altered files and explain with exact spans."""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from redflag.errors import InputError, ModelError
from redflag.model import load, load_pipeline, model_paths

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC = ROOT / "data" / "synthetic" / "ads.csv"
SHIPPED = ROOT / "models" / "default.npz"

BAD = [
    "Urgent hiring! No experience needed",
    "earn $5000/week from home",
    "send your passport copy",
    "pay a small registration fee",
    "contact us on WhatsApp",
    "accommodation provided, deductions from salary",
    "cash daily, no questions asked",
    "İstanbul hostess job, ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ",
]
GOOD = [
    "We are an equal opportunity employer",
    "competitive salary and pension",
    "apply through our careers page",
    "5 years of experience in Python",
    "health insurance and 25 days leave",
    "full-time permanent contract",
    "Ünïcödé café résumé naïve",
    "reports to the head of finance",
]
FILLER = "the a team work company role we you our will with and for to of in on at as is be by".split()


def make_ads(n: int = 160, seed: int = 1, parts: int = 30) -> pd.DataFrame:
    """Small, deliberately noisy two-class ads with unicode, odd whitespace and short words."""
    r = random.Random(seed)
    rows = []
    for i in range(n):
        y = i % 3 == 0
        out = []
        for _ in range(parts):
            k = r.random()
            if k < 0.3:
                out.append(r.choice(BAD if y or r.random() < 0.15 else GOOD))
            elif k < 0.5:
                out.append(r.choice(GOOD if not y or r.random() < 0.3 else BAD))
            else:
                out.append(" ".join(r.choices(FILLER, k=r.randint(1, 6))) + r.choice([".", ",", "!", "", "\n", "  \t", " I a"]))
        rows.append({"id": i, "title": r.choice(["Job", None, "Hostess", "x"]), "text": " ".join(out), "label": int(y)})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    from redflag.io.tables import join_text
    from redflag.learn.train import save, train

    df = make_ads()
    trained = train(df, ["title", "text"], "label", seed=7, C=4.0, features="word+char")  # both analyzers agree with sklearn
    out = tmp_path_factory.mktemp("model") / "toy.joblib"
    paths = save(trained, out)
    return df, join_text(df, ["title", "text"]).tolist(), paths


def test_parity_with_sklearn_on_self_made_data(toy):
    _, texts, paths = toy
    extra = ["", "   ", "a", "I", "ab cd", "$$$ !!!", "x\u00a0y\tz\n\nw", "ΣΟΦΟΚΛΕΟΥΣ İİ ß", "urgent " * 50]
    texts = texts + extra
    expected = load_pipeline(paths["joblib"]).predict_proba(texts)[:, 1]
    model = load(paths["npz"])
    got = model.predict_proba(texts)
    assert got.shape == (len(texts),)
    assert np.max(np.abs(got - expected)) < 1e-9
    one_by_one = np.array([model.explain(t).probability for t in texts])
    assert np.max(np.abs(one_by_one - expected)) < 1e-9
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


def test_load_accepts_any_of_the_three_files(toy):
    _, texts, paths = toy
    probs = [load(p).predict_proba(texts[:5]) for p in (paths["joblib"], paths["npz"], paths["card"])]
    assert all(np.array_equal(probs[0], p) for p in probs)


def _copy_model(paths, dest: Path) -> dict[str, Path]:
    return {k: Path(shutil.copy(p, dest / p.name)) for k, p in paths.items()}


def test_tampered_npz_is_refused_before_loading(toy, tmp_path, monkeypatch):
    copy = _copy_model(toy[2], tmp_path)
    data = bytearray(copy["npz"].read_bytes())
    data[-3] ^= 0xFF
    copy["npz"].write_bytes(bytes(data))

    import redflag.model as m

    def must_not_parse(path):
        raise AssertionError("parsed before the hash check")

    monkeypatch.setattr(m, "_read_npz", must_not_parse)
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


def test_explanation_spans_are_exact_and_weights_add_up(toy):
    _, texts, paths = toy
    model = load(paths["npz"])
    for text in texts[:20] + ["İSTANBUL hostess ΟΔΟΣ: send your PASSPORT copy. Ünïcödé café"]:
        out = model.explain(text, top_k=None)
        logit = math.log(out.probability / (1 - out.probability))
        assert math.isclose(model.intercept + math.fsum(t.weight for t in out.terms), logit, abs_tol=1e-9)
        for term in out.terms:
            assert term.spans, term
            assert len(term.spans) <= 5
            for span in term.spans:
                assert text[span.start : span.end] == span.text
        top = model.explain(text, top_k=3)
        assert len(top.terms) <= 3
        assert [t.term for t in top.terms] == [t.term for t in out.terms[:3]]


def test_positive_terms_raise_the_probability(toy):
    _, _, paths = toy
    model = load(paths["npz"])
    text = "Earn $5000/week from home, send your passport copy. We are an equal opportunity employer."
    out = model.explain(text)
    ups = [t for t in out.terms if t.weight > 0]
    downs = [t for t in out.terms if t.weight < 0]
    assert ups and downs
    strongest_up = max(ups, key=lambda t: t.weight)
    strongest_down = min(downs, key=lambda t: t.weight)
    without_up = _cut(text, strongest_up.spans)
    without_down = _cut(text, strongest_down.spans)
    assert model.predict_proba([without_up])[0] < out.probability < model.predict_proba([without_down])[0]


def _cut(text: str, spans) -> str:
    for s in sorted(spans, key=lambda e: -e.start):
        text = text[: s.start] + text[s.end :]
    return text


def test_word_terms_are_preferred_over_char_fragments(toy):
    _, _, paths = toy
    out = load(paths["npz"]).explain("send your passport copy now", top_k=None)
    names = [t.term for t in out.terms]
    assert "passport" in names
    assert len(names) == len(set(names))


def test_bad_input(toy):
    model = load(toy[2]["npz"])
    with pytest.raises(InputError):
        model.predict_proba("one string, not a list")
    with pytest.raises(InputError):
        model.predict_proba(["ok", None])
    assert model.predict_proba([]).shape == (0,)


def test_importing_the_scorer_does_not_import_sklearn():
    code = (
        "import sys, redflag.model; "
        "bad = [m for m in ('sklearn', 'pandas', 'joblib', 'numpy') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_fast_tokeniser_equals_the_training_token_pattern():
    import re

    from redflag.model import _WORD_RE, TOKEN_PATTERN

    slow = re.compile(TOKEN_PATTERN)
    samples = ["a bb ccc d_e f1 22 3", "Ünïcödé café—résumé naïve x", "snake_case_word a_b _ __ 1_2",
               "e-mail: a.b@c.de, +44 (0)20 7946 0958!", "İstanbul ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ 北京 ab", "x\ty\nzz\u200bqq"]
    samples += [" ".join(make_ads(20, seed=3)["text"])]
    for text in samples:
        low = text.lower()
        assert _WORD_RE.findall(low) == slow.findall(low)
        assert [m.span() for m in _WORD_RE.finditer(low)] == [m.span() for m in slow.finditer(low)]
