"""The terminal reports: the short one on one screen, the full one with hanging indents; quiet; languages."""

import re

import pytest

from redflag.render.terminal import render, render_details
from redflag.render.words import REASONS as REASON_KEYS
from redflag.rules.loader import builtin_pack

ADS = ["hostess-abroad", "honest-farm"]


@pytest.mark.parametrize("ad", ADS)
def test_short_report_matches_golden_and_fits_one_screen(ad, example, rendered, golden_text, words):
    report, text = example(ad)
    out = rendered(render, report, source=f"examples/{ad}.txt", original=text, words=words("en"))
    assert out == golden_text(f"check-{ad}.txt")
    assert len(out.splitlines()) <= 25 and max(map(len, out.splitlines())) <= 80


@pytest.mark.parametrize("ad", ADS)
def test_details_match_golden(ad, example, rendered, golden_text, words):
    report, text = example(ad)
    out = rendered(render_details, report, source=f"examples/{ad}.txt", original=text, words=words("en"))
    assert out == golden_text(f"check-{ad}-details.txt")


def test_short_report_names_the_most_serious_reasons_what_to_do_and_help(example, rendered):
    report, text = example("hostess-abroad")
    out = rendered(render, report, original=text)
    assert out.startswith("╭─ Risk score 100/100  HIGH ") and "Serious warning signs" in out
    assert re.search(r"Red flags \(\d of 16\)", out)
    assert "1. Employer or agent keeps the worker's passport or ID" in out
    assert "2. Worker asked to pay a recruitment, placement or processing fee" in out
    assert "“Free flight and visa, small [processing fee] of 300 EUR before departure”" in out
    assert "Modern Slavery & Exploitation Helpline: 08000 121 700" in out  # the ad's +44 number: GB help
    assert "In immediate danger, call 999" in out and "redflag check --details" in out
    for moderator in ("FEE001", "severity", "Classifier", "Score:", "[189:203]", "Why:", "Contact and details"):
        assert moderator not in out


def test_no_advice_is_said_twice(example, rendered):
    report, text = example("hostess-abroad")
    for render_fn in (render, render_details):
        out = rendered(render_fn, report, original=text, width=400)
        tips = [ln for ln in out.splitlines() if ln.startswith("  • ") and ln.endswith(".")]
        assert tips and len(tips) == len(set(tips))
    assert not any(tip in out for tip in ("Never pay a fee, deposit or 'processing cost' to get a job.",
                                          "Never hand over your passport or ID card to an employer or agent."))


def test_quiet_is_score_and_level(example, rendered, golden_text):
    report, text = example("hostess-abroad")
    for render_fn in (render, render_details):
        out = rendered(render_fn, report, original=text, quiet=True)
        assert out == golden_text("check-quiet.txt") == f"{report.result.score:.0f} high\n"


def test_without_colour_the_evidence_is_bracketed_and_with_colour_it_is_styled(monkeypatch, example, rendered):
    monkeypatch.delenv("NO_COLOR", raising=False)
    report, text = example("hostess-abroad")
    plain = rendered(render, report, original=text)
    assert "[processing fee]" in plain and "\x1b[" not in plain
    coloured = rendered(render, report, original=text, color=True)
    assert "\x1b[" in coloured and "[processing fee]" not in coloured


def test_a_bare_result_renders_without_help_lines(example, rendered):
    report, text = example("hostess-abroad")
    out = rendered(render, report.result, original=text)
    assert "Red flags (" in out and "Where to get help" not in out and "What to do" in out


def test_the_ad_line_is_in_the_details_of_a_file_only(example, rendered):
    report, text = example("honest-farm")
    assert "Ad: " not in rendered(render_details, report, source="the ad text", original=text)
    assert "Ad: farm.txt" in rendered(render_details, report, source="farm.txt", original=text)
    assert "Ad: " not in rendered(render, report, source="farm.txt", original=text)


@pytest.mark.parametrize("width", [60, 80, 100])
def test_no_line_is_wider_than_the_terminal_nor_ends_in_spaces_outside_tables(width, example, rendered):
    report, text = example("hostess-abroad")
    for render_fn in (render, render_details):
        lines = rendered(render_fn, report, original=text, width=width).splitlines()
        assert max(map(len, lines)) <= width
        if "Contact and details found" in lines:  # rich pads a table's cells
            lines = lines[:lines.index("Contact and details found")] + lines[lines.index("What to do"):]
        assert [ln for ln in lines if ln.endswith(" ")] == []


def test_wrapped_lines_keep_their_hanging_indent(example, rendered):
    report, text = example("hostess-abroad")
    lines = rendered(render_details, report, original=text, width=60).splitlines()
    start = lines.index(next(ln for ln in lines if ln.startswith("  ● FEE001")))
    block = lines[start + 1:lines.index(next(ln for ln in lines if ln.startswith("  ● FEE003")))]
    assert len(block) > 5 and all(ln.startswith("    ") and not ln.startswith("     ") for ln in block)
    tips = lines[lines.index("What to do") + 1:lines.index("Where to get help")]
    assert all(ln.startswith("  • ") or ln.startswith("    ") for ln in tips)


def test_rich_markup_in_an_ad_is_printed_as_written(check_text, rendered):
    report, text = check_text("[bold red]URGENT[/] Pay the registration fee of 200 EUR today. [link=x]Apply[/link]")
    for render_fn in (render, render_details):
        out = rendered(render_fn, report, original=text, width=200)
        assert "“[bold red]URGENT[/] Pay the [registration fee] of 200 EUR today”" in out


# ------------------------------------------------------------------ the report in the ad's language


def test_spanish_report_matches_golden(spanish, rendered, golden_text, words):
    report, text = spanish
    assert (report.result.lang, report.result.ui_lang) == ("es", "es")
    assert rendered(render, report, original=text, words=words("es")) == golden_text("check-es.txt")
    assert rendered(render_details, report, original=text, words=words("es")) == golden_text("check-es-details.txt")


def test_spanish_short_report_has_the_packs_words_and_no_english(spanish, rendered, words):
    report, text = spanish
    result = report.result
    out = rendered(render, report, original=text, words=words("es"), width=400)
    ui = builtin_pack("es").ui
    assert out.startswith(f"╭─ {ui['risk_score']} {result.score:.0f}/100  {ui['level_high'].upper()} ")
    assert ui["verdict_high"] in out and f"{ui['red_flags']} (" in out and ui["what_to_do"] in out
    assert "Dónde pedir ayuda" in out and "900 10 50 90" in out and "800 5533 000" in out  # Spain and Mexico
    from redflag.render.verdict import reasons

    for flag in reasons(result)[:3]:
        assert flag.title in out
    for english in ("Risk score", "Red flags", "What to do", "HIGH", "Where to get help", "In immediate danger"):
        assert english not in out


def test_spanish_details_have_every_fixed_word_of_the_pack(spanish, rendered, words):
    report, text = spanish
    result = report.result
    out = rendered(render_details, report, original=text, words=words("es"), width=400)  # no line is wrapped
    ui = builtin_pack("es").ui
    assert f"{ui['language']}: Español (es)" in out
    assert f"{ui['red_flags']} ({len(result.red_flags)})" in out
    for flag in result.red_flags:
        grades = f"gravedad {ui['severity_' + flag.severity]}, confianza {ui['confidence_' + flag.confidence]}"
        assert f"{flag.id}  {flag.title}  ({grades}, {flag.weight:+.0f} puntos)" in out
        assert f"    {ui['why_line'].format(rationale=flag.rationale)}\n" in out
        if flag.id == "CMB005":
            assert (flag.title, flag.advice) == (ui["title_CMB005"], ui["advice_CMB005"])
    assert f"\n{ui['score']}: FEE001 30.0 + " in out
    for english in ("Risk score", "Red flags", "What to do", "HIGH", " severity", " confidence", " pts)", "Why: ",
                    "\nScore: ", "Off-platform contact"):
        assert english not in out


def test_without_words_the_renderer_speaks_english_and_looks_nothing_up(spanish, rendered):
    report, text = spanish
    out = rendered(render_details, report.result, original=text)
    assert out.startswith("╭─ Risk score ") and "Red flags (" in out and "What to do" in out
    assert "Language: es " in out  # no names were handed over either


def test_english_ui_for_a_spanish_ad_names_its_language(spanish, rendered, words):
    report, text = spanish
    out = rendered(render_details, report, original=text, words=words("en"))
    assert "Language: Español (es)" in out and "Risk score" in out


def test_reassuring_and_suppressed_headings_are_translated(check_text, rendered, words):
    from redflag.config import Config

    report, text = check_text("Trabajo en una granja. No cobramos ninguna cuota. Contrato por escrito y alta en la "
                              "Seguridad Social.", Config(use_model=False, entities=False))
    result = report.result
    out = rendered(render_details, report, original=text, words=words("es"))
    ui = builtin_pack("es").ui
    if result.reassuring:
        assert f"{ui['good_signs']} ({len(result.reassuring)})" in out
    if result.suppressed:
        assert ui["not_counted"] in out
    if not result.red_flags:
        assert ui["no_flags"] in out
        assert ui["no_flags"] in rendered(render, report, original=text, words=words("es"))
    assert "Reassuring signs" not in out and "Not counted" not in out
    for sup in result.suppressed[:8]:
        assert f" — {ui[REASON_KEYS[sup.reason]]} (“{sup.cue}”)" in out


def test_the_classifier_contact_table_and_ad_lines_are_translated(check_text, rendered, words):
    from redflag.config import Config
    from redflag.render.words import REASONS

    report, text = check_text("Trabajo en el extranjero para chicas. Pago de inscripción de 200 euros. No cobramos "
                              "comisión. Escribe a reclutamiento.empleo@gmail.com o al +34 612 345 678.", Config())
    result = report.result
    out = rendered(render_details, report, original=text, source="anuncio.txt", words=words("es"), width=400)
    ui = builtin_pack("es").ui
    assert f"{ui['ad']}: anuncio.txt" in out
    if result.model is not None:
        assert f"{ui['classifier']}: " in out and "probability of" not in out
    assert ui["entities"] in out and ui["entity_text"] in out and ui["kind_email"] in out
    assert "Contact and details found" not in out and "as written" not in out
    assert not any(f" — {reason} (" in out for reason in REASONS)
    assert "Policía Nacional" in out  # the +34 number: Spain's help
