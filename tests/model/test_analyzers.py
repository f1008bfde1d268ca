"""The re-implemented analyzers produce exactly the terms and values scikit-learn's TfidfVectorizer does."""

from __future__ import annotations

import math
import re
from array import array

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from redflag.model.analyzers import TOKEN_PATTERN, WORD_RE, char_wb_grams, term_finder, tfidf_values, word_grams
from redflag.text.tokens import LEGACY_MODEL_TERM_PATTERN

SAMPLES = ["a bb ccc d_e f1 22 3", "Ünïcödé café—résumé naïve x", "snake_case_word a_b _ __ 1_2",
           "e-mail: a.b@c.de, +44 (0)20 7946 0958!", "İstanbul ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ 北京 ab", "x\ty\nzz\u200bqq",
           "日结500元,每天只需1小时 wechat号", "लड़कियाँ चाहिए, ghar baithe 30 मिनट", "Cafe\u0301 re\u0301sume\u0301"]


def test_the_legacy_tokeniser_equals_its_token_pattern_without_anchors(ads_maker):
    slow, fast = re.compile(LEGACY_MODEL_TERM_PATTERN), term_finder(LEGACY_MODEL_TERM_PATTERN)
    assert fast.pattern != slow.pattern
    for text in SAMPLES + [" ".join(ads_maker(20, seed=3)["text"])]:
        low = text.lower()
        assert [m.span() for m in fast.finditer(low)] == [m.span() for m in slow.finditer(low)]


def test_todays_tokeniser_is_the_one_training_uses():
    assert WORD_RE.pattern == TOKEN_PATTERN


@pytest.mark.parametrize("text", SAMPLES + ["ab", "a", ""])
def test_char_wb_grams_match_sklearn(text):
    analyse = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    ours = [g for w in text.lower().split() for g in char_wb_grams(w, 3, 5)]
    assert ours == analyse(text)


@pytest.mark.parametrize("pattern", [TOKEN_PATTERN, LEGACY_MODEL_TERM_PATTERN])
@pytest.mark.parametrize("text", SAMPLES)
def test_word_grams_match_sklearn(text, pattern):
    analyse = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=pattern).build_analyzer()
    assert word_grams(term_finder(pattern).findall(text.lower()), 1, 2) == analyse(text)


def test_han_characters_pair_up_as_word_bigrams():
    analyse = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=TOKEN_PATTERN).build_analyzer()
    assert analyse("刷单返利") == ["刷", "单", "返", "利", "刷 单", "单 返", "返 利"]


def test_unknown_token_patterns_are_not_reproduced():
    assert term_finder(r"(?u)\b\w+\b") is None
    assert term_finder(None) is term_finder(LEGACY_MODEL_TERM_PATTERN)


def test_tfidf_values_are_sublinear_and_l2_normalised():
    idf = array("d", [1.0, 2.0, 3.0])
    vals = tfidf_values({0: 1, 2: 3}, idf, sublinear=True, norm="l2")
    raw = {0: 1.0, 2: (1.0 + math.log(3)) * 3.0}
    length = math.sqrt(sum(v * v for v in raw.values()))
    assert vals == pytest.approx({c: v / length for c, v in raw.items()}, abs=1e-15)
    assert math.isclose(math.fsum(v * v for v in vals.values()), 1.0)
    assert tfidf_values({1: 100}, idf, sublinear=True, norm=None) == {1: (1.0 + math.log(100)) * 2.0}
    assert tfidf_values({1: 2}, idf, sublinear=False, norm=None) == {1: 4.0}
    assert tfidf_values({}, idf, sublinear=True, norm="l2") == {}
