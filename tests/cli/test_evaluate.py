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


def _mixed(tmp_path):
    data = tmp_path / "mixed.csv"
    data.write_text('text,label\n'
                    '"Pay the processing fee of 300 EUR. The employer keeps your passport.",1\n'
                    '"Pago de inscripción de 200 euros antes de viajar. Contacto solo por WhatsApp.",1\n'
                    '"Se busca cocinero para restaurante en Sevilla, contrato indefinido y alta en la Seguridad Social.",0\n'
                    '"Accountant for our Leeds office; apply on our website.",0\n', encoding="utf-8")
    return data


def test_evaluate_reports_ads_per_language(cli, tmp_path):
    res = cli("evaluate", str(_mixed(tmp_path)), "--no-model", "-f", "json", "--bootstrap", "0")
    assert res.exit_code == 0, res.output
    langs = {g["lang"]: (g["ads"], g["positives"], g["negatives"]) for g in json.loads(res.stdout)["languages"]}
    assert langs == {"en": (2, 1, 1), "es": (2, 1, 1)}
    table = cli("evaluate", str(_mixed(tmp_path)), "--no-model", "--bootstrap", "0").stdout
    assert "Languages" in table and "recall@high" in table


def test_evaluate_lang_reads_every_ad_in_one_language(cli, tmp_path):
    res = cli("evaluate", str(_mixed(tmp_path)), "--no-model", "-f", "json", "--bootstrap", "0", "--lang", "es")
    assert res.exit_code == 0, res.output
    assert [(g["lang"], g["ads"]) for g in json.loads(res.stdout)["languages"]] == [("es", 4)]
    assert cli("evaluate", str(_mixed(tmp_path)), "--no-model", "--lang", "xx").exit_code == 2


def test_a_type_column_gives_recall_per_kind_of_harm(cli, tmp_path):
    import json

    import pandas as pd

    bad = "Pay a 300 USD processing fee by Western Union before the interview. Contact only on WhatsApp."
    club = "Young girls 18-25 wanted as hostesses for a night club abroad, flight paid, send photos."
    good = "We are hiring a warehouse operative in Leeds. Apply on our website; we never charge fees."
    path = tmp_path / "labelled.csv"
    pd.DataFrame({"text": [bad, club, good], "label": [1, 1, 0], "type": ["scam", "sexual", ""]}).to_csv(path, index=False)
    res = cli("evaluate", str(path), "--bootstrap", "0", "--no-model", "-f", "json")
    assert res.exit_code == 0, res.output
    harms = {h["harm"]: h for h in json.loads(res.stdout)["harms"]}
    assert set(harms) == {"scam", "sexual"} and harms["scam"]["ads"] == 1
    res = cli("evaluate", str(path), "--bootstrap", "0", "--no-model", "--type-col", "kind")
    assert res.exit_code == 2 and "no type column 'kind'" in res.output and "Traceback" not in res.output
