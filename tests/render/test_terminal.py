"""The terminal report: verdict, evidence quoted in its sentence, advice; and the quiet line."""

import io
from pathlib import Path

import pytest

from redflag.config import Config
from redflag.pipeline import checker_for
from redflag.render.options import RenderOptions
from redflag.render.terminal import render
from redflag.render.words import REASONS as REASON_KEYS

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def checked(name: str):
    """(Result, original text) of an example ad, checked with the shipped rules and model."""
    text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    return checker_for(Config()).check(text), text


def _render(result, **options) -> str:
    stream = io.StringIO()
    render(result, stream, RenderOptions(**{"width": 100, "color": False, **options}))
    return stream.getvalue()


@pytest.mark.parametrize("ad", ["hostess-abroad", "honest-farm"])
def test_report_matches_golden(ad):
    result, text = checked(ad)
    golden = (GOLDEN / f"check-{ad}.txt").read_text(encoding="utf-8")
    assert _render(result, source=f"examples/{ad}.txt", original=text) == golden


def test_quiet_is_score_and_level():
    result, text = checked("hostess-abroad")
    golden = (GOLDEN / "check-quiet.txt").read_text(encoding="utf-8")
    assert _render(result, original=text, quiet=True) == golden == f"{result.score:.0f} high\n"


def test_without_colour_the_evidence_is_bracketed_and_with_colour_it_is_styled(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    result, text = checked("hostess-abroad")
    plain = _render(result, original=text)
    assert "[processing fee]" in plain and "\x1b[" not in plain
    coloured = _render(result, original=text, color=True)
    assert "\x1b[" in coloured and "[processing fee]" not in coloured


def test_inline_text_has_no_ad_line():
    result, text = checked("honest-farm")
    assert "Ad: " not in _render(result, source="the ad text", original=text)
    assert "Ad: farm.txt" in _render(result, source="farm.txt", original=text)


def test_width_is_honoured():
    result, text = checked("honest-farm")
    assert max(map(len, _render(result, original=text).splitlines())) == 100
    assert max(map(len, _render(result, original=text, width=60).splitlines())) == 60


# ------------------------------------------------------------------ the report in the ad's language

SPANISH_AD = ("Se buscan chicas de 18 a 25 años para un club en el extranjero. Pago de inscripción de 200 euros "
              "antes de viajar. Contacto solo por WhatsApp.")


def spanish():
    """(Result, text) of a small Spanish ad, rules only, so its golden does not move with the model."""
    return checker_for(Config(use_model=False, entities=False)).check(SPANISH_AD), SPANISH_AD


def words_for(lang: str):
    """The words the command line hands the renderer for ``lang``."""
    from redflag.cli.words import report_words

    return report_words(lang)


def test_spanish_report_matches_golden():
    result, text = spanish()
    assert (result.lang, result.ui_lang) == ("es", "es")
    golden = (GOLDEN / "check-es.txt").read_text(encoding="utf-8")
    assert _render(result, original=text, words=words_for("es")) == golden


def test_spanish_report_has_every_fixed_word_of_the_pack():
    from redflag.rules.loader import builtin_pack

    result, text = spanish()
    out = _render(result, original=text, words=words_for("es"), width=400)  # no line is wrapped
    ui = builtin_pack("es").ui
    assert out.startswith(f"╭─ {ui['risk_score']} {result.score:.0f}/100  {ui['level_high'].upper()} ")
    assert f"{ui['language']}: Español (es)" in out
    assert f"{ui['red_flags']} ({len(result.red_flags)})" in out
    assert ui["what_to_do"] in out
    assert ui["verdict_high"] in out
    for tip in ui["general_advice"]:
        assert f"  • {tip}\n" in out
    for flag in result.red_flags:  # titles come from the pipeline: the pack's, or its [ui] for the rules of core.toml alone
        grades = f"gravedad {ui['severity_' + flag.severity]}, confianza {ui['confidence_' + flag.confidence]}"
        assert f"{flag.id}  {flag.title}  ({grades}, {flag.weight:+.0f} puntos)" in out
        assert f"    {ui['why_line'].format(rationale=flag.rationale)}\n" in out
        assert f"  • {flag.advice}\n" in out
        if flag.id == "CMB005":
            assert (flag.title, flag.advice) == (ui["title_CMB005"], ui["advice_CMB005"])
    assert f"\n{ui['score']}: FEE001 30.0 + " in out and ui["title_CMB005"] in out
    for english in ("Risk score", "Red flags", "What to do", "HIGH", "Never pay a fee", " severity", " confidence",
                    " pts)", "Why: ", "\nScore: ", "Off-platform contact", "Stop before paying"):
        assert english not in out


def test_without_words_the_renderer_speaks_english_and_looks_nothing_up():
    result, text = spanish()
    out = _render(result, original=text)
    assert out.startswith("╭─ Risk score ") and "Red flags (" in out and "What to do" in out
    assert "Language: es " in out  # no names were handed over either


def test_english_ui_for_a_spanish_ad_names_its_language():
    result, text = spanish()
    out = _render(result, original=text, words=words_for("en"))
    assert "Language: Español (es)" in out and "Risk score" in out


def test_english_ad_has_no_language_line_and_the_english_pack_reads_as_before():
    result, text = checked("honest-farm")
    golden = (GOLDEN / "check-honest-farm.txt").read_text(encoding="utf-8")
    assert _render(result, source="examples/honest-farm.txt", original=text, words=words_for("en")) == golden
    assert "Language:" not in golden


def test_reassuring_and_suppressed_headings_are_translated():
    from redflag.rules.loader import builtin_pack

    text = "Trabajo en una granja. No cobramos ninguna cuota. Contrato por escrito y alta en la Seguridad Social."
    result = checker_for(Config(use_model=False, entities=False)).check(text)
    out = _render(result, original=text, words=words_for("es"))
    ui = builtin_pack("es").ui
    if result.reassuring:
        assert f"{ui['good_signs']} ({len(result.reassuring)})" in out
    if result.suppressed:
        assert ui["not_counted"] in out
    if not result.red_flags:
        assert ui["no_flags"] in out
    assert "Reassuring signs" not in out and "Not counted" not in out
    for sup in result.suppressed[:8]:
        assert f" — {ui[REASON_KEYS[sup.reason]]} (“{sup.cue}”)" in out


def test_the_classifier_contact_table_and_ad_lines_are_translated():
    from redflag.render.words import REASONS
    from redflag.rules.loader import builtin_pack

    text = ("Trabajo en el extranjero para chicas. Pago de inscripción de 200 euros. No cobramos comisión. "
            "Escribe a reclutamiento.empleo@gmail.com o al +34 612 345 678.")
    result = checker_for(Config()).check(text)
    out = _render(result, original=text, source="anuncio.txt", words=words_for("es"), width=400)
    ui = builtin_pack("es").ui
    assert f"{ui['ad']}: anuncio.txt" in out
    if result.model is not None:
        assert f"{ui['classifier']}: " in out and "probability of" not in out
    assert ui["entities"] in out and ui["entity_text"] in out and ui["kind_email"] in out
    assert "Contact and details found" not in out and "as written" not in out
    for sup in result.suppressed:
        assert sup.reason in REASONS
    assert not any(f" — {reason} (" in out for reason in REASONS)
