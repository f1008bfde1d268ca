"""The words the command line looks up for a result's ui language and hands to the renderer."""

from redflag.render.reader import report_words
from redflag.render.words import ENGLISH
from redflag.rules.loader import builtin_pack, language_codes


def test_words_of_a_built_in_language():
    words = report_words("ru")
    assert words.risk_score == builtin_pack("ru").ui["risk_score"]
    assert set(words.names) == set(language_codes())
    assert words.language_name("es") == f"{builtin_pack('es').name} (es)"


def test_english_words_are_the_english_report():
    words = report_words("en")
    assert (words.verdict, words.level, words.general_advice) == (ENGLISH.verdict, ENGLISH.level, ENGLISH.general_advice)


def test_a_user_pack_adds_its_words_over_the_built_in_ones(tmp_path):
    src = builtin_pack("es").path
    from pathlib import Path

    text = Path(src).read_text(encoding="utf-8")
    pack = tmp_path / "mine.toml"
    pack.write_text(text.replace('id = "core-es"', 'id = "mine-es"', 1)
                    .replace('what_to_do = "Qué hacer"', 'what_to_do = "Qué puedes hacer"', 1), encoding="utf-8")
    assert report_words("es", [pack]).what_to_do == "Qué puedes hacer"


def test_the_lines_of_a_built_in_language():
    words = report_words("ru")
    ui = builtin_pack("ru").ui
    assert words.grades("high", "medium", 12) == ui["flag_grades"].format(
        severity=ui["severity_high"], confidence=ui["confidence_medium"], points="+12")
    from redflag.config import Config
    from redflag.pipeline import checker_for

    assert checker_for(Config()).engine.display("CMB005", "ru")[0] == ui["title_CMB005"]
    assert report_words("en").grades("high", "medium", 12) == "high severity, medium confidence, +12 pts"
