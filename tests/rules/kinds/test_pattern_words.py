"""The words a pattern can hold: exact on simple shapes, None where it cannot follow, sound on real patterns."""

from __future__ import annotations

import re
import re._parser as sre_parse
from pathlib import Path

import pandas as pd
import pytest

from redflag.rules.kinds.pattern import compiled
from redflag.rules.loader import builtin_packs
from redflag.rules.kinds.pattern_words import contained_words
from redflag.text.normalise import normalise


@pytest.mark.parametrize("pattern, words", [
    (r"\bfee\b", {"fee"}),
    (r"\bfee(?:s)?\b", {"fee", "fees"}),
    (r"\b(?:pay|paid)(?:ment)?\b", {"pay", "paid", "payment", "paidment"}),
    (r"\b(?:the )?(?:job|visa) ", {"the", "job", "visa"}),
    (r"\bno(?: very){0,3} fee\b", {"no", "very", "fee"}),
    (r"\b(?:x|y)(?:z|w)\b", {"xz", "xw", "yz", "yw"}),  # re turns x|y into a class
    (r"\bgood[- ]?looking\b", {"good", "looking", "goodlooking"}),
    (r"\bfee\d{1,3}\b", {"fee"}),  # digits end a run of letters
    (r"(?<!direct )\b(?P<ev>contact) ", {"contact"}),
])
def test_words_of_simple_patterns(pattern, words):
    assert contained_words(sre_parse.parse(pattern)) == frozenset(words)


@pytest.mark.parametrize("pattern", [
    r"fee",  # could sit inside "coffee"
    r"\b(?:fee|fees)",  # could end inside "feeling"
    r"\b\w+ fee\b",  # any word
    r"\bfee[^.]{0,9} x\b",  # a class that takes letters
    r"\b(?:ab)+\b",  # words of any length
    r"\b[a-z]{2} x\b",
])
def test_unknown_shapes_give_none(pattern):
    assert contained_words(sre_parse.parse(pattern)) is None


def test_sound_on_the_shipped_patterns():
    """Every whole word inside a real match is one the analysis listed."""
    ads = Path(__file__).resolve().parents[3] / "data" / "synthetic" / "ads.csv"
    rules = [r for p in builtin_packs() for r in p.rules]
    texts = pd.read_csv(ads, dtype=str, keep_default_na=False)["text"].head(600).tolist()
    texts += [ex.text for r in rules for ex in r.matches]
    known = [(compiled(s)[0], compiled(s)[2]) for r in rules for s in r.patterns if compiled(s)[2] is not None]
    assert len(known) > 50
    letters = re.compile(r"[a-z]+")
    for text in texts:
        low = normalise(text).text.lower()
        for regex, words in known:
            for m in regex.finditer(low):
                a, b = m.span()
                while a > 0 and "a" <= low[a] <= "z" and "a" <= low[a - 1] <= "z":
                    a -= 1
                while b < len(low) and "a" <= low[b - 1] <= "z" and "a" <= low[b] <= "z":
                    b += 1
                assert set(letters.findall(low[a:b])) <= words, (regex.pattern, m.group())
