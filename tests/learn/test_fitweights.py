"""Learning fusion weights: signs respected, rare rules keep pack weights, prevalence shifts the base."""

import numpy as np
import pytest

from redflag.learn.fitweights import features_of, fit_weights


def _data():
    rng = np.random.default_rng(0)
    n = 400
    y = rng.integers(0, 2, n)
    fee = (rng.random(n) < np.where(y == 1, 0.6, 0.05)).astype(float)
    good = (rng.random(n) < np.where(y == 1, 0.05, 0.5)).astype(float)
    noise = (rng.random(n) < 0.3).astype(float)
    rare = np.zeros(n)
    rare[:2] = 1
    X = np.column_stack([fee, good, noise, rare])
    return X, ["FEE001", "GOOD001", "URG001", "SCM001"], y


def test_signs_and_priors():
    X, ids, y = _data()
    pack = {"FEE001": 30.0, "GOOD001": -14.0, "URG001": 6.0, "SCM001": 32.0}
    w, report = fit_weights(X, ids, y, pack)
    assert w.rule_points["FEE001"] > 0
    assert w.rule_points["GOOD001"] <= 0
    assert w.rule_points["URG001"] >= 0
    assert w.rule_points["SCM001"] == 32.0 and "SCM001" in report["pack_weight_rules"]


def test_prevalence_lowers_the_base_for_rare_positives():
    X, ids, y = _data()
    pack = {"FEE001": 30.0, "GOOD001": -14.0, "URG001": 6.0, "SCM001": 32.0}
    balanced, _ = fit_weights(X, ids, y, pack)
    rare, _ = fit_weights(X, ids, y, pack, prevalence=0.05)
    assert rare.base < balanced.base - 15


def test_model_feature_is_learned():
    X, ids, y = _data()
    p = np.where(y == 1, 0.8, 0.2)
    w, _ = fit_weights(X, ids, y, {"FEE001": 30.0, "GOOD001": -14.0, "URG001": 6.0, "SCM001": 32.0}, p)
    assert w.model_points_per_logit > 0


def test_rare_rules_take_the_given_priors_and_keep_the_pack_sign():
    X, ids, y = _data()
    pack = {"FEE001": 30.0, "GOOD001": -14.0, "URG001": 6.0, "SCM001": 32.0}
    w, _ = fit_weights(X, ids, y, pack, priors={"FEE001": 5.0, "GOOD001": 0.0, "URG001": 0.0, "SCM001": 11.0})
    assert w.rule_points["SCM001"] == 11.0
    assert w.rule_points["FEE001"] > 0  # learned, positive because FEE001 is a red flag in the pack


def test_a_model_card_names_the_features_to_refit_with():
    assert features_of({"features": "word", "word": {"ngram_range": [1, 1]}}) == "word"
    assert features_of({"features": "word", "word": {"ngram_range": [1, 2]}}) == "word2"  # cards before single words
    assert features_of({"features": "word+char"}) == "word+char"
    assert features_of({}) == "word+char"  # cards from before the choice had both blocks


def test_supporting_rules_keep_their_pack_weight_however_often_they_fire():
    X, ids, y = _data()
    pack = {"FEE001": 30.0, "GOOD001": -14.0, "URG001": 6.0, "SCM001": 32.0}
    learned, _ = fit_weights(X, ids, y, pack)
    w, report = fit_weights(X, ids, y, pack, fixed=frozenset({"FEE001"}))
    assert learned.rule_points["FEE001"] != 30.0 and w.rule_points["FEE001"] == 30.0
    assert "FEE001" in report["pack_weight_rules"] and "FEE001" not in report["learned_rules"]
    assert w.rule_points["GOOD001"] <= 0 and "GOOD001" in report["learned_rules"]
