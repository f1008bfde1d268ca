"""Targeting: nationalities next to a person noun or cue, gender words with a cue, not EEO statements."""

from __future__ import annotations

from redflag.entities import targeting
from redflag.entities.base import Context


def test_nationality_targeting(values):
    text = "Girls from Moldova, Ukrainian women and Filipino workers; nationality: Nepal; Thai nationals"
    assert values(text, "nationality") == ["Moldova", "Ukraine", "Philippines", "Nepal", "Thailand"]
    assert values("Our offices in Germany and France serve clients", "nationality") == []
    assert values("the only UK platform", "nationality") == []


def test_aliases_and_multi_word_names(values):
    assert values("nannies from Czechia", "nationality") == ["Czech Republic"]
    assert values("citizens of South Africa", "nationality") == ["South Africa"]
    assert values("workers from Viet Nam", "nationality") == ["Vietnam"]


def test_gender_targeting(found, values):
    text = "Girls wanted. Women only. Female candidates and young ladies welcome."
    got = found(text, "gender")
    assert [e.text for e in got] == ["Girls wanted", "Women only", "Female candidates", "young ladies welcome"]
    assert {e.value for e in got} == {"female"}
    assert values("Men only for night shift", "gender") == ["male"]


def test_equal_opportunity_and_products_are_not_gender_targeting(found):
    assert found("We are an equal opportunity employer; women and minorities are encouraged to apply.", "gender") == []
    assert found("We sell women's and men's clothing", "gender") == []


def test_find_functions_read_the_context():
    text = "Moldovan girls"
    context = Context.of(text)
    assert [e.value for e in targeting.find_nationalities(text, context)] == ["Moldova"]
    assert [(e.value, e.text) for e in targeting.find_genders(text, context)] == [("female", "girls")]


def test_one_extractor_for_each_targeting_kind():
    assert targeting.NATIONALITIES.kinds == ("nationality",)
    assert targeting.GENDERS.kinds == ("gender",)
