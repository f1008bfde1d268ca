"""Metrics agree with scikit-learn's, weighted and unweighted; bootstrap intervals cover the truth."""

import math

import numpy as np
import pytest
from sklearn.metrics import average_precision_score, confusion_matrix, f1_score, precision_score, recall_score, roc_auc_score

from redflag.evaluate import metrics


def _data(seed, n=400, ties=True):
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.35
    scores = rng.normal(size=n) + y * 0.8
    if ties:  # fused scores are rounded points: many ties
        scores = np.round(scores * 3)
    return y, scores


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("ties", [True, False])
def test_ranking_metrics_match_sklearn(seed, ties):
    y, s = _data(seed, ties=ties)
    assert metrics.roc_auc(y, s)[0] == pytest.approx(roc_auc_score(y, s), abs=1e-12)
    assert metrics.average_precision(y, s)[0] == pytest.approx(average_precision_score(y, s), abs=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_resample_weights_match_sklearn_sample_weight(seed):
    y, s = _data(seed, n=150)
    counts = next(metrics.resamples(len(y), 4, seed))
    for row in counts:
        assert metrics.roc_auc(y, s, row)[0] == pytest.approx(roc_auc_score(y, s, sample_weight=row), abs=1e-12)
        assert metrics.average_precision(y, s, row)[0] == pytest.approx(
            average_precision_score(y, s, sample_weight=row), abs=1e-12)
    assert np.allclose(metrics.roc_auc(y, s, counts), [roc_auc_score(y, s, sample_weight=r) for r in counts])


@pytest.mark.parametrize("seed", range(5))
def test_threshold_metrics_match_sklearn(seed):
    y, s = _data(seed)
    pred = s >= 1
    cm = metrics.confusion(y, pred)
    tn, fp, fn, tp = confusion_matrix(y, pred).ravel()
    assert cm[0].tolist() == [tp, fp, fn, tn]
    r = metrics.rates(cm)
    assert r["precision"][0] == pytest.approx(precision_score(y, pred))
    assert r["recall"][0] == pytest.approx(recall_score(y, pred))
    assert r["f1"][0] == pytest.approx(f1_score(y, pred))
    assert r["fpr"][0] == pytest.approx(fp / (fp + tn))


def test_undefined_values_are_nan_not_zero():
    y = np.array([True, True, False])
    r = metrics.rates(metrics.confusion(y, np.zeros(3, dtype=bool)))
    assert math.isnan(r["precision"][0]) and r["recall"][0] == 0.0
    assert math.isnan(metrics.roc_auc(np.ones(3, dtype=bool), np.arange(3.0))[0])


def test_precision_at_prevalence():
    # recall 0.8 and FPR 0.1 at 5 % prevalence: 0.04 / (0.04 + 0.095)
    assert float(metrics.precision_at_prevalence(0.8, 0.1, 0.05)) == pytest.approx(0.04 / 0.135)
    # at the sample's own prevalence it gives back the sample's precision
    y, s = _data(1)
    r = metrics.rates(metrics.confusion(y, s >= 1))
    again = metrics.precision_at_prevalence(r["recall"], r["fpr"], y.mean())
    assert again[0] == pytest.approx(r["precision"][0])


def test_wilson():
    low, high = metrics.wilson(8, 10)
    assert low < 0.8 < high and (round(low, 3), round(high, 3)) == (0.490, 0.943)
    assert metrics.wilson(0, 5)[0] == 0.0 and metrics.wilson(5, 5)[1] == 1.0
    assert all(math.isnan(v) for v in metrics.wilson(0, 0))


def test_bootstrap_is_deterministic_with_a_seed():
    y, s = _data(2)

    def stat(w):
        return {"auc": metrics.roc_auc(y, s, w)}

    a = metrics.bootstrap(stat, len(y), 250, seed=7)["auc"]
    b = metrics.bootstrap(stat, len(y), 250, seed=7)["auc"]
    c = metrics.bootstrap(stat, len(y), 250, seed=8)["auc"]
    assert a.shape == (250,) and np.array_equal(a, b) and not np.array_equal(a, c)


def test_bootstrap_interval_covers_a_known_auc_about_95_percent_of_the_time():
    # positives ~ N(d, 1), negatives ~ N(0, 1): the true AUC is Phi(d / sqrt(2))
    d = 1.0
    truth = 0.5 * (1 + math.erf(d / 2))
    trials, covered = 200, 0
    for seed in range(trials):
        rng = np.random.default_rng(1000 + seed)
        y = np.r_[np.ones(100, dtype=bool), np.zeros(100, dtype=bool)]
        s = np.r_[rng.normal(d, 1, 100), rng.normal(0, 1, 100)]
        samples = metrics.bootstrap(lambda w: {"auc": metrics.roc_auc(y, s, w)}, len(y), 200, seed)["auc"]
        low, high = metrics.percentile_interval(samples)
        covered += low <= truth <= high
    assert 0.89 <= covered / trials <= 0.99


def test_bootstrap_interval_covers_a_bernoulli_mean():
    p, trials, covered = 0.3, 200, 0
    for seed in range(trials):
        y = np.random.default_rng(seed).random(150) < p
        samples = metrics.bootstrap(lambda w: {"mean": (w @ y) / w.sum(axis=1)}, 150, 200, seed)["mean"]
        low, high = metrics.percentile_interval(samples)
        covered += low <= p <= high
    assert 0.89 <= covered / trials <= 0.99


def test_percentile_interval_skips_undefined_resamples():
    assert metrics.percentile_interval(np.array([np.nan, 0.5, 0.5])) == (0.5, 0.5)
    assert all(math.isnan(v) for v in metrics.percentile_interval(np.array([np.nan])))
