"""The `redflag` command line through Typer's CliRunner: outputs, exit codes, errors."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redflag.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_check_json_has_exact_evidence_and_version():
    text = (EXAMPLES / "hostess-abroad.txt").read_text(encoding="utf-8")
    res = run("check", str(EXAMPLES / "hostess-abroad.txt"), "--format", "json")
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    assert data["level"] == "high" and 0 <= data["score"] <= 100
    ids = {f["id"] for f in data["flags"]}
    assert {"FEE001", "DOC001", "TGT001", "CON001"} <= ids
    for flag in data["flags"]:
        assert {"id", "title", "severity", "indicator", "evidence"} <= set(flag)
        for ev in flag["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]
    assert data["version"]["redflag"] and len(data["version"]["rules_sha256"]) == 64
    assert abs(sum(c["points"] for c in data["components"]) - data["score"]) < 0.01


def test_honest_ad_is_low_and_exits_zero():
    res = run("check", str(EXAMPLES / "honest-farm.txt"), "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["level"] == "low"
    assert {f["id"] for f in data["reassuring"]} >= {"GOOD001", "GOOD003"}


def test_quiet_prints_score_and_level():
    res = run("check", "Pay the registration fee of 200 EUR today.", "--quiet", "--no-model")
    assert res.exit_code == 0
    score, level = res.stdout.split()
    assert level == "medium" and float(score) >= 30


def test_fail_on_medium():
    res = run("check", "Pay the registration fee of 200 EUR today.", "-q", "--no-model", "--fail-on", "medium")
    assert res.exit_code == 1


def test_stdin():
    res = run("check", "-", "-q", "--no-model", input="The employer keeps your passport.")
    assert res.exit_code in (0, 1) and res.stdout.split()[1] in ("medium", "high")


def test_text_report_quotes_the_phrase():
    res = run("check", "Contact only on WhatsApp, small processing fee.", "--no-model")
    assert "FEE001" in res.stdout and "processing fee" in res.stdout
    assert "What to do" in res.stdout


def test_select_limits_rules():
    res = run("check", "Pay the processing fee. Contact only on WhatsApp.", "-f", "json", "--no-model", "--select", "CON")
    ids = {f["id"] for f in json.loads(res.stdout)["flags"]}
    assert ids and all(i.startswith("CON") for i in ids)


@pytest.mark.parametrize("args", [["check", ""], ["check", "missing-file.txt"], ["check", "/"], ["explain", "NOPE999"]])
def test_errors_are_one_line_exit_2(args):
    res = run(*args)
    assert res.exit_code == 2
    assert "Traceback" not in res.output


def test_bad_option_value_is_usage_error():
    assert run("check", "x", "--fail-on", "extreme").exit_code == 2


def test_rules_and_explain():
    res = run("rules", "--format", "json")
    rows = json.loads(res.stdout)
    assert len(rows) >= 40 and {"id", "title", "severity", "indicator", "language"} <= set(rows[0])
    res = run("explain", "DOC001")
    assert res.exit_code == 0 and "retention of identity documents" in res.stdout and "Fires on" in res.stdout


def test_train_writes_model_card_and_fusion_then_check_uses_them(tmp_path):
    import pandas as pd

    from redflag.synth import generate

    data = tmp_path / "ads.csv"
    pd.DataFrame(generate(120, 3))[["text", "label"]].to_csv(data, index=False)
    out = tmp_path / "mine.joblib"
    res = run("train", str(data), "--label-col", "label", "--out", str(out), "--C", "4", "--folds", "2", "--seed", "1")
    assert res.exit_code == 0, res.output
    for suffix in (".joblib", ".npz", ".card.json", ".fusion.json"):
        assert (tmp_path / f"mine{suffix}").exists(), suffix
    res = run("check", "Pay the processing fee by Western Union.", "-f", "json", "--model", str(tmp_path / "mine.npz"))
    data = json.loads(res.stdout)
    assert data["model"]["probability"] is not None and "fusion of mine" in data["version"]["weights"]
    assert any(c["kind"] == "model" for c in data["components"])


def test_train_missing_column_is_exit_2(tmp_path):
    data = tmp_path / "ads.csv"
    data.write_text("text,label\nhello,1\n", encoding="utf-8")
    res = run("train", str(data), "--label-col", "nope", "--out", str(tmp_path / "m.joblib"))
    assert res.exit_code == 2 and "nope" in res.output


def test_pyproject_settings_fill_in_options(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.redflag]\nselect = ["CON"]\nfail-on = "medium"\nno-model = true\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = run("check", "Pay the processing fee. Contact only on WhatsApp. Interviews are held on Telegram.", "-f", "json")
    data = json.loads(res.stdout)
    assert {f["id"] for f in data["flags"]} <= {"CON001", "CON002", "CON003"} and data["model"] is None
    assert res.exit_code == 1  # medium, and fail-on = medium from the settings


def test_unknown_setting_is_exit_2(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.redflag]\nselct = ["CON"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = run("check", "hello there", "-q")
    assert res.exit_code == 2 and "selct" in res.output
