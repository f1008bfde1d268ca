"""The registry of rule kinds: every shipped rule has a kind, and each kind builds a matcher of the interface."""

from redflag.rules.kinds import KINDS, matcher_for
from redflag.rules.kinds.combination import CombinationMatcher
from redflag.rules.kinds.pattern import PatternMatcher
from redflag.rules.loader import builtin_packs


def test_every_shipped_rule_has_a_registered_kind():
    for pack in builtin_packs():
        for rule in pack.rules:
            matcher = matcher_for(rule, pack.context)
            assert isinstance(matcher, KINDS[rule.kind]) and matcher.rule is rule
            assert callable(matcher.match)


def test_kinds_that_read_hits_run_last():
    assert KINDS == {"pattern": PatternMatcher, "combination": CombinationMatcher}
    assert not PatternMatcher.reads_hits and CombinationMatcher.reads_hits
