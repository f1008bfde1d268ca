"""The tokeniser: words of every script, each Han character a word of its own, offsets kept."""

import re
import unicodedata

import pytest

from redflag.text.tokens import LEGACY_MODEL_TERM_PATTERN, MODEL_TERM, MODEL_TERMS, WORD, entry_words, words


def test_each_han_character_is_a_word_with_its_offsets():
    text = "需交保证金500元"
    found = words(text)
    assert [t.text for t in found] == ["需", "交", "保", "证", "金", "元"]
    assert all(text[t.start:t.end] == t.text for t in found)


@pytest.mark.parametrize("text, expected", [
    ("加QQ或Telegram飞机", ["加", "QQ", "或", "Telegram", "飞", "机"]),  # Latin runs stop at a Han character
    ("護照由公司保管", ["護", "照", "由", "公", "司", "保", "管"]),  # Traditional characters too
    ("㐀丽𠀀", ["㐀", "丽", "𠀀"]),  # Extension A, a compatibility ideograph, Extension B
])
def test_han_runs_split_into_characters(text, expected):
    assert WORD.findall(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("frais d'inscription", ["frais", "d'inscription"]),
    ("Паспорт остаётся у работодателя", ["Паспорт", "остаётся", "у", "работодателя"]),
    ("hộ chiếu", ["hộ", "chiếu"]),
    ("don't pay 200usd", ["don't", "pay", "usd"]),
    ("日本語のテキスト", ["日", "本", "語", "のテキスト"]),  # kana stay runs: only Han characters stand alone
])
def test_other_scripts_read_as_before(text, expected):
    assert WORD.findall(text) == expected


def test_entry_words_split_like_the_text():
    assert entry_words("保证金") == ["保", "证", "金"]
    assert entry_words("加 QQ群") == ["加", "qq", "群"]
    assert entry_words("frais d'inscription") == ["frais", "d'inscription"]
    assert entry_words("паспорт*") == ["паспорт*"]


def test_model_terms_read_han_characters_and_marks():
    assert MODEL_TERM.findall("需交保证金500元 ok") == ["需", "交", "保", "证", "金", "500", "元", "ok"]
    assert MODEL_TERM.findall("लड़कियाँ चाहिए, offer都 a b") == ["लड़कियाँ", "चाहिए", "offer", "都"]
    decomposed = unicodedata.normalize("NFD", "résumé café")
    assert MODEL_TERM.findall(decomposed) == decomposed.split()


def test_older_models_keep_their_terms():
    legacy = MODEL_TERMS[LEGACY_MODEL_TERM_PATTERN]
    assert legacy.findall("需交保证金500元 ok") == ["需交保证金500元", "ok"]
    assert [m.span() for m in legacy.finditer("ab c_d 12")] == [m.span() for m in re.finditer(LEGACY_MODEL_TERM_PATTERN, "ab c_d 12")]
