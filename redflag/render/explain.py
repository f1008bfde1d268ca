"""One rule in full for `redflag explain`: what it looks for, why, what to do, and its examples."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from redflag.render.options import RenderOptions, console as console_for

if TYPE_CHECKING:
    from redflag.rules.schema import Rule


def render(rule: Rule, stream: TextIO, options: RenderOptions) -> None:
    """Print the rule's facts, rationale, advice, references and the examples it fires and stays silent on."""
    from rich.text import Text

    console = console_for(stream, options)
    console.print(Text(f"{rule.id}  {rule.title}", style="bold"))
    for label, value in (("category", rule.category), ("indicator", rule.indicator), ("severity", rule.severity),
                         ("confidence", rule.confidence), ("weight", f"{rule.weight:+g} points"), ("language", rule.language)):
        console.print(Text(f"  {label:<11}{value}"))
    if rule.requires:
        console.print(Text("  fires when all of: " + "; ".join(" or ".join(g) for g in rule.requires)))
    sections = [("Why it matters", [rule.rationale]), ("What to do", [rule.advice])]
    if rule.references:
        sections.append(("References", [f"- {ref}" for ref in rule.references]))
    sections.append(("Fires on", [f"+ {ex.text}   (quotes “{ex.evidence}”)" for ex in rule.matches]))
    sections.append(("Stays silent on", [f"- {ex}" for ex in rule.no_matches]))
    for heading, lines in sections:
        console.print(Text(heading, style="bold"))
        for line in lines:
            console.print(Text(f"  {line}"))
