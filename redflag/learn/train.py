"""Train the small explainable text classifier on any labelled table and describe it in a model card."""

from __future__ import annotations

import hashlib
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redflag.errors import InputError
from redflag.io.files import sha256_file
from redflag.io.tables import join_text
from redflag.learn.data import read_labelled
from redflag.learn.export import export_arrays, save, write_npz
from redflag.learn.labels import encode_labels
from redflag.model.analyzers import TOKEN_PATTERN
from redflag.model.card import FORMAT

__all__ = [
    "DEFAULT_FEATURES", "FEATURE_SETS", "TrainedModel", "build_pipeline", "export_arrays", "fit_pipeline",
    "read_labelled", "save", "train", "train_file", "write_npz",
]

MIN_ROWS = 20
MIN_PER_CLASS = 5
C_GRID = (0.5, 2.0, 8.0, 32.0)
CV_FOLDS = 3

WORD_PARAMS: dict[str, Any] = {
    "analyzer": "word",
    "ngram_range": (1, 1),
    "lowercase": True,
    "token_pattern": TOKEN_PATTERN,
    "sublinear_tf": True,
    "min_df": 2,
    "max_df": 1.0,
    "max_features": 50_000,
    "norm": "l2",
    "use_idf": True,
    "smooth_idf": True,
}
CHAR_PARAMS: dict[str, Any] = {
    "analyzer": "char_wb",
    "ngram_range": (3, 5),
    "lowercase": True,
    "sublinear_tf": True,
    "min_df": 2,
    "max_df": 1.0,
    "max_features": 50_000,
    "norm": "l2",
    "use_idf": True,
    "smooth_idf": True,
}
WORD2_PARAMS: dict[str, Any] = {**WORD_PARAMS, "ngram_range": (1, 2)}
LR_PARAMS: dict[str, Any] = {"solver": "liblinear", "class_weight": "balanced", "max_iter": 1000}
# Single words transfer from synthetic to real ads better than word pairs: the pairs of a template
# ("your profile", "per day via") are the generator's phrasing, and a model that leans on them reads
# real ads, worded otherwise, worse (README, Classifier). Word pairs and char n-grams stay available
# for labelled real data.
FEATURE_SETS: dict[str, tuple[str, ...]] = {"word": ("word",), "word2": ("word2",), "word+char": ("word", "char")}
DEFAULT_FEATURES = "word"
_PARAMS = {"word": WORD_PARAMS, "word2": WORD2_PARAMS, "char": CHAR_PARAMS}


@dataclass
class TrainedModel:
    """A fitted pipeline plus everything the model card needs to say how it was made."""

    pipeline: Any
    card: dict = field(default_factory=dict)

    @property
    def metrics(self) -> dict:
        """The held-out metrics recorded in the card."""
        return self.card.get("metrics", {})


def build_pipeline(C: float = 8.0, seed: int = 0, features: str = DEFAULT_FEATURES) -> Any:
    """The one pipeline shape that redflag.model can re-implement exactly."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    union = FeatureUnion([(name, TfidfVectorizer(**_PARAMS[name])) for name in _feature_blocks(features)])
    return Pipeline([("features", union), ("clf", LogisticRegression(C=C, random_state=seed, **LR_PARAMS))])


def _feature_blocks(features: str) -> tuple[str, ...]:
    if features not in FEATURE_SETS:
        raise InputError(f"unknown feature set {features!r}; choose one of {', '.join(FEATURE_SETS)}")
    return FEATURE_SETS[features]


def train(
    df: Any,
    text_cols: list[str],
    label_col: str,
    seed: int = 0,
    positive: Any = None,
    test_size: float = 0.2,
    C: float | None = None,
    source: str | Path | None = None,
    features: str = DEFAULT_FEATURES,
    group_col: str | None = None,
) -> TrainedModel:
    """Measure on a stratified held-out split, then refit the shipped model on every row.

    ``features`` is "word" (single words), "word2" (word 1-2 grams) or "word+char" (single words plus
    char_wb 3-5 grams, slower to score).
    ``group_col`` (default: a ``lang`` column when the table has one) also measures each of its
    groups on the held-out split, so a model that reads one language badly shows it in its card.
    """
    import numpy as np

    text_cols = [text_cols] if isinstance(text_cols, str) else list(text_cols)
    blocks = _feature_blocks(features)
    _check_columns(df, [*text_cols, label_col])
    if len(df) < MIN_ROWS:
        raise InputError(f"too few rows to train: {len(df)} (need at least {MIN_ROWS})")
    if not 0.0 < test_size < 1.0:
        raise InputError(f"test_size must be between 0 and 1, got {test_size}")
    y, pos_name, neg_name = encode_labels(df[label_col], label_col, positive)
    n_pos = sum(y)
    n_neg = len(y) - n_pos
    if min(n_pos, n_neg) < MIN_PER_CLASS:
        raise InputError(
            f"too few rows per class: {n_pos} {pos_name!r} and {n_neg} {neg_name!r} (need at least {MIN_PER_CLASS} each)"
        )
    texts = join_text(df, list(text_cols)).tolist()
    y_arr = np.asarray(y, dtype=np.int64)
    if group_col is None and "lang" in df.columns:
        group_col = "lang"
    if group_col is not None:
        _check_columns(df, [group_col])
    groups = [str(g) for g in df[group_col].tolist()] if group_col else None
    chosen_C, cv_scores, metrics = _measure(texts, y_arr, seed, test_size, C, features, groups)
    if group_col:
        metrics["by_group"] = {"column": group_col, "groups": metrics.pop("groups")}
    final = fit_pipeline(texts, y_arr, chosen_C, seed, features)
    card = {
        "format": FORMAT,
        "created_from": _source_info(df, [*text_cols, label_col], source),
        "rows": len(texts),
        "class_balance": {pos_name: n_pos, neg_name: n_neg},
        "positive_class": pos_name,
        "negative_class": neg_name,
        "text_columns": text_cols,
        "text_join": "\\n",
        "label_column": label_col,
        "seed": seed,
        "versions": _versions(),
        "hyperparameters": {
            "features": features,
            **{name: _jsonable(_PARAMS[name]) for name in blocks},
            "logistic_regression": {**LR_PARAMS, "C": chosen_C, "random_state": seed},
            "C_selection": cv_scores or "given",
        },
        "vocabulary_size": {name: len(v.vocabulary_) for name, v in final.named_steps["features"].transformer_list},
        "metrics": metrics,
        "final_model": "refit on all rows after measuring on the held-out split",
    }
    return TrainedModel(pipeline=final, card=card)


def _measure(texts: list[str], y: Any, seed: int, test_size: float, C: float | None,
             features: str, groups: list[str] | None = None) -> tuple[float, dict, dict]:
    """Choose C on the training split (unless given) and measure a model fitted on it on the held-out split."""
    import numpy as np
    from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score, roc_auc_score

    from redflag.learn.split import stratified_split

    tr, te = stratified_split(y, test_size, seed)
    tr_texts = [texts[i] for i in tr]
    te_texts = [texts[i] for i in te]
    chosen_C, cv_scores = (float(C), {}) if C is not None else _tune_C(tr_texts, y[tr], seed, features)
    held_out = fit_pipeline(tr_texts, y[tr], chosen_C, seed, features)
    p = held_out.predict_proba(te_texts)[:, 1]
    y_te = y[te]
    pred = (p >= 0.5).astype(int)
    metrics = {
        "split": "stratified held-out",
        "test_size": test_size,
        "n_train": int(len(tr)),
        "n_test": int(len(te)),
        "n_test_positive": int(y_te.sum()),
        "roc_auc": _r(roc_auc_score(y_te, p)),
        "average_precision": _r(average_precision_score(y_te, p)),
        "f1": _r(f1_score(y_te, pred, zero_division=0)),
        "precision": _r(precision_score(y_te, pred, zero_division=0)),
        "recall": _r(recall_score(y_te, pred, zero_division=0)),
        "threshold": 0.5,
    }
    if groups is not None:
        metrics["groups"] = _group_metrics([groups[i] for i in te], y_te, p)
    return chosen_C, cv_scores, metrics


def _group_metrics(groups: list[str], y: Any, p: Any) -> dict:
    """Held-out size, ROC-AUC, precision and recall of each group (AUC only where both classes occur)."""
    import numpy as np
    from sklearn.metrics import precision_score, recall_score, roc_auc_score

    out = {}
    g = np.asarray(groups)
    for name in sorted(set(groups)):
        m = g == name
        yt, pt = y[m], p[m]
        pred = (pt >= 0.5).astype(int)
        both = 0 < yt.sum() < len(yt)
        out[name] = {
            "n": int(m.sum()), "n_positive": int(yt.sum()),
            "roc_auc": _r(roc_auc_score(yt, pt)) if both else None,
            "precision": _r(precision_score(yt, pred, zero_division=0)),
            "recall": _r(recall_score(yt, pred, zero_division=0)),
        }
    return out


def train_file(
    path: str | Path,
    text_cols: list[str] | None = None,
    label_col: str | None = None,
    *,
    input_format: str | None = None,
    **kwargs: Any,
) -> TrainedModel:
    """Read any table format as `scan` does (EMSCAD's columns when none are named), train, record the file's SHA-256."""
    table = read_labelled(path, text_cols, label_col, input_format)
    return train(table.frame, table.text_cols, table.label_col, source=Path(path), **kwargs)


def fit_pipeline(texts: list[str], y: Any, C: float, seed: int, features: str = DEFAULT_FEATURES) -> Any:
    """Fit the pipeline; data that leaves no vocabulary is an InputError, not a traceback."""
    pipe = build_pipeline(C=C, seed=seed, features=features)
    try:
        return pipe.fit(texts, y)
    except ValueError as exc:  # e.g. every term pruned by min_df on tiny or empty texts
        raise InputError(f"cannot train on this data: {exc}") from None


def _tune_C(texts: list[str], y: Any, seed: int, features: str = DEFAULT_FEATURES) -> tuple[float, dict]:
    """Pick C by cross-validated log loss on the training split (features fitted once, for speed)."""
    import numpy as np
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import StratifiedKFold

    union = clone(build_pipeline(seed=seed, features=features).named_steps["features"])
    try:
        X = union.fit_transform(texts)
    except ValueError as exc:
        raise InputError(f"cannot train on this data: {exc}") from None
    folds = min(CV_FOLDS, int(np.bincount(y).min()))
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    scores: dict[str, float] = {}
    for C in C_GRID:
        losses = []
        for a, b in cv.split(X, y):
            clf = LogisticRegression(C=C, random_state=seed, **LR_PARAMS).fit(X[a], y[a])
            losses.append(log_loss(y[b], clf.predict_proba(X[b])[:, 1], labels=[0, 1]))
        scores[str(C)] = _r(float(np.mean(losses)))
    best = min(C_GRID, key=lambda c: (scores[str(c)], c))
    return float(best), {"criterion": f"mean log loss, {folds}-fold stratified CV on the training split", "scores": scores}


def _check_columns(df: Any, needed: list[str]) -> None:
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise InputError(f"missing column(s) {missing} (choose with --text-col and --label-col); the table has {list(map(str, df.columns))}")


def _source_info(df: Any, cols: list[str], source: str | Path | None) -> dict:
    if source is not None and Path(source).is_file():
        return {"path": str(source), "sha256": sha256_file(Path(source))}
    digest = hashlib.sha256(df[cols].to_csv(index=False).encode("utf-8")).hexdigest()
    return {"path": None, "sha256": digest, "sha256_of": "the training columns as CSV"}


def _versions() -> dict:
    import joblib
    import numpy
    import pandas
    import sklearn

    return {
        "python": sys.version.split()[0],
        "sklearn": sklearn.__version__,
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "joblib": joblib.__version__,
    }


def _jsonable(params: dict) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


def _r(x: float) -> float:
    return float(round(float(x), 6)) if math.isfinite(float(x)) else float("nan")
