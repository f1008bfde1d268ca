"""`redflag check`: the report, quiet and JSON outputs, exit codes and settings."""

import json

import pytest


def test_check_json_has_exact_evidence_and_version(cli, examples):
    text = (examples / "hostess-abroad.txt").read_text(encoding="utf-8")
    res = cli("check", str(examples / "hostess-abroad.txt"), "--format", "json")
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
    assert data["source"] == "examples/hostess-abroad.txt"


def test_honest_ad_is_low_and_exits_zero(cli, examples):
    res = cli("check", str(examples / "honest-farm.txt"), "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["level"] == "low"
    assert {f["id"] for f in data["reassuring"]} >= {"GOOD001", "GOOD003"}


@pytest.mark.parametrize("ad", ["hostess-abroad", "honest-farm"])
def test_terminal_report_matches_golden(cli, golden, examples, ad):
    res = cli("check", f"examples/{ad}.txt")
    assert res.stdout == golden(f"check-{ad}.txt")


def test_quiet_matches_golden(cli, golden, examples):
    res = cli("check", "examples/hostess-abroad.txt", "--quiet")
    assert res.exit_code == 1 and res.stdout == golden("check-quiet.txt")


def test_quiet_prints_score_and_level(cli):
    res = cli("check", "Pay the registration fee of 200 EUR today.", "--quiet", "--no-model")
    assert res.exit_code == 0
    score, level = res.stdout.split()
    assert level == "medium" and float(score) >= 30


def test_fail_on_medium(cli):
    res = cli("check", "Pay the registration fee of 200 EUR today.", "-q", "--no-model", "--fail-on", "medium")
    assert res.exit_code == 1


def test_stdin(cli):
    res = cli("check", "-", "-q", "--no-model", input="The employer keeps your passport.")
    assert res.exit_code in (0, 1) and res.stdout.split()[1] in ("medium", "high")


def test_text_report_quotes_the_phrase(cli):
    res = cli("check", "Contact only on WhatsApp, small processing fee.", "--no-model")
    assert "FEE001" in res.stdout and "processing fee" in res.stdout
    assert "What to do" in res.stdout


def test_select_limits_rules(cli):
    res = cli("check", "Pay the processing fee. Contact only on WhatsApp.", "-f", "json", "--no-model", "--select", "CON")
    ids = {f["id"] for f in json.loads(res.stdout)["flags"]}
    assert ids and all(i.startswith("CON") for i in ids)


def test_redact_masks_the_phone_number(cli):
    res = cli("check", "Contact only on WhatsApp +44 7700 900123.", "-f", "json", "--no-model", "--redact")
    assert "7700 900123" not in res.stdout and "+447700900123" not in res.stdout


def test_pyproject_settings_fill_in_options(cli, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.redflag]\nselect = ["CON"]\nfail-on = "medium"\nno-model = true\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = cli("check", "Pay the processing fee. Contact only on WhatsApp. Interviews are held on Telegram.", "-f", "json")
    data = json.loads(res.stdout)
    assert {f["id"] for f in data["flags"]} <= {"CON001", "CON002", "CON003"} and data["model"] is None
    assert res.exit_code == 1  # medium, and fail-on = medium from the settings


def test_fail_on_option_beats_the_setting(cli, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.redflag]\nfail-on = "low"\nno-model = true\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("check", "hello there", "-q").exit_code == 1
    assert cli("check", "hello there", "-q", "--fail-on", "high").exit_code == 0


def test_help_matches_golden(cli, golden):
    assert cli("check", "--help").stdout == golden("help-check.txt")


SPANISH_AD = "Pago de inscripción de 200 euros antes de viajar. Contacto solo por WhatsApp."


def test_report_is_in_the_ads_language(cli):
    res = cli("check", SPANISH_AD, "--text", "--no-model")
    assert res.stdout.startswith("╭─ Puntuación de riesgo ") and "Idioma: Español (es)" in res.stdout
    assert "Señales de alarma (" in res.stdout and "Qué hacer" in res.stdout and "Risk score" not in res.stdout


def test_ui_lang_chooses_the_reports_language(cli):
    english = cli("check", SPANISH_AD, "--text", "--no-model", "--ui-lang", "en").stdout
    assert english.startswith("╭─ Risk score ") and "Language: Español (es)" in english and "What to do" in english
    russian = cli("check", SPANISH_AD, "--text", "--no-model", "--ui-lang", "RU").stdout
    assert russian.startswith("╭─ Оценка риска ") and "Язык: Español (es)" in russian


def test_lang_reads_the_ad_in_a_language_and_json_reports_it(cli):
    data = json.loads(cli("check", SPANISH_AD, "--text", "--no-model", "-f", "json").stdout)
    assert (data["lang"], data["ui_lang"]) == ("es", "es")
    data = json.loads(cli("check", SPANISH_AD, "--text", "--no-model", "-f", "json", "--lang", "pt", "--ui-lang", "en").stdout)
    assert (data["lang"], data["ui_lang"]) == ("pt", "en")


def test_quiet_stays_machine_readable_in_any_language(cli):
    score, level = cli("check", SPANISH_AD, "--text", "--no-model", "-q").stdout.split()
    assert level in ("low", "medium", "high")
