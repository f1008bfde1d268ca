"""What a rule pack holds: rules, their examples and the context cues of the pack's language.

Plain frozen data; ``loader`` validates the TOML into these, the engine and the rule kinds read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from redflag.categories import is_reassuring

# A rule's severity (how grave the sign is) and confidence (how surely its recogniser shows it) are
# grades of one rule, not risk levels of an ad: they share the words low/medium/high, not the meaning.
GRADES: tuple[str, ...] = ("low", "medium", "high")
MAX_MATCH = 300  # characters: patterns are bounded, so matching stays linear and windows stay small
MIN_WEIGHT, MAX_WEIGHT = -50.0, 60.0
RULE_ID = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
REQUIRED = ("id", "title", "category", "indicator", "severity", "confidence", "weight", "rationale", "advice")
# The TOML type each rule field must have: a name the loader checks against ("text", "number", ...).
RULE_FIELDS = {
    **{key: "text" for key in ("id", "title", "category", "indicator", "severity", "confidence", "rationale", "advice")},
    "weight": "number", "negation": "true/false", "hypothetical": "true/false", "supporting": "true/false",
    "keywords": "list of texts", "patterns": "list of texts", "references": "list of texts", "no_match": "list of texts",
    "harm": "list of texts", "check": "text",
    "requires": "list of lists of texts", "match": "list of tables", "frames": "list of frames",
}
# What a language pack may say about a rule core.toml defines: how it is recognised and shown in that language.
LANGUAGE_FIELDS = frozenset({"id", "title", "advice", "keywords", "patterns", "match", "no_match"})
DEFINITION_FIELDS = frozenset(RULE_FIELDS) - LANGUAGE_FIELDS
DEFAULT_NEAR = 10  # words a frame's concepts may stand apart when the frame does not say
CONTEXT_FIELDS = {
    **{key: "list of texts" for key in ("negation", "pre_negation", "post_negation", "hypothetical", "terminators", "closing",
                                        "frame_breaks")},
    "window": "whole number", "tokens_per_word": "whole number",
}


@dataclass(frozen=True, slots=True)
class Example:
    """A text a rule must fire on, with the phrase it must quote."""

    text: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Frame:
    """Concepts that together make a rule fire: one of each group, in one sentence, ``near`` words apart."""

    groups: tuple[tuple[str, ...], ...]  # each group: alternative concept names
    near: int = DEFAULT_NEAR
    none: tuple[str, ...] = ()  # concepts that, in the same sentence, stop the frame
    between: tuple[str, ...] = ()  # concepts that, standing between its first and last word, stop one match of it

    @property
    def concepts(self) -> frozenset[str]:
        """Every concept the frame can use, its stoppers included."""
        return frozenset(c for g in self.groups for c in g) | frozenset(self.none) | frozenset(self.between)


@dataclass(frozen=True, slots=True)
class Rule:
    """One red flag (or reassuring sign) and how to find it."""

    id: str
    title: str
    category: str
    indicator: str
    severity: str
    confidence: str
    weight: float
    rationale: str
    advice: str
    references: tuple[str, ...]
    language: str
    keywords: frozenset[str]
    patterns: tuple[str, ...]  # regular expressions, written for lower-cased text
    negation: bool
    hypothetical: bool
    requires: tuple[tuple[str, ...], ...]
    matches: tuple[Example, ...]
    no_matches: tuple[str, ...]
    frames: tuple[Frame, ...] = ()
    harms: tuple[str, ...] = ()  # the kinds of harm it points to (redflag.categories.HARMS)
    check: str = ""  # a rule kind that reads the text its own way (``redflag.rules.kinds.KINDS``), e.g. "pay_realism"
    # a sign that only adds weight to others (work abroad, an unnamed "leading company"): fusion keeps
    # its pack weight instead of learning one, since honest ads say it too and training ads overstate it
    supporting: bool = False

    @property
    def key(self) -> str:
        """The rule in one language: the same id is recognised once per language pack."""
        return f"{self.id}@{self.language}"

    @property
    def kinds(self) -> tuple[str, ...]:
        """The rule kinds that recognise it (see ``redflag.rules.kinds``): patterns, frames, or other rules."""
        if self.check:
            return (self.check,)
        if self.requires:
            return ("combination",)
        return (("pattern",) if self.patterns else ()) + (("concept",) if self.frames else ())

    @property
    def reassuring(self) -> bool:
        """A good-practice sign rather than a red flag."""
        return is_reassuring(self.category)

    @property
    def is_combination(self) -> bool:
        """Combination rules fire on other rules, not on text."""
        return bool(self.requires)


class LazyPattern:
    """A regular expression compiled on first use: the context cues of the languages no ad is read
    in cost nothing (fifteen languages' cues take longer to compile than a whole check)."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern | None = None

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, *args) -> re.Match | None:
        return self.compiled.search(*args)

    def match(self, *args) -> re.Match | None:
        return self.compiled.match(*args)

    def fullmatch(self, *args) -> re.Match | None:
        return self.compiled.fullmatch(*args)


@dataclass(frozen=True, slots=True)
class ContextCues:
    """Word lists that decide whether a trigger is negated, hypothetical or closed off."""

    negation: tuple[str, ...]
    pre_negation: re.Pattern | LazyPattern
    post_negation: re.Pattern | LazyPattern
    hypothetical: re.Pattern | LazyPattern
    terminators: tuple[str, ...]
    closing: tuple[str, ...]
    window: int  # words (tokens) a negation reaches back over
    # tokens a word of the language is made of, on average, for the distances of frames (``near`` is
    # written in words): 2 in Chinese, where every Han character is a token and most words are two
    tokens_per_word: int = 1
    # marks the concepts of a frame may not stand across: in Chinese a comma separates what other
    # languages write as sentences ("包吃住，签订劳动合同，缴纳五险一金，报销机票")
    frame_breaks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RulePack:
    """A validated pack: its rules, its context cues and a hash of the file it came from."""

    id: str
    language: str
    version: str
    description: str
    rules: tuple[Rule, ...]
    context: ContextCues | None  # None for the core pack, whose rules read surfaces and other rules
    sha256: str
    path: str
    name: str = ""  # the language's own name for itself
    lexicon: object = None  # a ``redflag.rules.concepts.Lexicon`` when the pack defines concepts
    ui: dict = field(default_factory=dict)  # the words of the report in the pack's language
