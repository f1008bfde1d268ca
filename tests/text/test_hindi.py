"""Hindi in Devanagari: words read whole (vowel signs, virama, nukta and candrabindu are combining
marks inside a word) and the language is told apart as "hi"."""

import unicodedata

import pytest

from redflag.text.language import detect
from redflag.text.normalise import normalise
from redflag.text.tokens import WORD, entry_words, words


@pytest.mark.parametrize("text, expected", [
    ("लड़कियाँ चाहिए", ["लड़कियाँ", "चाहिए"]),  # nukta and candrabindu inside a word
    ("पासपोर्ट कंपनी के पास रहेगा।", ["पासपोर्ट", "कंपनी", "के", "पास", "रहेगा"]),  # virama conjunct, anusvara; danda splits
    ("रजिस्ट्रेशन फीस 1500 रुपये", ["रजिस्ट्रेशन", "फीस", "रुपये"]),  # digits split words
    ("कोई शुल्क नहीं।", ["कोई", "शुल्क", "नहीं"]),  # a word ending in a vowel sign and anusvara
])
def test_devanagari_words_are_read_whole(text, expected):
    found = words(text)
    assert [t.text for t in found] == expected
    assert all(text[t.start:t.end] == t.text for t in found)


def test_a_precomposed_nukta_letter_reads_as_the_decomposed_one():
    """NFKC decomposes "ज़" (U+095B) into ज + nukta, in ads as in a pack's entries once normalised."""
    composed = "\u095b\u0930\u0942\u0930\u0924"  # ज़रूरत written with the single code point
    norm = normalise(composed).text
    assert norm == unicodedata.normalize("NFKC", composed) == "\u091c\u093c\u0930\u0942\u0930\u0924"
    assert WORD.findall(norm) == [norm]


def test_zero_width_joiners_do_not_split_a_word():
    text = "क्\u200dष"  # a half form asked for with ZWJ
    assert len(WORD.findall(normalise(text).text)) == 1


def test_entry_words_of_a_devanagari_phrase():
    assert entry_words("पंजीकरण शुल्क") == ["पंजीकरण", "शुल्क"]


@pytest.mark.parametrize("text", [
    "घर बैठे काम करें और रोज़ 500 से 1000 रुपये कमाएँ, रजिस्ट्रेशन फीस केवल 300 रुपये।",
    "वेतन 18,000 रुपये प्रति माह, पीएफ और ईएसआई की सुविधा, कंपनी कोई शुल्क नहीं लेती।",
])
def test_devanagari_hindi_is_hi(text):
    found = detect(text)
    assert found.main == "hi" and found.reliable
