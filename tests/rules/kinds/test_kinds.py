"""The registry of rule kinds: every shipped rule has a kind, and each kind builds a matcher of the interface."""

from redflag.rules.kinds import KINDS, matchers_for
from redflag.rules.kinds.combination import CombinationMatcher
from redflag.rules.kinds.concept import ConceptMatcher
from redflag.rules.kinds.pattern import PatternMatcher
from redflag.rules.kinds.pay_realism import PayRealismMatcher
from redflag.rules.loader import builtin_packs


def test_every_shipped_rule_has_a_registered_kind():
    for pack in builtin_packs():
        for rule in pack.rules:
            matchers = matchers_for(rule, pack.context)
            assert [type(m) for m in matchers] == [KINDS[kind] for kind in rule.kinds] and matchers
            assert all(m.rule is rule and callable(m.match) for m in matchers)


def test_kinds_that_read_hits_run_last():
    assert KINDS == {"pattern": PatternMatcher, "concept": ConceptMatcher, "combination": CombinationMatcher,
                     "pay_realism": PayRealismMatcher}
    assert not PatternMatcher.reads_hits and not ConceptMatcher.reads_hits and CombinationMatcher.reads_hits
    assert not PayRealismMatcher.reads_hits
