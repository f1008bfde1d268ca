"""The fixed words of the terminal report (verdicts, headings, level names, labels, general advice) in one language.

A formatter is handed a ``ReportWords`` through ``RenderOptions.words``; it never looks a language up
itself. ``ReportWords.from_ui`` builds one from a rule pack's ``[ui]`` table, English filling in any
word the table lacks; ``ENGLISH`` is the report as it has always read.
"""

from __future__ import annotations

from collections.abc import Mapping
import string
from dataclasses import dataclass, field

from redflag.categories import HARMS
from redflag.levels import LEVELS

HEADINGS = ("risk_score", "red_flags", "good_signs", "not_counted", "no_flags", "what_to_do", "language")
# the labels of the report's other lines, each a plain word or phrase
LABELS = ("ad", "score", "classifier", "raised_by", "lowered_by", "entities", "entity_value", "entity_text", "points_to")
# lines with blanks: each must keep exactly its fields, or the English line is used
TEMPLATES: dict[str, tuple[str, ...]] = {
    "flag_grades": ("severity", "confidence", "points"),
    "indicator_line": ("indicator",),
    "why_line": ("rationale",),
    "classifier_probability": ("probability",),
    # a flag's arithmetic (PAY004): the promised amount as pay per hour against a typical wage
    "pay_explained": ("amount", "effort", "per_hour", "ratio", "wage", "region", "source"),
    "pay_explained_assumed": ("amount", "hours", "per_hour", "ratio", "wage", "region", "source"),
}
# why a phrase was not counted, as the rule engine says it -> the [ui] key of its words
REASONS = {
    "negated": "reason_negated",
    "negated inside the phrase": "reason_negated_inside",
    "negated after the phrase": "reason_negated_after",
    "warning or hypothetical": "reason_hypothetical",
}
COMPONENTS = ("base", "model", "bound")  # the score's parts that are not rule ids
ENTITY_KINDS = ("phone", "email", "url", "messenger", "money", "age", "nationality", "gender")  # the others are names
PREFIXED = {"severity": LEVELS, "confidence": LEVELS, "component": COMPONENTS, "kind": ENTITY_KINDS, "harm": HARMS}
# the [ui] keys every built-in pack gives, with the texts of each rule that its pack has no entry for
UI_KEYS = (*(f"verdict_{lv}" for lv in LEVELS), *(f"level_{lv}" for lv in LEVELS), *HEADINGS, *LABELS, *TEMPLATES,
           *REASONS.values(), *(f"{prefix}_{name}" for prefix, names in PREFIXED.items() for name in names), "general_advice")


def same_blanks(table: Mapping[str, object], english: object) -> dict[str, str]:
    """The words of ``table`` that may replace the English ones of the dataclass ``english``: non-empty
    strings for its fields, with exactly the blanks of the English word."""
    chosen = {}
    for name in getattr(type(english), "__dataclass_fields__", {}):
        value, default = table.get(name), getattr(english, name)
        if isinstance(value, str) and isinstance(default, str) and value.strip() and fields_of(value) == fields_of(default):
            chosen[name] = value
    return chosen


def fields_of(template: str) -> set[str] | None:
    """The names of a line's blanks (``{severity}``), or None when it is not a well-formed line."""
    try:
        return {name for _, name, spec, conv in string.Formatter().parse(template) if name is not None and not spec and not conv}
    except ValueError:
        return None


@dataclass(frozen=True, kw_only=True, slots=True)
class ReportWords:
    """Everything the terminal report says in its own voice, in one language."""

    verdict: Mapping[str, str]  # level -> the sentence the panel opens with
    level: Mapping[str, str]  # level -> its name (shown in capitals in the panel's title)
    risk_score: str
    red_flags: str
    good_signs: str
    not_counted: str
    no_flags: str
    what_to_do: str
    language: str
    general_advice: tuple[str, ...]
    ad: str = "Ad"
    score: str = "Score"
    classifier: str = "Classifier"
    raised_by: str = "raised by"
    lowered_by: str = "lowered by"
    entities: str = "Contact and details found"
    entity_value: str = "value"
    entity_text: str = "as written"
    flag_grades: str = "{severity} severity, {confidence} confidence, {points} pts"
    indicator_line: str = "{indicator}"
    why_line: str = "Why: {rationale}"
    classifier_probability: str = "{probability} probability of exploitation or fraud"
    pay_explained: str = "{amount} for {effort} ≈ {per_hour} USD an hour, about {ratio}x a typical hourly wage in {region} ({wage}, {source})"
    pay_explained_assumed: str = "{amount}, counted as full-time work ({hours} hours), ≈ {per_hour} USD an hour, about {ratio}x a typical hourly wage in {region} ({wage}, {source})"
    severity: Mapping[str, str] = field(default_factory=lambda: {lv: lv for lv in LEVELS})
    confidence: Mapping[str, str] = field(default_factory=lambda: {lv: lv for lv in LEVELS})
    component: Mapping[str, str] = field(default_factory=lambda: {c: c for c in COMPONENTS})
    kind: Mapping[str, str] = field(default_factory=lambda: {k: k for k in ENTITY_KINDS})
    reasons: Mapping[str, str] = field(default_factory=lambda: {reason: reason for reason in REASONS})
    names: Mapping[str, str] = field(default_factory=dict)  # language code -> the language's own name for itself
    points_to: str = "Points to"  # the line naming the kinds of harm the red flags point to
    harm: Mapping[str, str] = field(default_factory=lambda: dict(zip(HARMS, ("labour exploitation", "sexual exploitation", "job fraud"))))

    @classmethod
    def from_ui(cls, ui: Mapping[str, object], names: Mapping[str, str] | None = None) -> "ReportWords":
        """The words of a pack's ``[ui]`` table; a word it does not give stays English."""
        def text(key: str, default: str) -> str:
            value = ui.get(key)
            return value if isinstance(value, str) and value.strip() else default

        def template(key: str) -> str:
            value, english = text(key, getattr(ENGLISH, key)), getattr(ENGLISH, key)
            return value if fields_of(value) == fields_of(english) else english

        def prefixed(prefix: str, names: tuple[str, ...], english: Mapping[str, str]) -> dict[str, str]:
            return {name: text(f"{prefix}_{name}", english[name]) for name in names}

        advice = ui.get("general_advice")
        return cls(
            verdict={lv: text(f"verdict_{lv}", ENGLISH.verdict[lv]) for lv in LEVELS},
            level={lv: text(f"level_{lv}", ENGLISH.level[lv]) for lv in LEVELS},
            **{key: text(key, getattr(ENGLISH, key)) for key in (*HEADINGS, *LABELS)},
            **{key: template(key) for key in TEMPLATES},
            severity=prefixed("severity", LEVELS, ENGLISH.severity),
            confidence=prefixed("confidence", LEVELS, ENGLISH.confidence),
            component=prefixed("component", COMPONENTS, ENGLISH.component),
            kind=prefixed("kind", ENTITY_KINDS, ENGLISH.kind),
            reasons={reason: text(key, reason) for reason, key in REASONS.items()},
            general_advice=tuple(advice) if isinstance(advice, list) and advice else ENGLISH.general_advice,
            names=dict(names or {}),
            harm=prefixed("harm", HARMS, ENGLISH.harm),
        )

    def grades(self, severity: str, confidence: str, weight: float) -> str:
        """``high severity, medium confidence, +18 pts`` in these words."""
        return self.flag_grades.format(severity=self.severity.get(severity, severity),
                                       confidence=self.confidence.get(confidence, confidence), points=f"{weight:+.0f}")

    def reason(self, reason: str) -> str:
        """Why a phrase was not counted, in these words (an unknown reason as it is)."""
        return self.reasons.get(reason, reason)

    def harms(self, harms: Mapping[str, tuple[str, ...]]) -> str:
        """``job fraud (FEE005, CON002); labour exploitation (FEE001)`` in these words."""
        return "; ".join(f"{self.harm.get(h, h)} ({', '.join(ids)})" for h, ids in harms.items())

    def language_name(self, code: str) -> str:
        """``Español (es)`` when the language's name is known, else the code alone."""
        name = self.names.get(code)
        return f"{name} ({code})" if name else code


ENGLISH = ReportWords(
    verdict={
        "low": "No strong warning signs found. Still check the employer before you share documents or pay anything.",
        "medium": "Some warning signs. Check this offer carefully before you trust it.",
        "high": "Serious warning signs of exploitation or fraud. Do not pay, do not send documents, do not travel on this offer until it is checked.",
    },
    level={lv: lv for lv in LEVELS},
    risk_score="Risk score",
    red_flags="Red flags",
    good_signs="Reassuring signs",
    not_counted="Not counted, because of their context",
    no_flags="No red-flag rules fired.",
    what_to_do="What to do",
    language="Language",
    general_advice=(
        "Never pay a fee, deposit or 'processing cost' to get a job.",
        "Never hand over your passport or ID card to an employer or agent.",
        "Get a written contract, in a language you understand, before you travel or start.",
        "Check the employer independently: a real address, a company website, a landline.",
    ),
)
