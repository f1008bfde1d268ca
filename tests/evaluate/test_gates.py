"""CI gates: parsing, checking against a report before and after scoring, messages, exit codes."""

import json

import pytest

from redflag.errors import InputError, RedflagError
from redflag.evaluate import gates as ga
from redflag.evaluate.report import GateResult


def test_parse_gates():
    gates = ga.parse_gates(["auc=0.85,recall@medium=0.9", "model.ap=0.5"], "under") + ga.parse_gates(["rules.fpr@high=0.01"], "over")
    assert [(g.scorer, g.metric, g.point, g.limit, g.kind) for g in gates] == [
        ("fused", "auc", None, 0.85, "under"), ("fused", "recall", "medium", 0.9, "under"),
        ("model", "ap", None, 0.5, "under"), ("rules", "fpr", "high", 0.01, "over")]
    for bad in ("auc", "auc=x", "recall=0.9", "auc@high=0.9", "gini=0.5", "recall@low=0.5", "svm.auc=0.5"):
        with pytest.raises(InputError):
            ga.parse_gates([bad], "under")
    assert ga.parse_gates(None, "under") == [] and ga.parse_gates([" , "], "over") == []


def test_check_and_validate_gates(typed_report):
    gates = ga.parse_gates(["auc=0", "f1@threshold=1.01"], "under") + ga.parse_gates(["fpr@high=1"], "over")
    results = ga.check_gates(typed_report, gates)
    assert [g.passed for g in results] == [True, False, True]
    assert "f1@threshold" in ga.gate_message(results[1])
    points = {"fused": {"medium": 30, "high": 60}, "rules": {"medium": 30, "high": 60}}
    with pytest.raises(InputError, match="--threshold"):
        ga.validate_gates(ga.parse_gates(["recall@threshold=0.5"], "under"), points)
    with pytest.raises(InputError, match="model"):
        ga.validate_gates(ga.parse_gates(["model.auc=0.5"], "under"), points)


def test_gate_values_come_from_the_report(tiny):
    report = tiny.report()
    (auc,) = ga.parse_gates(["model.auc=0.5"], "under")
    assert auc.value(report) == report.scorers.model.auc.value
    (recall,) = ga.parse_gates(["rules.recall@medium=0.5"], "under")
    assert recall.value(report) == report.scorers.rules.point("medium").recall.value == pytest.approx(1 / 3, abs=1e-6)
    undefined = ga.parse_gates(["rules.precision@high=0.5"], "under")
    assert ga.check_gates(report, undefined)[0] == GateResult(metric="rules.precision@high", kind="under", limit=0.5,
                                                              value=None, passed=False)
    without_threshold = tiny.ev.evaluate_corpus(tiny.checker(), tiny.corpus(), tiny.ev.EvalOptions(bootstrap=0))
    with pytest.raises(RedflagError, match="--threshold"):
        ga.check_gates(without_threshold, ga.parse_gates(["recall@threshold=0.5"], "under"))


def test_gate_message():
    assert ga.gate_message(GateResult(metric="auc", kind="under", limit=0.85, value=0.81234, passed=False)) == \
        "gate failed: auc = 0.8123, under the limit 0.85"
    assert ga.gate_message(GateResult(metric="fpr@high", kind="over", limit=0.01, value=None, passed=False)) == \
        "gate failed: fpr@high = undefined, over the limit 0.01"


def test_gate_exit_codes(run, synthetic):
    ok = run("evaluate", synthetic, "--bootstrap", "0", "-f", "json", "--fail-under", "auc=0.1", "--fail-over", "fpr@high=0.99")
    assert ok.exit_code == 0, ok.output
    missed = run("evaluate", synthetic, "--bootstrap", "0", "-f", "json", "--fail-under", "auc=0.9999,recall@high=1.01")
    assert missed.exit_code == 1
    lines = [ln for ln in missed.stderr.splitlines() if ln.startswith("redflag: gate failed")]
    assert len(lines) >= 1 and any("recall@high" in ln for ln in lines)
    assert json.loads(missed.stdout)["gates"][-1]["passed"] is False
    unknown = run("evaluate", synthetic, "--fail-under", "gini=0.5")
    assert unknown.exit_code == 2 and "gini" in unknown.stderr
    no_model = run("evaluate", synthetic, "--no-model", "--fail-under", "model.auc=0.5")
    assert no_model.exit_code == 2
