"""Terminal report for a job-seeker: verdict, quoted evidence in its sentence, and what to do."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from redflag.render.options import RenderOptions, console as console_for
from redflag.render.words import ENGLISH, ReportWords
from redflag.result import Evidence, Flag, Result
from redflag.rules.context import sentence_bounds

LEVEL_STYLE = {"low": "bold green", "medium": "bold yellow", "high": "bold red"}
SEVERITY_STYLE = {"low": "cyan", "medium": "yellow", "high": "red"}
CONTEXT_CHARS = 90


def _in_sentence(original: str, ev: Evidence, style: str, marks: bool) -> Text:
    """The evidence highlighted inside its sentence, trimmed to a readable length.

    Without colour (a pipe, NO_COLOR) the phrase is also bracketed, so it stays visible.
    """
    s, e = sentence_bounds(original, ev.start, ev.end)
    s = max(s, ev.start - CONTEXT_CHARS)
    e = min(e, ev.end + CONTEXT_CHARS)
    before = " ".join(original[s:ev.start].split())
    after = " ".join(original[ev.end:e].split())
    line = Text("    “", style="dim")
    if s > 0 and not original[s - 1] in ".!?\n":
        line.append("…", style="dim")
    line.append(before + (" " if before and original[s:ev.start][-1:].isspace() else ""))
    quoted = " ".join(ev.text.split())
    line.append(f"[{quoted}]" if marks else quoted, style=style)
    line.append((" " if original[ev.end:e][:1].isspace() else "") + after)
    line.append("”", style="dim")
    line.append(f"  [{ev.start}:{ev.end}]", style="dim")
    return line


def _flag_block(flag: Flag, original: str, reassuring: bool, marks: bool, words: ReportWords) -> Group:
    head = Text("  ")
    head.append("✓ " if reassuring else "● ", style="green" if reassuring else SEVERITY_STYLE[flag.severity])
    head.append(flag.id, style="bold")
    head.append(f"  {flag.title}")
    head.append(f"  ({words.grades(flag.severity, flag.confidence, flag.weight)})", style="dim")
    parts = [head, Text(f"    {words.indicator_line.format(indicator=flag.indicator)}", style="italic dim")]
    highlight = "bold green" if reassuring else "bold white on red"
    parts += [_in_sentence(original, ev, highlight, marks) for ev in flag.evidence]
    if flag.explanation:
        parts.append(Text(f"    = {flag.explanation}"))
    if not reassuring:
        parts.append(Text(f"    {words.why_line.format(rationale=flag.rationale)}", style="dim"))
    return Group(*parts)


def render(result: Result, stream: TextIO, options: RenderOptions) -> None:
    """Print the full report, quoting ``options.original``; with ``options.quiet`` only score and level."""
    console = console_for(stream, options)
    if options.quiet:
        console.print(f"{result.score:.0f} {result.level}", markup=False, highlight=False)
        return
    _report(result, options.original or "", console, options.source or "", options.words or ENGLISH)


def _report(result: Result, original: str, console: Console, source: str, words: ReportWords) -> None:
    title = Text()
    title.append(f"{words.risk_score} {result.score:.0f}/100  ", style="bold")
    title.append(f"{words.level[result.level].upper()}", style=LEVEL_STYLE[result.level])
    body = [Text(words.verdict[result.level])]
    harms = result.harms
    if harms:
        body.append(Text(f"{words.points_to}: {words.harms(harms)}", style="bold"))
    if result.lang not in ("en", "und"):  # an English ad's report reads as it always has
        body.insert(0, Text(f"{words.language}: " + ", ".join(map(words.language_name, result.langs or (result.lang,))), style="dim"))
    if source and source != "the ad text":
        body.insert(0, Text(f"{words.ad}: {source}", style="dim"))
    console.print(Panel(Group(*body), title=title, title_align="left", border_style=LEVEL_STYLE[result.level]))

    marks = console.color_system is None
    red = result.red_flags
    if red:
        console.print(Text(f"{words.red_flags} ({len(red)})", style="bold"))
        for flag in red:
            console.print(_flag_block(flag, original, reassuring=False, marks=marks, words=words))
    else:
        console.print(Text(words.no_flags, style="bold"))
    if result.reassuring:
        console.print(Text(f"{words.good_signs} ({len(result.reassuring)})", style="bold green"))
        for flag in result.reassuring:
            console.print(_flag_block(flag, original, reassuring=True, marks=marks, words=words))
    if result.suppressed:
        console.print(Text(words.not_counted, style="bold dim"))
        for sup in result.suppressed[:8]:
            line = Text("  ○ ", style="dim")
            line.append(f"{sup.rule_id} “{' '.join(sup.evidence.text.split())}”", style="dim")
            line.append(f" — {words.reason(sup.reason)} (“{sup.cue}”)", style="dim italic")
            console.print(line)
    if result.model is not None:
        _model(result, original, console, marks, words)
    if result.entities:
        _entities(result, console, words)
    _components(result, console, words)
    _advice(result, console, words)


def _model(result: Result, original: str, console: Console, marks: bool, words: ReportWords) -> None:
    model = result.model
    line = Text(f"{words.classifier}: ", style="bold")
    line.append(words.classifier_probability.format(probability=f"{model.probability:.0%}"))
    console.print(line)
    up = [t for t in model.terms if t.weight > 0][:5]
    down = [t for t in model.terms if t.weight < 0][:3]
    for label, terms, style in ((f"  {words.raised_by} ", up, "red"), (f"  {words.lowered_by} ", down, "green")):
        if terms:
            text = Text(label, style="dim")
            for i, t in enumerate(terms):
                if i:
                    text.append(", ", style="dim")
                text.append(f"“{t.term}”", style=style)
                text.append(f" {t.weight:+.2f}", style="dim")
            console.print(text)
    for t in up[:2] if model.probability >= 0.5 else ():
        if t.spans:
            console.print(_in_sentence(original, t.spans[0], "bold red", marks))


def _entities(result: Result, console: Console, words: ReportWords) -> None:
    table = Table(title=None, show_header=True, header_style="bold", box=None, padding=(0, 2))
    table.add_column(words.entities)
    table.add_column(words.entity_value)
    table.add_column(words.entity_text, style="dim")
    for ent in result.entities[:12]:
        d = ent.to_dict()
        kind = str(d.get("kind", ""))
        table.add_row(words.kind.get(kind, kind), str(d.get("value", "")), " ".join(str(d.get("text", "")).split()))
    console.print(table)


def _components(result: Result, console: Console, words: ReportWords) -> None:
    parts = Text(f"{words.score}: ", style="bold")
    for i, c in enumerate(result.components):
        name = words.component.get(c.name, c.name)
        if i:
            parts.append(" + " if c.points >= 0 else " − ", style="dim")
            parts.append(f"{name} {abs(c.points):.1f}")
        else:
            parts.append(f"{name} {c.points:.1f}")
    if not result.components:
        parts.append("0")
    parts.append(f" = {result.score:.0f}", style="bold")
    console.print(parts)


def _advice(result: Result, console: Console, words: ReportWords) -> None:
    console.print(Text(words.what_to_do, style="bold"))
    seen: list[str] = []
    for flag in result.red_flags:
        if flag.advice not in seen:
            seen.append(flag.advice)
    for tip in seen[:6]:
        console.print(Text(f"  • {tip}"))
    if result.level != "low" or not seen:
        for tip in words.general_advice:
            if tip not in seen:
                console.print(Text(f"  • {tip}", style="dim"))

