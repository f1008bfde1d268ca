"""The one interface every rule kind implements, and what a matcher is given and gives back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from redflag.result import Evidence, Suppression
from redflag.rules.schema import ContextCues, Rule
from redflag.text.normalise import Normalised

MAX_EVIDENCE = 5  # phrases quoted per rule; a rule fires once however often it matches


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired and the phrases of the original text that fired it."""

    rule: Rule
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Ad:
    """One ad as every matcher sees it: its texts, where the keywords are, and the hits so far."""

    norm: Normalised
    lowered: str  # the normalised text lower-cased, or as it is when lower-casing would move offsets
    fold: bool  # whether ``lowered`` really is lower-cased
    places: dict[str, list[int]]  # keyword -> its sorted places in ``lowered``
    near: dict[str, list[int]]  # rule id -> the sorted places of its keywords
    hits: list[Hit]  # the rules fired so far, in pack order


@dataclass(frozen=True, slots=True)
class Found:
    """What one rule found in an ad: the evidence that fires it and the triggers its context switched off."""

    evidence: tuple[Evidence, ...] = ()
    suppressed: tuple[Suppression, ...] = ()


NOTHING = Found()


class Matcher(Protocol):
    """One rule of a kind, ready to look for its evidence in any ad."""

    reads_hits: ClassVar[bool]  # True: it reads the text kinds' hits, so runs after them on every ad
    rule: Rule

    def __init__(self, rule: Rule, cues: ContextCues) -> None: ...

    def match(self, ad: Ad) -> Found:
        """The evidence (original offsets, start order, at most MAX_EVIDENCE) and suppressions of this rule."""
        ...


def evidence_at(norm: Normalised, a: int, b: int) -> Evidence:
    """The original text behind a normalised span, trimmed of surrounding blanks."""
    start, end = norm.original_span(a, b)
    raw = norm.original[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw) - len(raw.rstrip())
    start, end = start + lead, end - trail
    return Evidence(text=norm.original[start:end], start=start, end=end)
