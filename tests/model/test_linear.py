"""One ad: the probability agrees with scikit-learn and the explanation adds up, with exact spans."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from redflag.errors import InputError
from redflag.model import load, load_pipeline
from redflag.model.linear import sigmoid

ROOT = Path(__file__).resolve().parents[2]


def test_explained_probability_equals_sklearn(toy, odd_texts):
    _, texts, paths = toy
    texts = texts + odd_texts
    expected = load_pipeline(paths["joblib"]).predict_proba(texts)[:, 1]
    one_by_one = np.array([load(paths["npz"]).explain(t).probability for t in texts])
    assert np.max(np.abs(one_by_one - expected)) < 1e-9


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


def test_spans_map_back_when_lowercasing_changes_lengths(toy):
    model = load(toy[2]["npz"])
    text = "İİ İstanbul hostess job: send your passport copy"
    out = model.explain(text, top_k=None)
    spans = [s for t in out.terms for s in t.spans]
    assert spans and all(text[s.start : s.end] == s.text for s in spans)
    assert any(s.text == "passport" for s in spans)


def test_positive_terms_raise_the_probability(toy):
    model = load(toy[2]["npz"])
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
    out = load(toy[2]["npz"]).explain("send your passport copy now", top_k=None)
    names = [t.term for t in out.terms]
    assert "passport" in names
    assert len(names) == len(set(names))


def test_explain_refuses_what_is_not_text(toy):
    model = load(toy[2]["npz"])
    with pytest.raises(InputError, match="expected text"):
        model.explain(None)  # type: ignore[arg-type]
    assert model.explain("", top_k=0).terms == ()


def test_sigmoid_is_stable_at_both_ends():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0
    assert math.isclose(sigmoid(2.0) + sigmoid(-2.0), 1.0)


def test_importing_the_scorer_does_not_import_sklearn():
    code = (
        "import sys, redflag.model; from redflag.model import load; "
        "m = load('models/default.npz'); m.explain('send your passport'); "
        "bad = [m for m in ('sklearn', 'pandas', 'joblib', 'numpy') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_words_read_counts_only_the_words_the_model_has_a_term_for(toy):
    _, _, paths = toy
    model = load(paths["npz"])
    assert model.words_read("Urgent hiring: send your passport copy") == 6
    assert model.words_read("URGENT hiring xqzvv blorptang") == 2
    # a Chinese clause is one run of word characters the model never saw, however long the ad
    assert model.words_read("恭喜您被选中参加网上给酒店点赞评分的兼职，当天结算工资，新人立即领取50美元。") == 0
    assert model.words_read("") == 0
    assert model.words_read("Urgent hiring 18 25 5000") == 2  # numbers are no words
    assert model.words_read("Urgent hiring: send your passport copy", most=4) == 4  # counting stops at the bar
    assert model.words_read("Urgent hiring: send your passport copy", most=40) == 6
