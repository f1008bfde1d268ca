"""Learning fusion weights on part of a labelled corpus and measuring them on the rest, before and after."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from redflag.errors import InputError
from redflag.evaluate.corpus import Corpus
from redflag.io.outputs import atomic
from redflag.evaluate.measure import evaluate_corpus
from redflag.evaluate.options import EvalOptions
from redflag.evaluate.report import EvalReport, Fit, FitPart


def split(y: np.ndarray, holdout: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Stratified, seeded train/held-out indices, each sorted."""
    from redflag.learn.split import stratified_split

    if not 0.0 < holdout < 1.0:
        raise InputError(f"--holdout must be between 0 and 1, got {holdout}")
    train, test = stratified_split(y, holdout, seed)
    return np.sort(train), np.sort(test)


def _fit_on(checker: Any, train: Corpus, corpus: Corpus, options: EvalOptions, out: str | Path, holdout: float) -> list[str]:
    """Learn weights on ``train``, write them to ``out`` with how they were made; the rules they learned."""
    from redflag.fusion import dump_weights
    from redflag.learn.fitweights import fit_weights, hit_matrix, pack_weights_of, supporting_of

    X, rule_ids = hit_matrix(checker, train.texts)
    # the shipped model never saw this corpus, so its probabilities here are already out-of-sample
    probabilities = checker.model.predict_proba(train.texts) if checker.model is not None else None
    weights, fitted = fit_weights(
        X, rule_ids, train.y.astype(int), pack_weights_of(checker), probabilities, prevalence=options.prevalence,
        priors={r.id: checker.weights.points(r.id, r.weight) for r in checker.engine.rules}, fixed=supporting_of(checker),
        name=f"fitted on {Path(corpus.path).name} by redflag evaluate (seed {options.seed}, holdout {holdout:g})",
    )
    fitted.update({
        "data": {"path": corpus.path, "sha256": corpus.sha256, "label_col": corpus.label_col,
                 "positive_class": corpus.positive_class},
        "seed": options.seed,
        "holdout": holdout,
        "rules_sha256": checker.version.get("rules_sha256"),
        "model_sha256": checker.version.get("model_sha256"),
        "started_from_weights": checker.version.get("weights"),
    })
    with atomic(out) as tmp:
        dump_weights(weights, tmp, extra={"fitted": fitted})
    return fitted["learned_rules"]


def fit_and_compare(checker: Any, corpus: Corpus, options: EvalOptions, out: str | Path, holdout: float = 0.3) -> EvalReport:
    """Learn weights on a stratified part of the corpus, write them, and evaluate the rest before and after."""
    from redflag.pipeline import Checker

    train_idx, test_idx = split(corpus.y, holdout, options.seed)
    train, test = corpus.subset(train_idx, "train"), corpus.subset(test_idx, "held-out")
    if train.y.all() or not train.y.any():
        raise InputError("the training part holds a single class; cannot fit weights")
    learned = _fit_on(checker, train, corpus, options, out, holdout)
    before = evaluate_corpus(checker, test, options)
    after_checker = Checker(replace(checker.config, weights=str(out)))
    report = evaluate_corpus(after_checker, test, options)
    return report.with_fit(Fit(
        weights_file=str(out),
        weights_sha256=after_checker.version.get("weights_sha256"),
        holdout=holdout,
        train=FitPart(ads=len(train.texts), positives=int(train.y.sum())),
        test=FitPart(ads=report.data.evaluated, positives=report.data.positives),
        learned_rules=tuple(learned),
        before_weights=before.provenance.weights, before=before.scorers,
        after_weights=report.provenance.weights, after=report.scorers,
    ))
