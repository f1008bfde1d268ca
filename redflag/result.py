"""Immutable result objects: everything renderers and evaluation need, computed once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from redflag.categories import HARMS, is_reassuring


@dataclass(frozen=True, kw_only=True, slots=True)
class Evidence:
    """A phrase of the user's own input: ``text == input[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        """Plain JSON-ready values, in a stable key order."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, kw_only=True, slots=True)
class Suppression:
    """A trigger that matched but was switched off by its context, and why."""

    rule_id: str
    evidence: Evidence
    reason: str
    cue: str

    def to_dict(self) -> dict:
        """Plain JSON-ready values, in a stable key order."""
        return {"rule_id": self.rule_id, "reason": self.reason, "cue": self.cue, **self.evidence.to_dict()}


_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")


def _marked(figure: str, group: str, point: str) -> str:
    """A figure written "1,234.5" with another language's thousands and decimal marks."""
    whole, _, fraction = figure.partition(".")
    return whole.replace(",", group) + (point + fraction if fraction else "")


@dataclass(frozen=True, kw_only=True, slots=True)
class Explanation:
    """The arithmetic behind a hit: the [ui] template that says it, the values of its blanks, and the figures as numbers."""

    template: str  # a [ui] key, e.g. "pay_explained"
    fields: tuple[tuple[str, str], ...]
    figures: tuple[tuple[str, object], ...] = ()
    names: tuple[tuple[str, str], ...] = ()  # (blank, key): blanks a pack may say in its language, [ui.<blank>] key
    numbers: tuple[str, ...] = ()  # blanks holding figures written 1,234.5, which a pack may write its own way

    def text(self, template: str, ui: Mapping[str, object] | None = None) -> str:
        """``template`` with these fields filled in, each named blank in the words of ``ui`` (a pack's
        [ui]) when it names its key and each figure with the marks of its [ui.numbers]; "" when the
        template's blanks are not these fields."""
        ui = ui or {}
        fields = dict(self.fields)
        for blank, key in self.names:
            table = ui.get(blank)
            if isinstance(table, Mapping) and isinstance(table.get(key), str):
                fields[blank] = table[key]
        marks = ui.get("numbers")
        if isinstance(marks, Mapping):
            group, point = str(marks.get("thousands", ",")), str(marks.get("decimal", "."))
            for blank in self.numbers:
                if blank in fields:
                    fields[blank] = _FIGURE.sub(lambda m: _marked(m.group(), group, point), fields[blank])
        try:
            return template.format(**fields)
        except (KeyError, IndexError, ValueError):
            return ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Flag:
    """One rule that fired, with the phrases that made it fire."""

    id: str
    title: str
    category: str
    severity: str
    confidence: str
    indicator: str
    weight: float
    rationale: str
    advice: str
    evidence: tuple[Evidence, ...]
    requires: tuple[str, ...] = ()
    harms: tuple[str, ...] = ()  # the kinds of harm it points to: labour, sexual, scam
    explanation: str = ""  # the arithmetic behind it, in the reader's language (PAY004: pay per hour)
    figures: tuple[tuple[str, object], ...] = ()  # the numbers of that arithmetic

    @property
    def reassuring(self) -> bool:
        """Good-practice rules are reassuring signs, whatever points learned weights give them."""
        return is_reassuring(self.category)

    def to_dict(self) -> dict:
        """Plain JSON-ready values; ``requires`` only for combination rules."""
        d = {
            "id": self.id,
            "title": self.title,
            "category": self.category,
            "severity": self.severity,
            "confidence": self.confidence,
            "indicator": self.indicator,
            "weight": self.weight,
            "rationale": self.rationale,
            "advice": self.advice,
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.requires:
            d["requires"] = list(self.requires)
        if self.harms and not self.reassuring:
            d["harm"] = list(self.harms)
        if self.explanation or self.figures:
            d["explanation"] = {"text": self.explanation, **dict(self.figures)}
        return d


@dataclass(frozen=True, kw_only=True, slots=True)
class Component:
    """One line of the score: the components of a result add up to its score."""

    name: str
    kind: str  # "base", "rule", "model" or "bound"
    points: float

    def to_dict(self) -> dict:
        """Plain JSON-ready values, in a stable key order."""
        return {"name": self.name, "kind": self.kind, "points": round(self.points, 4)}


@dataclass(frozen=True, kw_only=True, slots=True)
class Term:
    """A model term that pushed the probability up (positive) or down, with its places in the ad."""

    term: str
    weight: float
    spans: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict:
        """Plain JSON-ready values, in a stable key order."""
        return {"term": self.term, "weight": round(self.weight, 6), "spans": [s.to_dict() for s in self.spans]}


@dataclass(frozen=True, kw_only=True, slots=True)
class ModelOutput:
    """The classifier's probability and its strongest terms."""

    probability: float
    terms: tuple[Term, ...] = ()
    name: str = ""

    def to_dict(self) -> dict:
        """Plain JSON-ready values, in a stable key order."""
        return {"name": self.name, "probability": round(self.probability, 6), "terms": [t.to_dict() for t in self.terms]}


@dataclass(frozen=True, kw_only=True, slots=True)
class Result:
    """Everything known about one ad; renderers only format it."""

    score: float
    level: str
    flags: tuple[Flag, ...]
    suppressed: tuple[Suppression, ...] = ()
    components: tuple[Component, ...] = ()
    model: ModelOutput | None = None
    entities: tuple = ()
    text_length: int = 0
    version: dict = field(default_factory=dict)
    lang: str = "und"  # the ad's main language (ISO 639-1), or "und" when too short to tell
    langs: tuple[str, ...] = ()  # every language detected in it, main first
    ui_lang: str = "en"  # the language its titles and advice are shown in

    @property
    def red_flags(self) -> tuple[Flag, ...]:
        """The flags that raise concern, in firing order."""
        return tuple(f for f in self.flags if not f.reassuring)

    @property
    def reassuring(self) -> tuple[Flag, ...]:
        """The good-practice signs, kept apart so a report never lists them as red flags."""
        return tuple(f for f in self.flags if f.reassuring)

    @property
    def harms(self) -> dict[str, tuple[str, ...]]:
        """Each kind of harm the red flags point to, with the flags that support it; the kind with the
        most points first (several may apply: a fee for a club job abroad is labour and sexual)."""
        found: dict[str, list[Flag]] = {}
        for f in self.red_flags:
            for harm in f.harms:
                found.setdefault(harm, []).append(f)
        ranked = sorted(found.items(), key=lambda kv: (-sum(f.weight for f in kv[1]), HARMS.index(kv[0])))
        return {harm: tuple(f.id for f in flags) for harm, flags in ranked}

    def to_dict(self) -> dict:
        """The JSON shape of a result: red flags and reassuring signs listed apart."""
        d = {
            "score": round(self.score, 2),
            "level": self.level,
            "flags": [f.to_dict() for f in self.red_flags],
            "reassuring": [f.to_dict() for f in self.reassuring],
            "suppressed": [s.to_dict() for s in self.suppressed],
            "components": [c.to_dict() for c in self.components],
            "model": self.model.to_dict() if self.model else None,
            "entities": [e.to_dict() for e in self.entities],
            "text_length": self.text_length,
            "lang": self.lang,
            "langs": list(self.langs),
            "ui_lang": self.ui_lang,
            "harm": {harm: list(ids) for harm, ids in self.harms.items()},
            "version": self.version,
        }
        return d
