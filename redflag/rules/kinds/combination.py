"""Combination rules: several signs together, each group of ``requires`` met by a red flag that fired.

A group may also name a built-in concept (``@brand``): a fact about the ad that is no red flag on
its own, such as a famous company's name, is met by its being in the ad.
"""

from __future__ import annotations

from typing import ClassVar

from redflag.result import Evidence
from redflag.rules.kinds.base import NOTHING, Ad, Found, evidence_at
from redflag.rules.schema import ContextCues, Rule


def refers_to(ref: str, rule: Rule) -> bool:
    """A reference in ``requires`` names a category, a rule id or a prefix of rule ids."""
    return ref == rule.category or rule.id.startswith(ref)


class CombinationMatcher:
    """A rule that fires on the hits of other rules; it quotes the first phrase of each group it needs."""

    reads_hits: ClassVar[bool] = True

    def __init__(self, rule: Rule, cues: ContextCues) -> None:
        self.rule = rule
        # groups met by fired rules first: a built-in concept is looked for only once they all are
        self.groups = sorted(rule.requires, key=lambda g: all(ref.startswith("@") for ref in g))

    def match(self, ad: Ad) -> Found:
        """Evidence when every group is met by a rule with positive weight (or a built-in concept), else nothing."""
        evidence: list[Evidence] = []
        for group in self.groups:
            members = [h for h in ad.hits if h.rule.weight > 0 and any(refers_to(ref, h.rule) for ref in group)]
            if members:
                evidence.extend(members[0].evidence[:1])
                continue
            uses = [u for ref in group if ref.startswith("@") for u in ad.built_in(ref)]
            if not uses:
                return NOTHING
            first = min(uses, key=lambda u: u.start)
            evidence.append(evidence_at(ad.norm, first.start, first.end))
        unique = sorted({(e.start, e.end): e for e in evidence}.values(), key=lambda e: e.start)
        return Found(evidence=tuple(unique))
