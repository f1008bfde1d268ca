"""`redflag evaluate`: metrics of a labelled table and the CI gates."""

import json


def _corpus(tmp_path):
    data = tmp_path / "ads.csv"
    data.write_text('text,label\n'
                    '"Pay the processing fee of 300 EUR. The employer keeps your passport.",1\n'
                    '"Small registration fee before the interview; contact only on WhatsApp.",1\n'
                    '"Gardener wanted, weekly pay, written contract.",0\n'
                    '"Accountant for our Leeds office; apply on our website.",0\n', encoding="utf-8")
    return data


def test_evaluate_json_and_gates(cli, tmp_path):
    data = _corpus(tmp_path)
    res = cli("evaluate", str(data), "--no-model", "-f", "json", "--bootstrap", "0")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["schema"] == "redflag.evaluate/1"
    res = cli("evaluate", str(data), "--no-model", "-f", "json", "--bootstrap", "0", "--fail-under", "auc=1.01")
    assert res.exit_code == 1 and "redflag: " in res.stderr


def test_bad_gate_is_exit_2(cli, tmp_path):
    res = cli("evaluate", str(_corpus(tmp_path)), "--no-model", "--fail-under", "nonsense")
    assert res.exit_code == 2


def test_help_matches_golden(cli, golden):
    assert cli("evaluate", "--help").stdout == golden("help-evaluate.txt")
