"""The fixed words of the terminal report (verdicts, headings, level names, general advice) in one language.

A formatter is handed a ``ReportWords`` through ``RenderOptions.words``; it never looks a language up
itself. ``ReportWords.from_ui`` builds one from a rule pack's ``[ui]`` table, English filling in any
word the table lacks; ``ENGLISH`` is the report as it has always read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from redflag.levels import LEVELS

HEADINGS = ("risk_score", "red_flags", "good_signs", "not_counted", "no_flags", "what_to_do", "language")


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
    names: Mapping[str, str] = field(default_factory=dict)  # language code -> the language's own name for itself

    @classmethod
    def from_ui(cls, ui: Mapping[str, object], names: Mapping[str, str] | None = None) -> "ReportWords":
        """The words of a pack's ``[ui]`` table; a word it does not give stays English."""
        def text(key: str, default: str) -> str:
            value = ui.get(key)
            return value if isinstance(value, str) and value.strip() else default

        advice = ui.get("general_advice")
        return cls(
            verdict={lv: text(f"verdict_{lv}", ENGLISH.verdict[lv]) for lv in LEVELS},
            level={lv: text(f"level_{lv}", ENGLISH.level[lv]) for lv in LEVELS},
            **{key: text(key, getattr(ENGLISH, key)) for key in HEADINGS},
            general_advice=tuple(advice) if isinstance(advice, list) and advice else ENGLISH.general_advice,
            names=dict(names or {}),
        )

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
