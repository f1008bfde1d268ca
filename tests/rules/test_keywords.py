"""Keyword index: whole words only, every place found, each candidate rule with its keywords' places."""

from redflag.rules.keywords import KeywordIndex, whole_word_places


def test_whole_words_only():
    assert whole_word_places("fee fees coffee fee", "fee") == [0, 16]
    assert whole_word_places("t.me/x at t", "t") == [0, 10]
    assert whole_word_places("go going ago go", "go") == [0, 13]


def test_places_per_rule_and_per_keyword():
    index = KeywordIndex({"A001": frozenset({"fee", "deposit"}), "B001": frozenset({"fee"}), "C001": frozenset({"visa"})})
    by_rule, by_word = index.places("a deposit and a fee, fee")
    assert by_rule == {"A001": [2, 16, 21], "B001": [16, 21]}
    assert by_word == {"deposit": [2], "fee": [16, 21]}
    assert index.places("nothing to see") == ({}, {})


def test_non_ascii_text_keeps_offsets():
    index = KeywordIndex({"A001": frozenset({"fee"})})
    assert index.places("é fee")[0] == {"A001": [2]}


def test_a_keyword_of_han_characters_is_found_wherever_they_stand_together():
    index = KeywordIndex({"A001": frozenset({"小时", "押金"}), "B001": frozenset({"fee"})})
    by_rule, by_word = index.places("每天工作14小时，押金fee")
    assert by_rule == {"A001": [6, 9], "B001": [11]}
    assert by_word == {"小时": [6], "押金": [9], "fee": [11]}
    assert index.places("小心时间")[0] == {}
