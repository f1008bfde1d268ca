"""The short report's own words: every language the packs read has them, with their blanks intact."""

import pytest

from redflag.help import countries_of
from redflag.render.seeker_words import SeekerWords, seeker_words
from redflag.render.words import fields_of
from redflag.rules.loader import language_codes

WORDS = ("shown_of", "get_help", "emergency", "sms", "details_hint")


@pytest.mark.parametrize("lang", language_codes())
def test_every_pack_language_has_every_word_and_its_countries_help(lang):
    words, english = seeker_words(lang), SeekerWords()
    for name in WORDS:
        value = getattr(words, name)
        assert value and fields_of(value) == fields_of(getattr(english, name))
        if lang != "en":
            assert value != getattr(english, name) or name == "sms", (lang, name)
    assert countries_of(lang), lang


def test_unknown_languages_are_english_and_the_general_tips_have_subjects():
    assert seeker_words("xx").get_help == "Where to get help" == seeker_words("").get_help
    covers = seeker_words("de").general_covers
    assert len(covers) == 4 and "fees" in covers[0] and "documents" in covers[1]
    assert seeker_words("es").shown_of.format(shown=3, total=6) == "3 de 6"
