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


HOSTILE = {
    "look-alike run": "а",  # Cyrillic а, 500,000 of which never finished
    "look-alike beside Latin": "aа",
    "spaced digits": "1 ",
    "leet candidates": "$1 ",
    "spaced letters": "a ",
    "dotted letters": "a.",
    "leet words": "p@ss ",
    "split words": "pass port ",
    "tags": "<b>x</b> ",
    "line breaks": "a\n",
    "double spaces": "a  ",
    "zero-width": "a\u200b",
    "emoji in words": "a\U0001f600",
}


def _best_time(text, repeats=3):
    """Best of a few runs with the garbage collector paused: the growth of the algorithm, not of the heap."""
    import gc
    import time

    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            t = time.perf_counter()
            normalise(text)
            best = min(best, time.perf_counter() - t)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("unit", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_takes_linear_time(unit):
    small, large = unit * (20_000 // len(unit)), unit * (80_000 // len(unit))
    for _ in range(3):  # a busy machine can slow one measurement; quadratic growth fails every time
        ratio = (_best_time(large) - 0.02) / _best_time(small)
        if ratio < 6:
            break
    assert ratio < 6


def test_gaps_read_as_one_space_and_paragraphs_survive():
    assert normalise("processing  fee").text == "processing fee"
    assert normalise("processing\tfee").text == "processing fee"
    assert normalise("keeps your\npassport").text == "keeps your passport"
    assert normalise("No fees.\nPassport kept").text == "No fees.\nPassport kept"
    assert normalise("o Paid holidays\no Airfare").text == "o Paid holidays\no Airfare"
    assert normalise("fee\n\nthen").text == "fee\nthen"
    assert normalise("keeps your <b>passport</b> now").text == "keeps your passport now"
    assert normalise("pass<i>port</i>").text == "passport"
    assert normalise("<li>no fee</li><li>passport kept</li>").text == "\nno fee\npassport kept\n"


def test_a_gap_at_the_edge_of_a_span_is_left_out():
    text = "pay the <b> fee </b> now"
    norm = normalise(text)
    a = norm.text.index(" fee ")
    assert norm.original_text(a, a + 5) == "fee"
    assert norm.original_text(a, a + 1) == ""


def test_broken_up_words_are_rejoined_but_honest_commas_stay():
    assert normalise("your pass port").text == "your passport"
    assert normalise("whats-app me").text == "whatsapp me"
    assert normalise("a fe e of").text == "a fee of"
    assert normalise("a f3e of").text == "a fee of"
    assert normalise("pass, port").text == "pass, port"
    assert normalise("fe e-learning").text == "fe e-learning"
    norm = normalise("your pa\u200bss port")
    assert norm.text == "your passport" and norm.original_text(5, 13) == "pa\u200bss port"


def test_zero_width_space_between_words_and_emoji_inside_a_word():
    assert normalise("processing\u200bfee").text == "processing fee"
    assert normalise("pass\U0001f6c2port").text == "passport"
    assert normalise("fee \U0001f6c2 now").text == "fee \U0001f6c2 now"


def test_cherokee_look_alikes_are_read_as_latin():
    assert normalise("\u13d4hatsApp").text == "WhatsApp"


def test_a_line_break_inside_a_sentence_keeps_offsets_exact():
    text = "We keep your\npassport for safety."
    norm = normalise(text)
    assert norm.text == "We keep your passport for safety."
    assert norm.original_text(13, 21) == "passport"
