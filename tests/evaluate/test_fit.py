"""Fitted weights: a stratified seeded split, a loadable weights file, the held-out part before and after."""

import json

import numpy as np
import pytest

from redflag.errors import InputError
from redflag.evaluate.fit import split
from redflag.fusion import load_weights


def test_split_is_stratified_seeded_and_sorted():
    y = np.array([True] * 10 + [False] * 30)
    train, test = split(y, 0.25, seed=0)
    assert len(test) == 10 and int(y[test].sum()) in (2, 3) and sorted(set(train) | set(test)) == list(range(40))
    assert list(train) == sorted(train) and list(test) == sorted(test)
    assert [list(a) for a in split(y, 0.25, seed=0)] == [list(train), list(test)]
    for bad in (0.0, 1.0):
        with pytest.raises(InputError, match="--holdout"):
            split(y, bad, 0)
    with pytest.raises(InputError, match="stratified"):
        split(np.array([True, False, False, False]), 0.5, 0)


def test_fit_weights_writes_a_loadable_file_and_reports_before_after(run, synthetic, tmp_path):
    out = tmp_path / "mine.fusion.json"
    res = run("evaluate", synthetic, "--fit-weights", out, "-f", "json", "--bootstrap", "20", "--holdout", "0.4")
    assert res.exit_code == 0, res.output
    weights = load_weights(out)
    assert weights.rule_points and "fitted on ads.csv" in weights.name
    fitted = json.loads(out.read_text())["fitted"]
    assert fitted["data"]["sha256"] and fitted["holdout"] == 0.4
    report = json.loads(res.stdout)
    fit = report["fit"]
    assert set(fit) == {"weights_file", "weights_sha256", "holdout", "train", "test", "learned_rules", "before", "after"}
    assert fit["train"]["ads"] + fit["test"]["ads"] == 160 and report["data"]["part"] == "held-out"
    assert fit["before"]["weights"] != fit["after"]["weights"] == weights.name
    assert set(fit["before"]["scorers"]) == set(fit["after"]["scorers"]) == {"fused", "model", "rules"}
    assert report["provenance"]["weights_sha256"] == weights.sha256 == fit["weights_sha256"]
    again = run("evaluate", synthetic, "--weights", out, "-f", "json", "--bootstrap", "0")
    assert again.exit_code == 0 and json.loads(again.stdout)["provenance"]["weights"] == weights.name


def test_fit_and_compare_returns_a_typed_report(synthetic, tmp_path):
    from redflag.config import Config
    from redflag.evaluate import EvalOptions, fit_and_compare, load_corpus
    from redflag.pipeline import Checker

    options = EvalOptions(bootstrap=0, seed=2)
    out = tmp_path / "w.fusion.json"
    report = fit_and_compare(Checker(Config(entities=False)), load_corpus(synthetic, options), options, out, 0.5)
    assert report.fit is not None and report.fit.weights_file == str(out) and out.exists()
    assert report.fit.train.ads + report.fit.test.ads == 160 and report.data.part == "held-out"
    assert report.fit.after is report.scorers and report.fit.before_weights != report.fit.after_weights
    assert report.fit.after_weights == report.provenance.weights and report.fit.learned_rules
    assert sum(g.ads for g in report.languages) == report.data.evaluated  # languages of the held-out part


def test_a_single_class_training_part_is_refused(tiny, tmp_path):
    corpus = tiny.corpus()
    corpus.y = np.array([True, True, True, True, True, False])
    with pytest.raises(InputError):
        tiny.ev.fit_and_compare(tiny.checker(), corpus, tiny.OPTIONS, tmp_path / "w.json", 0.5)
