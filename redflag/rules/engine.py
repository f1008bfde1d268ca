"""Match the selected rules of the loaded packs against a normalised ad: rules that read text first,
each only when the keyword index says it could fire, then the kinds that read their hits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from redflag.result import Suppression
from redflag.rules.keywords import KeywordIndex
from redflag.rules.kinds import Ad, Hit, Matcher, matcher_for
from redflag.rules.kinds.base import MAX_EVIDENCE
from redflag.rules.schema import Rule, RulePack
from redflag.text.normalise import Normalised

__all__ = ["MAX_EVIDENCE", "MAX_SUPPRESSED", "Hit", "Matches", "RuleEngine", "lower_in_place", "selected"]

MAX_SUPPRESSED = 50


@dataclass(frozen=True, slots=True)
class Matches:
    """All hits of one ad, plus the triggers its context switched off."""

    hits: tuple[Hit, ...]
    suppressed: tuple[Suppression, ...]


def lower_in_place(text: str) -> str:
    """``text`` lower-cased one character for one, so offsets still hold: "İ" (U+0130), whose lower
    case is two characters, becomes "i" instead of turning lower-casing off for the whole ad."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    wide = {ord(c): c.lower()[0] for c in set(text) if len(c.lower()) != 1}
    return text.translate(wide).lower()


def selected(rule_id: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """ruff-style selection: a code or prefix in ``select`` keeps a rule, one in ``ignore`` drops it."""
    if select and not any(rule_id.startswith(s) for s in select):
        return False
    return not any(rule_id.startswith(i) for i in ignore)


class RuleEngine:
    """Rule packs ready for matching: a keyword index so each ad only runs the rules it could fire."""

    def __init__(self, packs: Iterable[RulePack], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> None:
        self.packs = tuple(packs)
        matchers: list[Matcher] = [
            matcher_for(rule, pack.context)
            for pack in self.packs for rule in pack.rules if selected(rule.id, select, ignore)
        ]
        self.rules: tuple[Rule, ...] = tuple(m.rule for m in matchers)
        self._order = {r.id: i for i, r in enumerate(self.rules)}
        self._by_id = {m.rule.id: m for m in reversed(matchers)}  # the first of a repeated id, as a scan would find
        self._text = {m.rule.id: m for m in matchers if not m.reads_hits}
        self._after = tuple(m for m in matchers if m.reads_hits)
        self._index = KeywordIndex({rule_id: m.rule.keywords for rule_id, m in self._text.items()})

    def rule(self, rule_id: str) -> Rule | None:
        """Look a rule up by id."""
        found = self._by_id.get(rule_id)
        return found.rule if found is not None else None

    def candidates(self, lowered: str) -> dict[str, list[int]]:
        """Rule id -> positions of its keywords in ``lowered``, for the rules that could fire."""
        return self._index.places(lowered)[0]

    def match(self, norm: Normalised) -> Matches:
        """Every rule hit in the ad, evidence mapped back to the original text."""
        text = norm.text
        lowered = lower_in_place(text)
        fold = len(lowered) == len(text)  # lower-casing kept every offset, so the fast patterns apply
        if not fold:
            lowered = text
        near, places = self._index.places(lowered)
        hits: list[Hit] = []
        suppressed: list[Suppression] = []
        ad = Ad(norm=norm, lowered=lowered, fold=fold, places=places, near=near, hits=hits)
        for rule_id in sorted(near, key=self._order.__getitem__):  # pack order, as without the index
            matcher = self._text[rule_id]
            found = matcher.match(ad)
            if found.suppressed and len(suppressed) < MAX_SUPPRESSED:
                suppressed.extend(found.suppressed[: MAX_SUPPRESSED - len(suppressed)])
            if found.evidence:
                hits.append(Hit(rule=matcher.rule, evidence=found.evidence))
        # the kinds that read hits see the text rules' hits only, not one another's
        later = [Hit(rule=m.rule, evidence=f.evidence) for m in self._after if (f := m.match(ad)).evidence]
        return Matches(hits=tuple(hits + later), suppressed=tuple(suppressed))
