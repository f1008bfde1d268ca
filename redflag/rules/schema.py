"""What a rule pack holds: rules, their examples and the context cues of the pack's language.

Plain frozen data; ``loader`` validates the TOML into these, the engine and the rule kinds read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    "weight": "number", "negation": "true/false", "hypothetical": "true/false",
    "keywords": "list of texts", "patterns": "list of texts", "references": "list of texts", "no_match": "list of texts",
    "requires": "list of lists of texts", "match": "list of tables",
}
CONTEXT_FIELDS = {
    **{key: "list of texts" for key in ("negation", "pre_negation", "post_negation", "hypothetical", "terminators", "closing")},
    "window": "whole number",
}


@dataclass(frozen=True, slots=True)
class Example:
    """A text a rule must fire on, with the phrase it must quote."""

    text: str
    evidence: str


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
    kind: str = "pattern"  # the name of the rule kind that recognises it (see ``redflag.rules.kinds``)

    @property
    def reassuring(self) -> bool:
        """A good-practice sign rather than a red flag."""
        return is_reassuring(self.category)

    @property
    def is_combination(self) -> bool:
        """Combination rules fire on other rules, not on text."""
        return bool(self.requires)


@dataclass(frozen=True, slots=True)
class ContextCues:
    """Word lists that decide whether a trigger is negated, hypothetical or closed off."""

    negation: tuple[str, ...]
    pre_negation: re.Pattern
    post_negation: re.Pattern
    hypothetical: re.Pattern
    terminators: tuple[str, ...]
    closing: tuple[str, ...]
    window: int


@dataclass(frozen=True, slots=True)
class RulePack:
    """A validated pack: its rules, its context cues and a hash of the file it came from."""

    id: str
    language: str
    version: str
    description: str
    rules: tuple[Rule, ...]
    context: ContextCues
    sha256: str
    path: str
