"""Pattern rules: compiled once and bounded, searched only near keywords, quoting exact evidence."""

import re
import time
from pathlib import Path

import pytest

from redflag.errors import RulePackError
from redflag.rules.kinds.base import Ad, Found
from redflag.rules.kinds.pattern import PatternMatcher, compiled, finditer_near
from redflag.rules.keywords import KeywordIndex
from redflag.rules.loader import builtin_pack
from redflag.text.normalise import normalise

PACK = builtin_pack("en")
FEE001 = next(r for r in PACK.rules if r.id == "FEE001")


def ad_of(text, rule):
    norm = normalise(text)
    lowered = norm.text.lower()
    near, places = KeywordIndex({rule.key: rule.keywords}).places(lowered)
    return Ad(norm=norm, lowered=lowered, fold=True, places=places, near=near, hits=[])


def test_compiled_gives_width_and_words_and_is_cached():
    regex, width, words = compiled(r"\bfee(?:s)?\b")
    assert regex.search("a fees b") and width == 4 and words == frozenset({"fee", "fees"})
    assert compiled(r"\bfee(?:s)?\b") is compiled(r"\bfee(?:s)?\b")
    regex, _, words = compiled(r"\bfee\b", fold=False)
    assert regex.search("FEE") and words is None


@pytest.mark.parametrize("pattern,message", [("(fee", "does not compile"), (r"fee.*", "more than")])
def test_bad_patterns_are_refused(pattern, message):
    with pytest.raises(RulePackError, match=message):
        compiled(pattern)


def test_matcher_quotes_evidence_and_reports_suppressions():
    matcher = PatternMatcher(FEE001, PACK.context)
    text = "Pay a registration fee first."
    found = matcher.match(ad_of(text, FEE001))
    assert isinstance(found, Found) and found.evidence and not found.suppressed
    assert all(text[e.start:e.end] == e.text for e in found.evidence)
    negated = matcher.match(ad_of("We never charge any registration fee.", FEE001))
    assert not negated.evidence and negated.suppressed[0].reason == "negated"
    assert matcher.match(ad_of("nothing to see", FEE001)) == Found()


def test_plan_is_worked_out_once_per_case_mode():
    matcher = PatternMatcher(FEE001, PACK.context)
    assert matcher.plan(True) is matcher.plan(True)
    assert len(matcher.plan(False)) == len(FEE001.patterns)


def test_windows_drop_matches_cut_by_their_edges():
    pattern = re.compile(r"\bfee\b")
    text = "x" * 50 + " fee " + "y" * 50
    assert [m.start() for m in finditer_near(pattern, text, [51], 3)] == [51]
    assert list(finditer_near(re.compile(r"\bfee \w+\b"), "fee yyyyyyyyyy", [0], 5)) == []


def test_matching_stops_reading_once_a_rule_has_quoted_enough():
    from redflag.rules.kinds.base import MAX_EVIDENCE

    matches = finditer_near(re.compile(r"\bfee\b"), "fee " * 100_000, list(range(0, 400_000, 4)), 3)
    first = [next(matches) for _ in range(MAX_EVIDENCE)]
    assert [m.start() for m in first] == [0, 4, 8, 12, 16][:MAX_EVIDENCE]
    matcher = PatternMatcher(FEE001, PACK.context)
    text = "Pay a registration fee first. " * 20_000
    t0 = time.process_time()
    found = matcher.match(ad_of(text, FEE001))
    assert len(found.evidence) == MAX_EVIDENCE and time.process_time() - t0 < 0.5


def test_every_match_holds_one_of_its_rules_keywords():
    """The engine searches only around keywords: a pattern that can match without one silently misses ads."""
    import pandas as pd

    from redflag.config import Config
    from redflag.pipeline import Checker

    ads = Path(__file__).resolve().parents[3] / "data" / "synthetic" / "ads.csv"
    texts = pd.read_csv(ads, dtype=str, keep_default_na=False)["text"].head(800).tolist()
    engine = Checker(Config(use_model=False, entities=False)).engine
    texts += [ex.text for r in engine.rules for ex in r.matches]
    words = re.compile(r"[a-z]+")
    missing = set()
    for text in texts:
        low = normalise(text).text.lower()
        for rule in engine.rules:
            for source in rule.patterns:
                for m in compiled(source)[0].finditer(low):
                    a, b = m.span()
                    while a > 0 and "a" <= low[a] <= "z" and "a" <= low[a - 1] <= "z":  # whole words, as the engine finds them
                        a -= 1
                    while b < len(low) and "a" <= low[b - 1] <= "z" and "a" <= low[b] <= "z":
                        b += 1
                    if not rule.keywords.intersection(words.findall(low[a:b])):
                        missing.add((rule.id, m.group()))
    assert not missing, sorted(missing)[:10]
