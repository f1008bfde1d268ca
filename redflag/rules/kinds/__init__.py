"""Rule kinds: every way a rule can recognise a sign, behind one ``Matcher`` interface (``base.py``).

A matcher is built once per rule with the context cues of its pack; for each ad it is given an
``Ad`` (the normalised text, the lowered text, the keyword places and the hits so far) and returns
what it ``Found``. Kinds whose matcher reads other rules' hits (``reads_hits``) run after the rest.

Adding a kind is one module here with a matcher class, plus one line in ``KINDS``; the loader
names a rule's kind from the fields it has (``Rule.kind``).
"""

from __future__ import annotations

from redflag.rules.kinds.base import Ad, Found, Hit, Matcher
from redflag.rules.kinds.combination import CombinationMatcher
from redflag.rules.kinds.pattern import PatternMatcher
from redflag.rules.schema import ContextCues, Rule

KINDS: dict[str, type[Matcher]] = {
    "pattern": PatternMatcher,
    "combination": CombinationMatcher,
}

__all__ = ["KINDS", "Ad", "Found", "Hit", "Matcher", "matcher_for"]


def matcher_for(rule: Rule, cues: ContextCues) -> Matcher:
    """The matcher of ``rule``'s kind, with the context cues of the pack it came from."""
    return KINDS[rule.kind](rule, cues)
