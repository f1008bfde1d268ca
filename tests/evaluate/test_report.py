"""The typed report: frozen sections whose to_dict() is the stable redflag.evaluate/1 JSON."""

import dataclasses
import json

import pytest

from redflag.evaluate.report import (
    REPORT_KEYS, RULE_KEYS, SCHEMA, GateResult, Interval, Skipped, SkippedRow, number,
)

PROVENANCE_KEYS = {"redflag", "rules", "rules_sha256", "model", "model_sha256", "weights", "weights_sha256",
                   "data_path", "data_sha256", "rows", "seed", "bootstrap", "confidence"}
POINT_KEYS = {"threshold", "confusion", "precision", "recall", "f1", "fpr", "precision_at_prevalence"}
DATA_KEYS = ["path", "sha256", "rows", "part", "evaluated", "positives", "negatives", "positive_class",
             "negative_class", "label_col", "text_cols", "id_col", "skipped"]


def test_json_schema_is_stable(report):
    assert list(report) == list(REPORT_KEYS)
    assert report["schema"] == "redflag.evaluate/1"
    assert set(report["provenance"]) == PROVENANCE_KEYS
    assert len(report["provenance"]["data_sha256"]) == 64 and report["provenance"]["bootstrap"] == 50
    assert set(report["scorers"]) == {"fused", "model", "rules"}
    fused = report["scorers"]["fused"]
    assert set(fused) == {"auc", "ap", "at"} and set(fused["at"]) == {"medium", "high", "threshold"}
    assert set(report["scorers"]["model"]["at"]) == {"threshold"}
    for entry in fused["at"].values():
        assert set(entry) == POINT_KEYS
        assert set(entry["confusion"]) == {"tp", "fp", "fn", "tn"}
        assert sum(entry["confusion"].values()) == report["data"]["evaluated"]
    assert set(fused["auc"]) == {"value", "low", "high"}
    for row in report["rules"]:
        assert list(row) == list(RULE_KEYS)
    assert report["gates"] == [] and report["fit"] is None


def test_to_dict_keys_and_order(tiny):
    d = tiny.report().to_dict()
    assert list(d) == list(REPORT_KEYS) and d["schema"] == SCHEMA
    assert list(d["data"]) == DATA_KEYS and d["data"]["text_cols"] == ["text"]
    assert d["data"]["skipped"] == {"count": 2, "reasons": {"empty text": 1, "missing label": 1},
                                    "first": [{"row": 6, "id": 6, "reason": "empty text"},
                                              {"row": 7, "id": 7, "reason": "missing label"}]}
    assert d["settings"] == {"levels": {"medium": 30.0, "high": 60.0}, "threshold": 50.0, "model_threshold": 0.5,
                             "prevalence": 0.1, "sort": "lift"}
    assert list(d["scorers"]["fused"]["at"]) == ["medium", "high", "threshold"]
    assert list(d["scorers"]["fused"]["at"]["medium"]) == ["threshold", "confusion", "precision", "recall", "f1", "fpr",
                                                           "precision_at_prevalence"]
    assert d["gates"][1] == {"metric": "recall@high", "kind": "under", "limit": 0.9, "value": pytest.approx(1 / 3, abs=1e-6),
                             "passed": False}
    assert json.loads(json.dumps(d, allow_nan=False)) == d  # plain JSON types only


def test_fit_section(tiny):
    fit = tiny.fitted_report().to_dict()["fit"]
    assert list(fit) == ["weights_file", "weights_sha256", "holdout", "train", "test", "learned_rules", "before", "after"]
    assert fit["learned_rules"] == ["FEE001", "GOOD001"] and fit["train"] == {"ads": 6, "positives": 3}
    assert fit["before"]["weights"] == "rule-pack weights" and fit["after"]["weights"] == "fitted"
    assert set(fit["before"]["scorers"]) == {"fused", "model", "rules"}


def test_sections_are_frozen_and_gates_are_added_by_copy(tiny):
    report = tiny.report()
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.gates = ()
    bare = report.with_gates([])
    assert bare.gates == () and len(report.gates) == 3 and bare.scorers is report.scorers
    assert [g.metric for g in report.failed_gates()] == ["recall@high"]
    assert report.scorers.get("model") is report.scorers.model and [n for n, _ in report.scorers.items()] == [
        "fused", "model", "rules"]


def test_small_sections():
    assert number(float("nan")) is None and number(0.1234567891) == 0.123457 and number(2.0, 4) == 2.0
    assert Interval(value=0.5).to_dict() == {"value": 0.5, "low": None, "high": None}
    assert Skipped(count=1, reasons=(("empty text", 1),), first=(SkippedRow(row=3, id="a", reason="empty text"),)).to_dict() \
        == {"count": 1, "reasons": {"empty text": 1}, "first": [{"row": 3, "id": "a", "reason": "empty text"}]}
    assert GateResult(metric="auc", kind="under", limit=0.8, value=0.9, passed=True).to_dict() == {
        "metric": "auc", "kind": "under", "limit": 0.8, "value": 0.9, "passed": True}
