"""Ages: ranges, bounds and "years old"; durations, counts and experience are not ages."""

from __future__ import annotations

import pytest

from redflag.entities import ages
from redflag.entities.base import Context


@pytest.mark.parametrize("text,value", [
    ("girls 18-25 wanted", "18-25"),
    ("aged 18 to 25", "18-25"),
    ("applicants must be under 30", "<30"),
    ("girls 18+", "18+"),
    ("must be 21 years old", "21"),
    ("ages: 20-28", "20-28"),
])
def test_ages(text, value, values):
    assert values(text, "age") == [value]


@pytest.mark.parametrize("text", [
    "18 months contract", "5 years experience", "under 30 minutes from London", "over 40 major cities",
    "type at least 50-60 wpm", "lift up to 30 pounds", "18+ years of experience", "shifts 18-22 daily",
])
def test_not_ages(text, values):
    assert values(text, "age") == []


def test_find_spans_the_cue_words():
    text = "aged 18 to 25"
    got = ages.find(text, Context.of(text))
    assert [(e.value, e.text) for e in got] == [("18-25", "aged 18 to 25")]


def test_numbers_without_an_age_word_are_skipped_early():
    text = "room 21 and 22"
    assert ages.find(text, Context.of(text)) == []


@pytest.mark.parametrize("text,value,span", [
    ("chicas de 18 a 25 años", "18-25", "de 18 a 25 años"),
    ("edad: 18 a 30", "18-30", "edad: 18 a 30"),
    ("mayores de 18", "18+", "mayores de 18"),
    ("moças entre 18 e 25 anos", "18-25", "entre 18 e 25 anos"),
    ("filles de 18 à 25 ans", "18-25", "de 18 à 25 ans"),
    ("moins de 30 ans", "<30", "moins de 30 ans"),
    ("Frauen zwischen 18 und 25 Jahren", "18-25", "zwischen 18 und 25 Jahren"),
    ("ab 18 Jahren", "18+", "ab 18 Jahren"),
    ("ragazze tra i 18 e i 25 anni", "18-25", "tra i 18 e i 25 anni"),
    ("meisjes tussen 18 en 25 jaar", "18-25", "tussen 18 en 25 jaar"),
    ("fete cu vârsta între 18 și 30 de ani", "18-30", "cu vârsta între 18 și 30 de ani"),
    ("dziewczyny w wieku 18-25 lat", "18-25", "w wieku 18-25 lat"),
    ("девушки 18-25 лет", "18-25", "18-25 лет"),
    ("девушки от 18 до 25 лет", "18-25", "от 18 до 25 лет"),
    ("до 30 лет", "<=30", "до 30 лет"),
    ("дівчата від 18 до 30 років", "18-30", "від 18 до 30 років"),
    ("момичета от 18 до 25 години", "18-25", "от 18 до 25 години"),
    ("nữ tuổi từ 18-25", "18-25", "tuổi từ 18-25"),
    ("18 tuổi trở lên", "18+", "18 tuổi trở lên"),
    ("dưới 25 tuổi", "<25", "dưới 25 tuổi"),
    ("babae, edad 18 hanggang 25", "18-25", "edad 18 hanggang 25"),
    ("25 taong gulang", "25", "25 taong gulang"),
    ("wanita usia 18-25 tahun", "18-25", "usia 18-25 tahun"),
    ("usia maksimal 30 tahun", "<=30", "maksimal 30 tahun"),
])
def test_ages_in_each_languages_formats(text, value, span, found):
    assert [(e.value, e.text) for e in found(text, "age")] == [(value, span)]


@pytest.mark.parametrize("text", [
    "10 años de experiencia", "20-30 лет опыта", "trabajo de 18 a 22 horas", "20 años en el mercado",
    "de 10 a 15 trabajadores", "от 20 до 30 тыс. руб", "5 năm kinh nghiệm", "turno de 18 a 22",
    "18-22 horas", "contrato de 12 meses",
])
def test_local_numbers_that_are_not_ages(text, values):
    assert values(text, "age") == []


@pytest.mark.parametrize("text,value", [
    ("Girls from Ukraine 18-21 wanted", "18-21"),
    ("Girls from the Philippines, 20-30", "20-30"),
    ("chicas de Paraguay 18-25", "18-25"),
    ("девушки из Украины 18-25", "18-25"),
    ("dziewczyny z Ukrainy 18-25", "18-25"),
])
def test_an_origin_between_the_person_and_the_age(text, value, values):
    assert values(text, "age") == [value]


def test_an_origin_does_not_make_hours_an_age(values):
    assert values("girls work from 18-22 daily", "age") == []
