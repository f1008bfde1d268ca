"""The one interface every rule kind implements, and what a matcher is given and gives back."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from collections.abc import Sequence
from typing import ClassVar, Protocol

from redflag.result import Evidence, Explanation, Suppression
from redflag.rules.concepts import built_in_uses
from redflag.rules.context import sentence_starts, suppression
from redflag.rules.schema import ContextCues, Rule
from redflag.text.normalise import Normalised
from redflag.text.tokens import WORD

MAX_EVIDENCE = 5  # phrases quoted per rule; a rule fires once however often it matches


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired and the phrases of the original text that fired it."""

    rule: Rule
    evidence: tuple[Evidence, ...]
    note: Explanation | None = None  # the arithmetic behind it, for the kinds that compute one


class Ad:
    """One ad as every matcher sees it: its texts, where the keywords are, and the hits so far.

    The words of the ad, its sentences and the concepts each active language finds in it are
    worked out on first use and shared by every matcher of the ad.
    """

    __slots__ = ("norm", "lowered", "fold", "places", "near", "hits", "cues", "lexicons", "parts", "_words", "_spans", "_uses", "_present",
                 "_built_in", "_starts", "_sentences")

    def __init__(self, norm: Normalised, lowered: str, fold: bool, places: dict[str, list[int]],
                 near: dict[str, list[int]], hits: list[Hit], cues: dict[str, ContextCues] | None = None,
                 lexicons: dict | None = None, parts: Sequence[tuple[str, int, int]] = ()) -> None:
        self.norm = norm
        self.lowered = lowered  # the normalised text lower-cased, or as it is when lower-casing would move offsets
        self.fold = fold  # whether ``lowered`` really is lower-cased
        self.places = places  # keyword -> its sorted places in ``lowered``
        self.near = near  # matcher key -> the sorted places of its keywords
        self.hits = hits  # the rules fired so far, in pack order
        self.cues = cues or {}  # language -> its context cues, for every language the ad is read in
        self.parts = parts  # (language, start, end): which language each stretch of the text is in, when known
        self.lexicons = lexicons or {}  # language -> Lexicon, for the languages the ad is read in
        self._words: list[str] | None = None
        self._spans: list[re.Match] | None = None
        self._uses: dict | None = None
        self._present: dict[str, frozenset[str]] = {}
        self._built_in: dict[str, list] = {}
        self._starts: list[int] | None = None  # where each word starts, for placing built-in concepts
        self._sentences: list[int] | None = None

    @property
    def words(self) -> list[str]:
        """The words of the lower-cased text."""
        if self._words is None:
            self._spans = list(WORD.finditer(self.lowered))
            self._words = list(map(re.Match.group, self._spans))
        return self._words

    def spans(self) -> list[re.Match]:
        """The words as matches of the lower-cased text: ``spans()[i].span()`` is where word i stands."""
        if self._spans is None:
            self.words
        return self._spans

    @property
    def uses(self) -> dict[str, list]:
        """Language -> the concepts its lexicon finds in the ad, in text order."""
        if self._uses is None:
            self._uses = {lang: lex.uses(self.words, self.spans) for lang, lex in self.lexicons.items()}
        return self._uses

    def cues_at(self, a: int, b: int) -> tuple[ContextCues, ...]:
        """The context cues that judge a trigger at ``lowered[a:b]``: those of the language of its part
        of the ad when that language has a pack ("no" is a negation in English, "in the" in Portuguese),
        else those of every language the ad is read in."""
        langs = [lang for lang, s, e in self.parts if s < b and a < e and lang in self.cues]
        if not langs:
            return tuple(self.cues.values())
        return tuple(self.cues[lang] for lang in dict.fromkeys(langs))

    def present(self, lang: str) -> frozenset[str]:
        """The concepts of ``lang`` the ad uses at least once."""
        found = self._present.get(lang)
        if found is None:
            found = self._present[lang] = frozenset(u.concept for u in self.uses.get(lang, ()))
        return found

    def built_in(self, name: str) -> list:
        """Where a built-in concept (``@money``, ...) stands in the ad."""
        found = self._built_in.get(name)
        if found is None:
            if self._starts is None:
                self._starts = list(map(re.Match.start, self.spans()))
            found = self._built_in[name] = built_in_uses(name, self.lowered, self._starts)
        return found

    def sentence_of(self, pos: int) -> int:
        """The sentence holding character ``pos`` of the lowered text."""
        if self._sentences is None:
            self._sentences = sentence_starts(self.norm.text)
        return bisect_right(self._sentences, pos) - 1


@dataclass(frozen=True, slots=True)
class Found:
    """What one rule found in an ad: the evidence that fires it and the triggers its context switched off."""

    evidence: tuple[Evidence, ...] = ()
    suppressed: tuple[Suppression, ...] = ()
    note: Explanation | None = None


NOTHING = Found()


class Matcher(Protocol):
    """One rule of a kind, ready to look for its evidence in any ad."""

    reads_hits: ClassVar[bool]  # True: it reads the text kinds' hits, so runs after them on every ad
    rule: Rule

    def __init__(self, rule: Rule, cues: ContextCues) -> None: ...

    def match(self, ad: Ad) -> Found:
        """The evidence (original offsets, start order, at most MAX_EVIDENCE) and suppressions of this rule."""
        ...


class Quotes:
    """The phrases one rule gathers in one ad: each judged by its context (kept, or switched off
    and reported), overlaps with a kept phrase skipped, at most MAX_EVIDENCE kept."""

    __slots__ = ("rule", "own", "ad", "evidence", "suppressed", "_taken")

    def __init__(self, rule: Rule, cues: ContextCues | None, ad: Ad) -> None:
        self.rule = rule
        self.own = cues  # the rule's own language's cues: judged first, then those of the trigger's part of the ad
        self.ad = ad
        self.evidence: list[Evidence] = []
        self.suppressed: list[Suppression] = []
        self._taken: list[tuple[int, int]] = []

    @property
    def full(self) -> bool:
        """Enough phrases quoted: the rule fires once however often it matches."""
        return len(self.evidence) >= MAX_EVIDENCE

    def offer(self, a: int, b: int, keep: Sequence[tuple[int, int]] = ()) -> bool:
        """A trigger at ``lowered[a:b]``: quoted unless it overlaps a quoted one or its context switches
        it off (``keep``: spans inside it that are the pack's own words). True when it is quoted."""
        if any(a < tb and ta < b for ta, tb in self._taken):
            return False
        ev = evidence_at(self.ad.norm, a, b)
        why = suppression(self.ad.lowered, a, b, (self.own, *self.ad.cues_at(a, b)),
                          negation=self.rule.negation, conditional=self.rule.hypothetical, keep=keep,
                          payment=self.rule.category == "fees")
        if why:
            self.suppressed.append(Suppression(rule_id=self.rule.id, evidence=ev, reason=why[0], cue=why[1]))
            return False
        self._taken.append((a, b))
        self.evidence.append(ev)
        return True

    def found(self) -> Found:
        """What the rule found, its phrases in text order."""
        if not self.evidence and not self.suppressed:
            return NOTHING
        self.evidence.sort(key=lambda e: e.start)
        return Found(evidence=tuple(self.evidence[:MAX_EVIDENCE]), suppressed=tuple(self.suppressed))


def evidence_at(norm: Normalised, a: int, b: int) -> Evidence:
    """The original text behind a normalised span, trimmed of surrounding blanks."""
    start, end = norm.original_span(a, b)
    raw = norm.original[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw) - len(raw.rstrip())
    start, end = start + lead, end - trail
    return Evidence(text=norm.original[start:end], start=start, end=end)
