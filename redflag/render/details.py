"""The full report for a moderator (``--details``): every flag with its indicator, grades, phrases and
rationale, the triggers not counted, the model's terms, the entities, the score's arithmetic, all advice
and every help line; as blocks for the terminal, plain-text and Markdown writers."""

from __future__ import annotations

from redflag.render import doc, verdict
from redflag.render.doc import BOLD, DIM, DOWN, GOOD, GOOD_HEADING, ITALIC, MARK, UP, Block, Span
from redflag.render.quote import quote
from redflag.render.verdict import Report, advice, as_report, help_parts, title_line
from redflag.render.words import ENGLISH, ReportWords
from redflag.result import Flag, Result

MAX_SUPPRESSED = 8
MAX_ENTITIES = 12


def _flag(flag: Flag, original: str, reassuring: bool, words: ReportWords) -> Block:
    head = doc.line(Span(flag.id, BOLD), f"  {flag.title}  ",
                    Span(f"({words.grades(flag.severity, flag.confidence, flag.weight)})", DIM))
    lines = [head, doc.line(Span(words.indicator_line.format(indicator=flag.indicator), ITALIC))]
    for ev in flag.evidence:
        lines.append((*quote(original, [ev], GOOD if reassuring else MARK), Span(f"  [{ev.start}:{ev.end}]", DIM)))
    if flag.explanation:
        lines.append(doc.line(f"= {flag.explanation}"))
    if not reassuring:
        lines.append(doc.line(Span(words.why_line.format(rationale=flag.rationale), DIM)))
    return doc.item(*lines, marker="✓" if reassuring else "●",
                    marker_style="good" if reassuring else f"severity:{flag.severity}")


def _banner(result: Result, words: ReportWords, source: str) -> Block:
    lines = []
    if source and source != "the ad text":
        lines.append(doc.line(Span(f"{words.ad}: {source}", DIM)))
    if result.lang not in ("en", "und"):  # an English ad's report reads as it always has
        names = ", ".join(map(words.language_name, result.langs or (result.lang,)))
        lines.append(doc.line(Span(f"{words.language}: {names}", DIM)))
    lines.append(doc.line(words.verdict[result.level]))
    if result.harms:
        lines.append(doc.line(Span(f"{words.points_to}: {words.harms(result.harms)}", BOLD)))
    return doc.banner(title_line(result, words), lines, result.level)


def _model(result: Result, original: str, words: ReportWords) -> list[Block]:
    model = result.model
    out = [doc.heading(Span(f"{words.classifier}: ", BOLD),
                       words.classifier_probability.format(probability=f"{model.probability:.0%}"))]
    up = [t for t in model.terms if t.weight > 0][:5]
    down = [t for t in model.terms if t.weight < 0][:3]
    for label, terms, style in ((words.raised_by, up, UP), (words.lowered_by, down, DOWN)):
        if terms:
            spans: list[Span] = [Span(f"{label} ", DIM)]
            for i, t in enumerate(terms):
                if i:
                    spans.append(Span(", ", DIM))
                spans += [Span(f"“{t.term}”", style), Span(f" {t.weight:+.2f}", DIM)]
            out.append(doc.item(tuple(spans)))
    for t in up[:2] if model.probability >= 0.5 else ():
        if t.spans:
            ev = t.spans[0]
            out.append(doc.item((*quote(original, [ev], MARK), Span(f"  [{ev.start}:{ev.end}]", DIM)), depth=1))
    return out


def _entities(result: Result, words: ReportWords) -> Block:
    rows = []
    for ent in result.entities[:MAX_ENTITIES]:
        d = ent.to_dict()
        kind = str(d.get("kind", ""))
        rows.append((words.kind.get(kind, kind), str(d.get("value", "")), " ".join(str(d.get("text", "")).split())))
    return doc.table(("", words.entity_value, words.entity_text), rows)


def _score(result: Result, words: ReportWords) -> Block:
    spans: list[Span] = [Span(f"{words.score}: ", BOLD)]
    for i, c in enumerate(result.components):
        name = words.component.get(c.name, c.name)
        if i:
            spans += [Span(" + " if c.points >= 0 else " − ", DIM), Span(f"{name} {abs(c.points):.1f}")]
        else:
            spans.append(Span(f"{name} {c.points:.1f}"))
    if not result.components:
        spans.append(Span("0"))
    spans.append(Span(f" = {result.score:.0f}", BOLD))
    return doc.item(tuple(spans), depth=-1)


def blocks(obj: Report | Result, original: str, words: ReportWords = ENGLISH, *, source: str = "") -> list[Block]:
    """The full report as blocks."""
    report = as_report(obj)
    result = report.result
    out = [_banner(result, words, source)]
    red = result.red_flags
    if red:
        out.append(doc.heading(Span(f"{words.red_flags} ({len(red)})", BOLD)))
        out += [_flag(f, original, False, words) for f in red]
    else:
        out.append(doc.heading(Span(words.no_flags, BOLD)))
    if result.reassuring:
        out.append(doc.heading(Span(f"{words.good_signs} ({len(result.reassuring)})", GOOD_HEADING)))
        out += [_flag(f, original, True, words) for f in result.reassuring]
    if result.suppressed:
        out.append(doc.heading(Span(words.not_counted, DIM)))
        for sup in result.suppressed[:MAX_SUPPRESSED]:
            out.append(doc.item(doc.line(Span(f"{sup.rule_id} “{' '.join(sup.evidence.text.split())}”", DIM),
                                         Span(f" — {words.reason(sup.reason)} (“{sup.cue}”)", ITALIC)), marker="○",
                                marker_style=DIM))
    if result.model is not None:
        out += _model(result, original, words)
    if result.entities:
        out += [doc.heading(Span(words.entities, BOLD)), _entities(result, words)]
    out.append(_score(result, words))
    out.append(doc.heading(Span(words.what_to_do, BOLD)))
    out += [doc.item(doc.line(tip), marker="•") for tip in advice(result, words, report.seeker)]
    if report.help:
        out.append(doc.heading(Span(report.seeker.get_help, BOLD)))
        for line in report.help:
            text = (doc.line(report.seeker.emergency.format(number=line.phone)) if line.emergency
                    else help_parts(line, report.seeker))
            out.append(doc.item(text, doc.line(Span(line.purpose, DIM)), marker="•"))
    return out


def text_blocks(obj: Report | Result, options, full: bool) -> list[Block]:
    """The short (or, with ``full``, the whole) report's blocks, as the unframed formats write them."""
    original, words = options.original or "", options.words or ENGLISH
    if full:
        return blocks(obj, original, words, source=options.source or "")
    return verdict.blocks(obj, original, words)
