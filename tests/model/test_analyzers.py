"""The re-implemented analyzers produce exactly the terms and values scikit-learn's TfidfVectorizer does."""

from __future__ import annotations

import math
import re
from array import array

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from redflag.model.analyzers import TOKEN_PATTERN, WORD_RE, char_wb_grams, tfidf_values, word_grams

SAMPLES = ["a bb ccc d_e f1 22 3", "Ünïcödé café—résumé naïve x", "snake_case_word a_b _ __ 1_2",
           "e-mail: a.b@c.de, +44 (0)20 7946 0958!", "İstanbul ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ 北京 ab", "x\ty\nzz\u200bqq"]


def test_fast_tokeniser_equals_the_training_token_pattern(ads_maker):
    slow = re.compile(TOKEN_PATTERN)
    for text in SAMPLES + [" ".join(ads_maker(20, seed=3)["text"])]:
        low = text.lower()
        assert WORD_RE.findall(low) == slow.findall(low)
        assert [m.span() for m in WORD_RE.finditer(low)] == [m.span() for m in slow.finditer(low)]


@pytest.mark.parametrize("text", SAMPLES + ["ab", "a", ""])
def test_char_wb_grams_match_sklearn(text):
    analyse = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    ours = [g for w in text.lower().split() for g in char_wb_grams(w, 3, 5)]
    assert ours == analyse(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_word_grams_match_sklearn(text):
    analyse = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=TOKEN_PATTERN).build_analyzer()
    assert word_grams(WORD_RE.findall(text.lower()), 1, 2) == analyse(text)


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
