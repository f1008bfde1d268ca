"""The report's fixed words: built from a pack's [ui] table, English for whatever the table lacks."""

import pytest

from redflag.levels import LEVELS
from redflag.render.words import ENGLISH, HEADINGS, ReportWords
from redflag.rules.loader import builtin_pack, language_codes


def test_the_english_pack_gives_the_english_words():
    words = ReportWords.from_ui(builtin_pack("en").ui)
    assert words == ENGLISH


def test_missing_or_empty_words_stay_english():
    words = ReportWords.from_ui({"red_flags": "Señales de alarma", "what_to_do": "  ", "level_high": "alto"})
    assert words.red_flags == "Señales de alarma" and words.level["high"] == "alto"
    assert words.what_to_do == ENGLISH.what_to_do and words.level["low"] == "low"
    assert words.general_advice == ENGLISH.general_advice and words.verdict == ENGLISH.verdict


def test_an_empty_table_is_english():
    assert ReportWords.from_ui({}) == ENGLISH


@pytest.mark.parametrize("lang", language_codes())
def test_every_built_in_pack_gives_every_word(lang):
    ui = builtin_pack(lang).ui
    words = ReportWords.from_ui(ui)
    for key in HEADINGS:
        assert getattr(words, key) == ui[key]
    for lv in LEVELS:
        assert words.verdict[lv] == ui[f"verdict_{lv}"] and words.level[lv] == ui[f"level_{lv}"]
    assert list(words.general_advice) == ui["general_advice"]


def test_language_name_falls_back_to_the_code():
    words = ReportWords.from_ui({}, {"es": "Español"})
    assert words.language_name("es") == "Español (es)" and words.language_name("tl") == "tl"


def test_english_defaults_are_the_lines_as_they_always_read():
    assert ENGLISH.grades("high", "medium", 18) == "high severity, medium confidence, +18 pts"
    assert ENGLISH.why_line.format(rationale="x") == "Why: x" and ENGLISH.indicator_line.format(indicator="y") == "y"
    assert ENGLISH.reason("warning or hypothetical") == "warning or hypothetical" and ENGLISH.reason("other") == "other"


def test_a_line_that_loses_or_adds_a_blank_stays_english():
    words = ReportWords.from_ui({"flag_grades": "gravedad {severity}, {points} puntos", "why_line": "Por qué: {razon}",
                                 "indicator_line": "Fuente {indicator", "classifier_probability": "{probability:>5}"})
    assert (words.flag_grades, words.why_line) == (ENGLISH.flag_grades, ENGLISH.why_line)
    assert (words.indicator_line, words.classifier_probability) == (ENGLISH.indicator_line, ENGLISH.classifier_probability)


def test_grades_and_reasons_in_a_language():
    words = ReportWords.from_ui(builtin_pack("es").ui)
    assert words.grades("high", "low", 30) == "gravedad alta, confianza baja, +30 puntos"
    assert words.reason("negated") == "negado" and words.component["model"] == "modelo"


@pytest.mark.parametrize("lang", language_codes())
def test_every_built_in_pack_gives_every_line(lang):
    from redflag.render.words import LABELS, TEMPLATES

    ui = builtin_pack(lang).ui
    words = ReportWords.from_ui(ui)
    for key in (*LABELS, *TEMPLATES):
        assert getattr(words, key) == ui[key], key
    for lv in LEVELS:
        assert words.severity[lv] == ui[f"severity_{lv}"] and words.confidence[lv] == ui[f"confidence_{lv}"]
