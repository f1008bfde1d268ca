"""`redflag evaluate`: per-rule statistics, gates, report schema, formats, fitted weights, end to end."""

import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from redflag import evaluate as ev
from redflag.cli import app
from redflag.errors import InputError
from redflag.fusion import FusionWeights, load_weights
from redflag.render.evalfmt import render_json, render_markdown
from redflag.synth import generate

runner = CliRunner()
EMSCAD = Path(__file__).resolve().parents[3] / "shared" / "data" / "emscad_dev.csv"

PROVENANCE_KEYS = {"redflag", "rules", "rules_sha256", "model", "model_sha256", "weights", "weights_sha256",
                   "data_path", "data_sha256", "rows", "seed", "bootstrap", "confidence"}
POINT_KEYS = {"threshold", "confusion", "precision", "recall", "f1", "fpr", "precision_at_prevalence"}


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    rows = generate(160, 11)
    path = tmp_path_factory.mktemp("eval") / "ads.csv"
    pd.DataFrame({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                  "label": [r["label"] for r in rows]}).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def report(synthetic) -> dict:
    res = run("evaluate", synthetic, "--format", "json", "--bootstrap", "50", "--threshold", "50", "--prevalence", "0.05")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


# ------------------------------------------------------------------ per-rule table


def _rule(rid, category="fees", weight=10.0):
    return SimpleNamespace(id=rid, title=rid.lower(), category=category, weight=weight)


def _fake_checker(rules):
    return SimpleNamespace(engine=SimpleNamespace(rules=tuple(rules)), weights=FusionWeights())


def test_rule_table_on_a_tiny_corpus():
    checker = _fake_checker([_rule("FEE001"), _rule("DOC001"), _rule("TRV001"), _rule("GOOD001", "good_practice", -8.0),
                             _rule("GOOD002", "good_practice", -4.0)])
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], dtype=bool)
    hits = np.zeros((10, 5), dtype=bool)
    hits[[0, 1, 2, 4], 0] = True          # FEE001: 3 of 4 positives, 1 of 6 negatives
    hits[[4, 5, 6, 0], 2] = True          # TRV001: 1 positive, 3 negatives: a red flag firing on good ads
    hits[[0, 1, 5], 3] = True             # GOOD001: reassuring but fires on 2 of 4 bad ads, 1 of 6 good ones
    hits[[6, 7, 8, 9], 4] = True          # GOOD002: reassuring and fires only on good ads
    rows = {r["id"]: r for r in ev.rule_table(checker, y, hits, prevalence=0.05, sort="id")}
    fee = rows["FEE001"]
    assert (fee["hits"], fee["hits_pos"], fee["hits_neg"], fee["false_alarms"]) == (4, 3, 1, 1)
    assert rows["GOOD001"]["false_alarms"] == 2 and rows["GOOD002"]["false_alarms"] == 0
    assert fee["share_pos"] == 0.75 and fee["share_neg"] == pytest.approx(1 / 6, abs=1e-6)
    assert fee["precision"]["value"] == 0.75 and fee["precision"]["low"] < 0.75 < fee["precision"]["high"]
    assert fee["lift"] == pytest.approx(0.75 / 0.4)
    assert fee["precision_at_prevalence"] == pytest.approx(0.05 * 0.75 / (0.05 * 0.75 + 0.95 / 6), abs=1e-6)
    assert not fee["never_fires"] and not fee["inverted"]
    assert rows["DOC001"]["never_fires"] and rows["DOC001"]["lift"] is None and not rows["DOC001"]["inverted"]
    assert rows["TRV001"]["inverted"]
    assert rows["GOOD001"]["reassuring"] and rows["GOOD001"]["inverted"]
    assert rows["GOOD002"]["reassuring"] and not rows["GOOD002"]["inverted"]
    assert list(rows["FEE001"]) == list(ev.RULE_KEYS)


def test_rule_table_sorts():
    checker = _fake_checker([_rule("A1"), _rule("B1"), _rule("C1")])
    y = np.array([1, 1, 0, 0], dtype=bool)
    hits = np.array([[1, 0, 1], [0, 0, 1], [0, 1, 1], [0, 1, 0]], dtype=bool)
    order = lambda sort: [r["id"] for r in ev.rule_table(checker, y, hits, None, sort)]  # noqa: E731
    assert order("id") == ["A1", "B1", "C1"]
    assert order("lift") == ["A1", "C1", "B1"]
    assert order("false-alarms") == ["B1", "C1", "A1"]
    assert order("hits") == ["C1", "B1", "A1"]
    with pytest.raises(InputError):
        ev.sort_rules([], "nope")


# ------------------------------------------------------------------ gates


def test_parse_gates():
    gates = ev.parse_gates(["auc=0.85,recall@medium=0.9", "model.ap=0.5"], "under") + ev.parse_gates(["rules.fpr@high=0.01"], "over")
    assert [(g.scorer, g.metric, g.point, g.limit, g.kind) for g in gates] == [
        ("fused", "auc", None, 0.85, "under"), ("fused", "recall", "medium", 0.9, "under"),
        ("model", "ap", None, 0.5, "under"), ("rules", "fpr", "high", 0.01, "over")]
    for bad in ("auc", "auc=x", "recall=0.9", "auc@high=0.9", "gini=0.5", "recall@low=0.5", "svm.auc=0.5"):
        with pytest.raises(InputError):
            ev.parse_gates([bad], "under")


def test_check_and_validate_gates(report):
    gates = ev.parse_gates(["auc=0", "f1@threshold=1.01"], "under") + ev.parse_gates(["fpr@high=1"], "over")
    results = ev.check_gates(report, gates)
    assert [g["passed"] for g in results] == [True, False, True]
    assert "f1@threshold" in ev.gate_message(results[1])
    points = {"fused": {"medium": 30, "high": 60}, "rules": {"medium": 30, "high": 60}}
    with pytest.raises(InputError, match="--threshold"):
        ev.validate_gates(ev.parse_gates(["recall@threshold=0.5"], "under"), points)
    with pytest.raises(InputError, match="model"):
        ev.validate_gates(ev.parse_gates(["model.auc=0.5"], "under"), points)


def test_gate_exit_codes(synthetic):
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


# ------------------------------------------------------------------ report and formats


def test_json_schema_is_stable(report):
    assert list(report) == list(ev.REPORT_KEYS)
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
        assert list(row) == list(ev.RULE_KEYS)
    assert report["gates"] == [] and report["fit"] is None


def test_report_covers_every_rule_and_scores_well_on_synthetic_ads(report):
    from redflag.config import Config
    from redflag.pipeline import Checker

    ids = {r.id for r in Checker(Config(entities=False)).engine.rules}
    assert {r["id"] for r in report["rules"]} == ids
    assert report["data"]["evaluated"] == 160 and report["data"]["skipped"]["count"] == 0
    auc = report["scorers"]["fused"]["auc"]
    assert auc["value"] > 0.8 and auc["low"] <= auc["value"] <= auc["high"]
    lifts = [r["lift"] for r in report["rules"]]
    assert lifts == sorted(lifts, key=lambda v: (v is None, -(v or 0)))


def test_markdown_and_table_render(report, synthetic, tmp_path):
    md = render_markdown(report)
    assert md.startswith("## redflag evaluate") and "### Ranking" in md and "### Rules (by lift)" in md
    assert all(f"| {r['id']} |" in md for r in report["rules"])
    assert json.loads(render_json(report)) == report
    res = run("evaluate", synthetic, "--bootstrap", "20", "--out", tmp_path / "report.md")
    assert res.exit_code == 0 and (tmp_path / "report.md").read_text().startswith("## redflag evaluate")
    table = run("evaluate", synthetic, "--bootstrap", "20", "--sort", "false-alarms")
    assert table.exit_code == 0 and "ROC-AUC" in table.stdout and "Rules (by false-alarms)" in table.stdout


def test_same_seed_same_report(synthetic):
    a = run("evaluate", synthetic, "-f", "json", "--bootstrap", "30", "--seed", "3")
    b = run("evaluate", synthetic, "-f", "json", "--bootstrap", "30", "--seed", "3")
    assert a.stdout == b.stdout


def test_bad_rows_are_counted_and_named_labels(tmp_path):
    rows = generate(60, 4)
    df = pd.DataFrame({"text": [r["text"] for r in rows],
                       "verdict": ["scam" if r["label"] else "ok" for r in rows]})
    df.loc[0, "text"] = "   "
    df.loc[1, "verdict"] = ""
    path = tmp_path / "named.csv"
    df.to_csv(path, index=False)
    res = run("evaluate", path, "--label-col", "verdict", "--positive", "scam", "-f", "json", "--bootstrap", "0")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)["data"]
    assert data["skipped"]["count"] == 2 and data["skipped"]["reasons"] == {"empty text": 1, "missing label": 1}
    assert data["evaluated"] == 58 and data["positive_class"] == "scam"
    ambiguous = run("evaluate", path, "--label-col", "verdict")
    assert ambiguous.exit_code == 2 and "positive" in ambiguous.stderr


def test_missing_columns_are_input_errors(synthetic):
    res = run("evaluate", synthetic, "--label-col", "nope")
    assert res.exit_code == 2 and "nope" in res.stderr and "text" in res.stderr
    res = run("evaluate", synthetic, "--text-col", "body")
    assert res.exit_code == 2 and "body" in res.stderr


# ------------------------------------------------------------------ fitted weights


def test_fit_weights_writes_a_loadable_file_and_reports_before_after(synthetic, tmp_path):
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


# ------------------------------------------------------------------ real ads (absent from the repository)


@pytest.mark.skipif(not EMSCAD.exists(), reason="EMSCAD sample not present")
def test_emscad_dev_sample():
    options = ev.EvalOptions(bootstrap=0, prevalence=0.0484)
    from redflag.config import Config
    from redflag.pipeline import Checker

    corpus = ev.load_corpus(EMSCAD, options)
    assert corpus.label_col == "fraudulent" and corpus.text_cols[0] == "title"
    report = ev.evaluate_corpus(Checker(Config(entities=False)), corpus, options)
    assert report["data"]["evaluated"] + report["data"]["skipped"]["count"] == report["data"]["rows"]
    assert report["scorers"]["fused"]["auc"]["value"] > 0.6
    assert report["scorers"]["fused"]["auc"]["low"] is None  # no bootstrap asked for
