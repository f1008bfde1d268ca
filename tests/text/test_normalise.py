"""Normalisation: disguises are undone and every normalised span maps back to the exact original text."""

import random
import re

import pytest

from redflag.text.normalise import normalise

CASES = [
    ("Contact W h a t s A p p now", "whatsapp", "W h a t s A p p"),
    ("your p@ssport please", "passport", "p@ssport"),
    ("pa$$port kept", "passport", "pa$$port"),
    ("a f.e.e of 300", "fee", "f.e.e"),
    ("<b>Passport</b> kept", "passport", "Passport"),
    ("Visa &amp; flight", "&", "&amp;"),
    ("раssport kept", "passport", "раssport"),  # Cyrillic р and а
    ("ＦＲＥＥ visa", "free", "ＦＲＥＥ"),
    ("pass\u200bport", "passport", "pass\u200bport"),
    ("c0ntact me", "contact", "c0ntact"),
]


@pytest.mark.parametrize("original,needle,expected", CASES)
def test_disguise_is_undone_and_maps_back(original, needle, expected):
    norm = normalise(original)
    m = re.search(needle, norm.text, re.IGNORECASE)
    assert m, norm.text
    assert norm.original_text(*m.span()) == expected


@pytest.mark.parametrize("text", ["mail jane@gmail.com", "covid19 and 24hours", "b2b mp3 h1b", "plain text", "3rd 10am 401k"])
def test_ordinary_tokens_are_left_alone(text):
    assert normalise(text).text == text


def test_unchanged_text_has_identity_map():
    norm = normalise("Nothing to rewrite here.")
    assert norm.segments == ()
    assert norm.original_span(3, 7) == (3, 7)


def test_html_tags_separate_words():
    assert normalise("<p>fee</p><p>deposit</p>").text.split() == ["fee", "deposit"]


def test_random_spans_map_inside_the_original():
    rng = random.Random(7)
    alphabet = list("abc p@$01 <>&;.-é\u200bАр\n") + ["&amp;", "<b>", "W h a t s"]
    for _ in range(300):
        original = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        norm = normalise(original)
        for _ in range(10):
            a = rng.randint(0, len(norm.text))
            b = rng.randint(a, len(norm.text))
            s, e = norm.original_span(a, b)
            assert 0 <= s <= e <= len(original)


def test_adversarial_input_is_fast():
    import time

    for bad in ("a " * 200_000, "a." * 200_000, "<" * 200_000, "&#" * 200_000, "p@" * 200_000, "é" * 200_000):
        t = time.perf_counter()
        normalise(bad)
        assert time.perf_counter() - t < 5, bad[:10]


def test_typographic_punctuation_is_folded_one_for_one():
    norm = normalise("a \u201cfee\u201d \u2013 it\u2019s\u00a0due")
    assert norm.text == 'a "fee" - it\'s due'
    assert norm.original_text(2, 7) == "\u201cfee\u201d"
