"""Folding: a same-length, de-confused lower-case copy, so offsets on it fit the original."""

from __future__ import annotations

from redflag.entities import extract
from redflag.entities.folding import cues, fold, positions, words


def test_deobfuscation_keeps_original_offsets():
    text = "Саll ０７７００ ９００１２３ or WhаtsApp me; mail аnna＠mail.com"  # Cyrillic a/С, fullwidth digits and @
    got = extract(text, "GB")
    kinds = {(e.kind, e.value) for e in got}
    assert ("phone", "+447700900123") in kinds
    assert ("email", "anna@mail.com") in kinds
    for e in got:
        assert text[e.start:e.end] == e.text


def test_fold_keeps_the_length():
    for text in ("Саll ０７７００", "İstanbul", "a\u200bb\u2013c", "٠١٢٣ ①②"):
        assert len(fold(text)) == len(text)
    assert fold("Саll ０７７００") == "call 07700"
    assert fold("٠١٢ ①②") == "012 12"
    assert fold("a\u200bb\u2013c") == "a b-c"


def test_words_and_cues_share_one_form():
    assert words(fold("Call me, WhatsApp-only")) == cues("call", "me", "whatsapp", "only")


def test_positions_are_whole_words_only():
    assert list(positions("one phone one none one", "one")) == [0, 10, 19]


def test_a_word_ends_where_a_word_ends_and_a_han_character_may_touch_digits_and_han():
    import re

    from redflag.entities.folding import word_end

    assert re.fullmatch("元" + word_end("元") + ".*", "元起") and re.fullmatch("元" + word_end("元") + ".*", "元5")
    assert not re.fullmatch("元" + word_end("元") + ".*", "元x")
    assert re.match("euro" + word_end("euro"), "euro ") and not re.match("euro" + word_end("euro"), "euros")
    assert word_end("€") == ""
