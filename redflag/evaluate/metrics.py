"""Classification metrics and bootstrap intervals, vectorised over resamples.

Every metric takes ``w``, a matrix of per-ad weights with one row per resample: a bootstrap
resample is the count of times each ad was drawn, and the plain estimate is a single row of ones.
So one code path gives the point estimate and every resample, with numpy doing the loops.
Undefined values (no positives, nothing predicted positive) are NaN, never silently zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

Z95 = 1.959963984540054


def ones(n: int) -> np.ndarray:
    """The weights of the sample itself: one row, every ad once."""
    return np.ones((1, n))


def _rows(w: np.ndarray | None, n: int) -> np.ndarray:
    w = ones(n) if w is None else np.asarray(w, dtype=np.float64)
    return w.reshape(1, -1) if w.ndim == 1 else w


def _tie_groups(scores: np.ndarray, descending: bool) -> tuple[np.ndarray, np.ndarray]:
    """Sort order and the start of each run of equal scores: tied ads count as one threshold."""
    key = -scores if descending else scores
    order = np.argsort(key, kind="mergesort")
    s = key[order]
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    return order, starts


def _class_weights(y: np.ndarray, scores: np.ndarray, w: np.ndarray, descending: bool) -> tuple[np.ndarray, np.ndarray]:
    """Weight of positives and of negatives at each distinct score, per resample."""
    order, starts = _tie_groups(scores, descending)
    wo = w[:, order]
    yo = y[order]
    pos = np.add.reduceat(wo * yo, starts, axis=1)
    neg = np.add.reduceat(wo * ~yo, starts, axis=1)
    return pos, neg


def roc_auc(y: np.ndarray, scores: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """ROC-AUC per row of ``w``: the chance a positive outscores a negative, ties counting half."""
    y = np.asarray(y, dtype=bool)
    scores = np.asarray(scores, dtype=np.float64)
    w = _rows(w, len(y))
    pos, neg = _class_weights(y, scores, w, descending=False)
    below = np.cumsum(neg, axis=1) - neg
    n_pos, n_neg = pos.sum(axis=1), neg.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (pos * (below + 0.5 * neg)).sum(axis=1) / (n_pos * n_neg)


def average_precision(y: np.ndarray, scores: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Average precision per row of ``w``: precision at each distinct threshold, weighted by the recall it adds."""
    y = np.asarray(y, dtype=bool)
    scores = np.asarray(scores, dtype=np.float64)
    w = _rows(w, len(y))
    pos, neg = _class_weights(y, scores, w, descending=True)
    tp = np.cumsum(pos, axis=1)
    flagged = tp + np.cumsum(neg, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(flagged > 0, tp / np.where(flagged > 0, flagged, 1), 0.0)
        return (pos * precision).sum(axis=1) / pos.sum(axis=1)


def confusion(y: np.ndarray, predicted: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Weighted (tp, fp, fn, tn) per row of ``w``, shape (rows, 4)."""
    y = np.asarray(y, dtype=bool)
    p = np.asarray(predicted, dtype=bool)
    cells = np.stack([y & p, ~y & p, y & ~p, ~y & ~p], axis=1).astype(np.float64)
    return _rows(w, len(y)) @ cells


def rates(cm: np.ndarray) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and false-positive rate from confusion counts (NaN where undefined)."""
    tp, fp, fn, tn = (cm[..., k] for k in range(4))
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            "precision": np.where(tp + fp > 0, tp / (tp + fp), np.nan),
            "recall": np.where(tp + fn > 0, tp / (tp + fn), np.nan),
            "f1": np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan),
            "fpr": np.where(fp + tn > 0, fp / (fp + tn), np.nan),
        }


def precision_at_prevalence(recall: np.ndarray, fpr: np.ndarray, prevalence: float) -> np.ndarray:
    """Precision expected where positives make up ``prevalence`` of ads: P·R / (P·R + (1−P)·FPR)."""
    recall, fpr = np.asarray(recall, dtype=np.float64), np.asarray(fpr, dtype=np.float64)
    hit = prevalence * recall
    denominator = hit + (1 - prevalence) * fpr
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, hit / denominator, np.nan)


def wilson(k: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials: sound even for 0 or n successes."""
    if n <= 0:
        return float("nan"), float("nan")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


def resamples(n: int, n_boot: int, seed: int, block: int = 100) -> Iterator[np.ndarray]:
    """Bootstrap resamples of n ads as draw counts, ``block`` rows at a time to bound memory."""
    rng = np.random.default_rng(seed)
    for start in range(0, n_boot, block):
        b = min(block, n_boot - start)
        drawn = rng.integers(0, n, size=(b, n)) + (np.arange(b) * n)[:, None]
        yield np.bincount(drawn.ravel(), minlength=b * n).reshape(b, n).astype(np.float64)


def bootstrap(statistic: Callable[[np.ndarray], dict[str, np.ndarray]], n: int, n_boot: int, seed: int) -> dict[str, np.ndarray]:
    """Every statistic over the same ``n_boot`` resamples (paired, so scorers compare fairly)."""
    parts: dict[str, list[np.ndarray]] = {}
    for w in resamples(n, n_boot, seed):
        for key, values in statistic(w).items():
            parts.setdefault(key, []).append(np.asarray(values, dtype=np.float64))
    return {key: np.concatenate(chunks) for key, chunks in parts.items()}


def percentile_interval(samples: np.ndarray, confidence: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval; resamples where the metric is undefined are left out."""
    samples = np.asarray(samples, dtype=np.float64)
    samples = samples[~np.isnan(samples)]
    if samples.size == 0:
        return float("nan"), float("nan")
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return float(low), float(high)
