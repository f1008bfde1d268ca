"""Learn fusion weights from labelled ads: points per rule and for the model, as SpamAssassin rescoring does.

A regularised logistic model over rule hits (0/1) and the model's clipped log-odds, with false
alarms on honest ads weighted more heavily than misses. Its coefficients, scaled to points
(``POINTS_PER_LOGIT``), become the fusion weights, so that 50 points means a fused probability of
one half. Sign is kept meaningful: a red-flag rule never earns negative points and a reassuring
rule never positive ones; rules that fire too rarely to learn from keep their pack weights.
The model's log-odds must come from ads it was not trained on (out-of-fold), or the fusion would
trust it blindly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from redflag.errors import InputError
from redflag.fusion import FusionWeights, model_logit

POINTS_PER_LOGIT = 10.0
BASE_AT_EVEN_ODDS = 50.0


def hit_matrix(checker: Any, texts: Sequence[str]) -> tuple[Any, list[str]]:
    """Rows = ads, columns = rules of the checker's engine; 1 where the rule fired."""
    import numpy as np

    rule_ids = [r.id for r in checker.engine.rules]
    col = {rid: j for j, rid in enumerate(rule_ids)}
    X = np.zeros((len(texts), len(rule_ids)), dtype=np.float64)
    for i, text in enumerate(texts):
        hits, _ = checker.hits(text)
        for h in hits:
            X[i, col[h.rule.id]] = 1.0
    return X, rule_ids


def features_of(params: dict) -> str:
    """The feature set a model card's hyperparameters describe, so out-of-fold models are built alike:
    cards from before the choice had both blocks, and a "word" block of word pairs is today's "word2"."""
    features = params.get("features", "word+char")
    if features == "word" and list(params.get("word", {}).get("ngram_range", [1, 1])) == [1, 2]:
        return "word2"
    return features


def out_of_fold_probabilities(texts: Sequence[str], y: Any, C: float, seed: int, folds: int = 5,
                              features: str = "word") -> Any:
    """Each ad scored by a model trained on the other folds (for stacking the model under the fusion)."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from redflag.learn.train import fit_pipeline

    y = np.asarray(y)
    texts = list(texts)
    out = np.zeros(len(texts))
    for train_idx, test_idx in StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(texts, y):
        model = fit_pipeline([texts[i] for i in train_idx], y[train_idx], C, seed, features)
        out[test_idx] = model.predict_proba([texts[i] for i in test_idx])[:, 1]
    return out


def fit_weights(
    X: Any,
    rule_ids: list[str],
    y: Any,
    pack_weights: dict[str, float],
    probabilities: Any = None,
    *,
    C: float = 1.0,
    false_alarm_cost: float = 2.0,
    min_hits: int = 5,
    prevalence: float | None = None,
    model_max_points: float = 40.0,
    priors: dict[str, float] | None = None,
    fixed: frozenset[str] = frozenset(),
    name: str = "learned weights",
) -> tuple[FusionWeights, dict]:
    """Fit the fusion; returns the weights and a report of what was learned from what.

    ``prevalence`` shifts the base from the training set's share of positives to the share
    expected where the weights will be used (labelled sets are often balanced; real job boards
    carry a few per cent of bad ads), the standard prior correction of a logistic model.
    ``priors`` gives the points of rules too rare to learn from (default: the pack's weights);
    the pack's sign always decides whether a rule is a red flag or a reassuring sign. ``fixed`` rules
    keep those points too, however often they fire: signs that only add weight to others, which a
    fit would otherwise credit with the company they keep in the training ads.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    y = np.asarray(y, dtype=int)
    hits = X.sum(axis=0)
    learnable = [j for j, rid in enumerate(rule_ids)
                 if hits[j] >= min_hits and pack_weights.get(rid, 0) != 0 and rid not in fixed]
    columns = [X[:, learnable]]
    if probabilities is not None:
        columns.append(np.array([[model_logit(float(p))] for p in probabilities]))
    features = np.hstack(columns) if columns else np.zeros((len(y), 0))
    if features.shape[1] == 0:
        raise InputError(f"nothing to fit: no rule fires on at least {min_hits} training ads and no model is used; "
                         "give more labelled ads or drop --no-model")
    clf = LogisticRegression(C=C, class_weight={0: false_alarm_cost, 1: 1.0}, max_iter=2000)
    clf.fit(features, y)
    coef = clf.coef_[0]
    rule_points = {rid: (priors or pack_weights).get(rid, w) for rid, w in pack_weights.items()}
    for k, j in enumerate(learnable):
        rid = rule_ids[j]
        points = POINTS_PER_LOGIT * float(coef[k])
        rule_points[rid] = max(0.0, points) if pack_weights[rid] > 0 else min(0.0, points)
    model_points = POINTS_PER_LOGIT * float(coef[-1]) if probabilities is not None else 0.0
    intercept = float(clf.intercept_[0])
    train_share = float(y.mean())
    if prevalence is not None:
        intercept += _logit(prevalence) - _logit(train_share)
    weights = FusionWeights(
        base=BASE_AT_EVEN_ODDS + POINTS_PER_LOGIT * intercept,
        model_max_points=model_max_points,
        model_points_per_logit=max(0.0, model_points),
        rule_points=rule_points,
        name=name,
    )
    report = {
        "rows": int(len(y)),
        "positives": int(y.sum()),
        "learned_rules": [rule_ids[j] for j in learnable],
        "pack_weight_rules": [rid for j, rid in enumerate(rule_ids) if j not in set(learnable)],
        "C": C,
        "false_alarm_cost": false_alarm_cost,
        "min_hits": min_hits,
        "points_per_logit": POINTS_PER_LOGIT,
        "training_positive_share": round(train_share, 4),
        "prevalence": prevalence,
    }
    return weights, report


def _logit(p: float) -> float:
    import math

    return math.log(p / (1 - p))


def pack_weights_of(checker: Any) -> dict[str, float]:
    """The pack's own weights, the prior for every rule."""
    return {r.id: r.weight for r in checker.engine.rules}


def supporting_of(checker: Any) -> frozenset[str]:
    """The rules whose pack weight stands whatever the data say (``supporting = true`` in core.toml)."""
    return frozenset(r.id for r in checker.engine.rules if r.supporting)


def learn_fusion(
    data: Any,
    text_cols: list[str] | None,
    label_col: str | None,
    trained: Any,
    out: Any,
    *,
    seed: int = 0,
    positive: Any = None,
    prevalence: float | None = 0.05,
    folds: int = 5,
    input_format: str | None = None,
) -> FusionWeights:
    """Fusion weights for a freshly trained model: rule hits plus out-of-fold model scores, written to ``out``.

    The table is read as training read it, so unnamed columns resolve to the same presets.
    """
    from redflag.config import Config
    from redflag.fusion import dump_weights
    from redflag.io.files import sha256_file
    from redflag.io.outputs import atomic
    from redflag.io.tables import join_text
    from redflag.learn.data import read_labelled
    from redflag.learn.labels import encode_labels
    from redflag.pipeline import Checker

    table = read_labelled(data, text_cols, label_col, input_format)
    texts = join_text(table.frame, table.text_cols).tolist()
    y, _, _ = encode_labels(table.frame[table.label_col], table.label_col, positive)
    params = trained.card["hyperparameters"]
    C = float(params["logistic_regression"]["C"])
    features = features_of(params)
    probabilities = out_of_fold_probabilities(texts, y, C, seed, folds, features)
    checker = Checker(Config(use_model=False, entities=False))
    X, rule_ids = hit_matrix(checker, texts)
    weights, report = fit_weights(
        X, rule_ids, y, pack_weights_of(checker), probabilities, prevalence=prevalence, fixed=supporting_of(checker),
        name=f"fusion of {Path(str(out)).name.replace('.fusion.json', '')} (out-of-fold, {folds} folds)",
    )
    report.update({
        "data": {"path": str(data), "sha256": sha256_file(Path(str(data)))},
        "seed": seed,
        "rules_version": checker.version["rules_sha256"],
        "model_card": trained.card.get("created_from", {}),
    })
    with atomic(out) as tmp:
        dump_weights(weights, tmp, extra={"fitted": report})
    return weights
