"""Rule kinds: every way a rule can recognise a sign, behind one ``Matcher`` interface (``base.py``).

A matcher is built once per rule with the context cues of its pack; for each ad it is given an
``Ad`` (the normalised text, the lowered text, the keyword places and the hits so far) and returns
what it ``Found``. Kinds whose matcher reads other rules' hits (``reads_hits``) run after the rest.

Adding a kind is one module here with a matcher class, plus one line in ``KINDS``; the loader
names a rule's kinds from the fields it has (``Rule.kinds``): a rule may be recognised both by
patterns and by frames of concepts, each kind with its own matcher.
"""

from __future__ import annotations

from redflag.rules.kinds.base import Ad, Found, Hit, Matcher
from redflag.rules.kinds.combination import CombinationMatcher
from redflag.rules.kinds.concept import ConceptMatcher
from redflag.rules.kinds.pattern import PatternMatcher
from redflag.rules.kinds.pay_realism import PayRealismMatcher
from redflag.rules.schema import ContextCues, Rule

KINDS: dict[str, type[Matcher]] = {
    "pattern": PatternMatcher,
    "concept": ConceptMatcher,
    "combination": CombinationMatcher,
    "pay_realism": PayRealismMatcher,
}

__all__ = ["KINDS", "Ad", "Found", "Hit", "Matcher", "matchers_for"]


def matchers_for(rule: Rule, cues: ContextCues | None) -> list[Matcher]:
    """One matcher per kind that recognises ``rule``, with the context cues of the pack it came from."""
    return [KINDS[kind](rule, cues) for kind in rule.kinds]
