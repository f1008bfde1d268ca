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
