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


@pytest.fixture
def cli80(monkeypatch):
    """`redflag ARGS...` at 80 columns, the width of the check goldens."""
    from typer.testing import CliRunner

    from redflag.cli import app

    env = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
    return lambda *args: CliRunner().invoke(app, list(args), env=env, prog_name="redflag")


# (options, golden suffix): standard output is not a terminal here, so the default is plain text
FORMS = [((), "-plain.txt"), (("--details",), "-details-plain.txt"), (("-f", "text"), "-plain.txt"),
         (("-f", "terminal"), ".txt"), (("-f", "terminal", "--details"), "-details.txt"),
         (("-f", "markdown"), ".md"), (("-f", "markdown", "--details"), "-details.md")]


@pytest.mark.parametrize("ad", ["hostess-abroad", "honest-farm"])
@pytest.mark.parametrize("options,suffix", FORMS)
def test_reports_match_golden(cli80, golden, examples, ad, options, suffix):
    res = cli80("check", f"examples/{ad}.txt", *options)
    assert res.stdout == golden(f"check-{ad}{suffix}")


def test_default_report_fits_one_screen_at_80_columns(cli80, examples):
    res = cli80("check", "examples/hostess-abroad.txt", "-f", "terminal")
    lines = res.stdout.splitlines()
    assert len(lines) <= 25 and max(map(len, lines)) <= 80
    assert len(cli80("check", "examples/hostess-abroad.txt", "-f", "terminal", "--details").stdout.splitlines()) > 100


def test_default_is_the_terminal_report_on_a_terminal(monkeypatch, examples):
    import io

    from redflag.cli.check import check

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    for tty, framed in ((True, True), (False, False)):
        out = Tty() if tty else io.StringIO()
        with monkeypatch.context() as patch:
            patch.setattr("sys.stdout", out)
            check("examples/honest-farm.txt", format=None, details=False, quiet=False, as_text=False, fail_on=None,
                  select=None, ignore=None, rules=None, model=None, no_model=True, weights=None, region=None, lang=None,
                  ui_lang=None, redact=False)
        assert ("╭─" in out.getvalue()) is framed and "Risk score 0/100" in out.getvalue()


def test_region_chooses_the_help_lines(cli):
    ad = "Pay the registration fee of 200 EUR today. Call +44 7700 900123."
    assert "Modern Slavery & Exploitation Helpline" in cli("check", ad, "--no-model").stdout  # the +44 number
    out = cli("check", ad, "--no-model", "--region", "US").stdout
    assert "National Human Trafficking Hotline (Polaris): 1-888-373-7888, text 233733" in out
    assert "Modern Slavery" not in out


def test_redacted_report_still_finds_the_help_of_the_phone_numbers(cli):
    res = cli("check", "Pay the registration fee. Contact only on WhatsApp +44 7700 900123.", "--no-model", "--redact",
              "--details")
    assert "7700 900123" not in res.stdout and "Modern Slavery & Exploitation Helpline" in res.stdout


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
    assert "“Contact only on WhatsApp, small [processing fee]”" in res.stdout and "FEE001" not in res.stdout
    assert "What to do" in res.stdout
    assert "FEE001  " in cli("check", "Contact only on WhatsApp, small processing fee.", "--no-model", "--details").stdout


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
    res = cli("check", SPANISH_AD, "--text", "--no-model", "-f", "terminal")
    assert res.stdout.startswith("╭─ Puntuación de riesgo ") and "Dónde pedir ayuda" in res.stdout
    assert "Señales de alarma (" in res.stdout and "Qué hacer" in res.stdout and "Risk score" not in res.stdout
    details = cli("check", SPANISH_AD, "--text", "--no-model", "--details").stdout
    assert details.startswith("Puntuación de riesgo ") and "Idioma: Español (es)" in details


def test_ui_lang_chooses_the_reports_language(cli):
    english = cli("check", SPANISH_AD, "--text", "--no-model", "--ui-lang", "en", "--details", "-f", "terminal").stdout
    assert english.startswith("╭─ Risk score ") and "Language: Español (es)" in english and "What to do" in english
    assert "Where to get help" in english
    russian = cli("check", SPANISH_AD, "--text", "--no-model", "--ui-lang", "RU", "--details").stdout
    assert russian.startswith("Оценка риска ") and "Язык: Español (es)" in russian and "Куда обратиться" in russian


def test_lang_reads_the_ad_in_a_language_and_json_reports_it(cli):
    data = json.loads(cli("check", SPANISH_AD, "--text", "--no-model", "-f", "json").stdout)
    assert (data["lang"], data["ui_lang"]) == ("es", "es")
    data = json.loads(cli("check", SPANISH_AD, "--text", "--no-model", "-f", "json", "--lang", "pt", "--ui-lang", "en").stdout)
    assert (data["lang"], data["ui_lang"]) == ("pt", "en")


def test_quiet_stays_machine_readable_in_any_language_and_form(cli):
    for options in ((), ("--details",), ("-f", "markdown"), ("-f", "terminal", "--details")):
        score, level = cli("check", SPANISH_AD, "--text", "--no-model", "-q", *options).stdout.split()
        assert level in ("low", "medium", "high")


def test_json_is_unchanged_by_details(cli, examples):
    plain = cli("check", "examples/hostess-abroad.txt", "-f", "json").stdout
    assert cli("check", "examples/hostess-abroad.txt", "-f", "json", "--details").stdout == plain
    assert "help" not in json.loads(plain)
