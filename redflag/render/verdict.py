"""The job-seeker's short report: the verdict, the few most serious reasons, what to do, where to get help.

Everything here is chosen from the finished Result: which flags are the most serious, which advice
says something new, and how many of each fit one screen. Nothing is detected.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from redflag.categories import COMBINATION
from redflag.help.lines import INTERNATIONAL, HelpLine
from redflag.levels import RANK
from redflag.render import doc
from redflag.render.doc import BOLD, DIM, GOOD, MARK, Block, Line, Span
from redflag.render.quote import quote
from redflag.render.seeker_words import ENGLISH as SEEKER_ENGLISH, SeekerWords
from redflag.render.words import ENGLISH, ReportWords
from redflag.result import Evidence, Flag, Result
from redflag.rules.context import sentence_bounds

MAX_REASONS, MAX_ADVICE, MAX_HELP = 5, 5, 2
MIN_REASONS = 3  # good signs shown for an ad without red flags
SCREEN_LINES = 25  # one screen of a terminal: the short report fits in it at 80 columns
DETAILS_COMMAND = "redflag check --details"
# the shorter lists to try, in turn, until the report fits: (reasons, advice, help lines)
_SHRINK = ((MAX_REASONS, MAX_ADVICE, MAX_HELP), (5, 4, 2), (4, 4, 2), (4, 3, 2), (3, 3, 2), (3, 2, 2), (3, 2, 1))


@dataclass(frozen=True, kw_only=True, slots=True)
class Report:
    """A Result with what the command looked up for its reader: the help lines and the short report's words."""

    result: Result
    help: tuple[HelpLine, ...] = ()
    seeker: SeekerWords = field(default_factory=lambda: SEEKER_ENGLISH)


def as_report(obj: Report | Result) -> Report:
    """A bare Result reads as a report with no help lines and English words of its own."""
    return obj if isinstance(obj, Report) else Report(result=obj)


def quiet_line(obj: Report | Result) -> str:
    """``--quiet``: the score and the level, nothing else."""
    result = as_report(obj).result
    return f"{result.score:.0f} {result.level}"


def ranked(flags: tuple[Flag, ...]) -> list[Flag]:
    """Most serious first: severity, then confidence, then points (a reassuring sign's, whatever their sign);
    firing order breaks ties."""
    order = sorted(enumerate(flags), key=lambda p: (-RANK[p[1].severity], -RANK[p[1].confidence], -abs(p[1].weight), p[0]))
    return [f for _, f in order]


def reasons(result: Result) -> list[Flag]:
    """The red flags worth showing a reader, most serious first: a flag whose every phrase an earlier
    one already quotes (``contact only on WhatsApp`` for CON001 and CON002) adds nothing and is left out."""
    shown: list[Flag] = []
    quoted: list[tuple[int, int]] = []
    for flag in ranked(result.red_flags):
        spans = [(ev.start, ev.end) for ev in flag.evidence]
        if spans and all(any(s < e2 and s2 < e for s2, e2 in quoted) for s, e in spans):
            continue
        shown.append(flag)
        quoted += spans
    return shown


def _categories(flag: Flag, by_id: dict[str, str]) -> frozenset[str]:
    """What a flag's advice speaks to: its category; for a combination, the categories of the signs it
    was made of in this ad (of its alternatives, ``fees|scam_scheme``, those that fired)."""
    if flag.category != COMBINATION:
        return frozenset({flag.category})
    fired = set(by_id.values())
    parts = {p for req in flag.requires for p in req.split("|")}
    return frozenset(by_id.get(p, p) for p in parts if p in by_id or p in fired) - {COMBINATION}


def advice(result: Result, words: ReportWords = ENGLISH, seeker: SeekerWords = SEEKER_ENGLISH) -> list[str]:
    """What to do, most important first and each subject once: a flag's advice is skipped when earlier advice
    already spoke to its categories, and a general tip when a flag's advice spoke to its subject."""
    by_id = {f.id: f.category for f in result.red_flags}
    out: list[str] = []
    covered: set[str] = set()
    for flag in ranked(result.red_flags):
        cats = _categories(flag, by_id)
        if not flag.advice or flag.advice in out or (cats and cats <= covered):
            continue
        out.append(flag.advice)
        covered |= cats
    if result.level != "low" or not out:
        for i, tip in enumerate(words.general_advice):
            subject = seeker.general_covers[i] if i < len(seeker.general_covers) else frozenset()
            if tip not in out and not subject & covered:
                out.append(tip)
    return out


def help_parts(line: HelpLine, seeker: SeekerWords, *, site: bool = True) -> Line:
    """``Name: 08000 121 700, text 233733 · modernslaveryhelpline.org`` as spans; without ``site`` the
    website only when there is no number to call."""
    reach = [line.phone] if line.phone and line.phone not in line.name else []  # "1343 Actionline" names its number
    if line.sms:
        reach.append(seeker.sms.format(number=line.sms))
    tail = ", ".join(reach)
    url = line.url.removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")
    tail = " · ".join(x for x in (tail, line.email, url if site or not tail else "") if x)
    return doc.line(Span(line.name, BOLD), ": " if tail else "", tail)


def help_shown(lines: tuple[HelpLine, ...]) -> tuple[list[HelpLine], HelpLine | None]:
    """The help lines of the ad's country and its emergency number; for several countries (a language's)
    the first line of each and no emergency number, which would be a guess; the international lines
    when there is no country."""
    national = [line for line in lines if line.country != INTERNATIONAL and not line.emergency]
    countries = list(dict.fromkeys(line.country for line in national))
    if len(countries) > 1:
        return [next(line for line in national if line.country == c) for c in countries], None
    emergency = next((line for line in lines if line.emergency), None)
    return national or [line for line in lines if line.country == INTERNATIONAL], emergency


def title_line(result: Result, words: ReportWords) -> Line:
    """``Risk score 100/100  HIGH``."""
    return doc.line(Span(f"{words.risk_score} {result.score:.0f}/100  ", BOLD),
                    Span(words.level[result.level].upper(), f"level:{result.level}"))


def _count(words: ReportWords, seeker: SeekerWords, heading: str, shown: int, total: int) -> Block:
    count = str(total) if shown == total else seeker.shown_of.format(shown=shown, total=total)
    return doc.heading(Span(f"{heading} ({count})", BOLD))


def sentence_evidence(flag: Flag, original: str, quoted: list[tuple[int, int]]) -> list[Evidence]:
    """The flag's phrases in the one sentence worth quoting: the one with most phrases no earlier reason
    quoted, then with most phrases, then with the longest; the first such sentence on a tie."""
    groups: dict[int, list[Evidence]] = {}
    for ev in flag.evidence:
        groups.setdefault(sentence_bounds(original, ev.start, ev.end)[0], []).append(ev)

    def fresh(evs: list[Evidence]) -> int:
        return sum(not any(ev.start < e and s < ev.end for s, e in quoted) for ev in evs)

    return max(groups.values(), key=lambda evs: (fresh(evs), len(evs), sum(ev.end - ev.start for ev in evs)), default=[])


def _numbered(flags: list[Flag], original: str, style: str, room: int | None) -> list[Block]:
    out, quoted = [], []
    for i, flag in enumerate(flags, 1):
        evs = sentence_evidence(flag, original, quoted)
        quoted += [(ev.start, ev.end) for ev in evs]
        out.append(doc.item(doc.line(Span(flag.title, BOLD)), quote(original, evs, style, room), marker=f"{i}."))
    return out


def blocks(obj: Report | Result, original: str, words: ReportWords = ENGLISH, *, width: int | None = None,
           hint: bool = False) -> list[Block]:
    """The short report as blocks; with ``width`` (a terminal's) the lists are shortened until it fits
    ``SCREEN_LINES`` and each quote fits one line."""
    report = as_report(obj)
    result, seeker = report.result, report.seeker
    red, tips = reasons(result), advice(result, words, seeker)
    helps, emergency = help_shown(report.help)
    good = ranked(result.reassuring) if not result.red_flags else []
    for n_reasons, n_advice, n_help in _SHRINK if width else _SHRINK[:1]:
        out = _assemble(result, original, words, seeker, red[:n_reasons], len(result.red_flags), good[:MIN_REASONS],
                        tips[:n_advice], helps[:n_help], emergency, width, hint)
        if not width or height(out, width) <= SCREEN_LINES:
            break
    return out


def _assemble(result: Result, original: str, words: ReportWords, seeker: SeekerWords, red: list[Flag], total: int,
              good: list[Flag], tips: list[str], helps: list[HelpLine], emergency: HelpLine | None,
              width: int | None, hint: bool) -> list[Block]:
    room = width - 5 if width else None  # a quote sits under its "1. " marker
    out = [doc.banner(title_line(result, words), [doc.line(words.verdict[result.level])], result.level)]
    if red:
        out.append(_count(words, seeker, words.red_flags, len(red), total))
        out += _numbered(red, original, MARK, room)
    else:
        out.append(doc.heading(Span(words.no_flags, BOLD)))
        if good:
            out.append(_count(words, seeker, words.good_signs, len(good), len(result.reassuring)))
            out += _numbered(good, original, GOOD, room)
    if tips:
        out.append(doc.heading(Span(words.what_to_do, BOLD)))
        out += [doc.item(doc.line(tip), marker="•") for tip in tips]
    if helps or emergency:
        out.append(doc.heading(Span(seeker.get_help, BOLD)))
        out += [doc.item(help_parts(line, seeker, site=width is None), marker="•") for line in helps]
        if emergency:
            out.append(doc.item(doc.line(seeker.emergency.format(number=emergency.phone)), marker="•"))
    if hint:
        out.append(doc.item(doc.line(Span(seeker.details_hint.format(command=DETAILS_COMMAND), DIM))))
    return out


def height(out: list[Block], width: int) -> int:
    """How many terminal lines the blocks take at ``width`` (as the terminal writer lays them out)."""
    total = 0
    for block in out:
        if block.kind == "banner":
            total += 2 + sum(_wrapped(doc.plain_text(ln), width - 4) for ln in block.lines)
        elif block.kind == "heading":
            total += _wrapped(doc.plain_text(block.title), width)
        elif block.kind == "item":
            inner = width - item_indent(block)
            total += sum(_wrapped(doc.plain_text(ln), inner) for ln in block.lines)
        elif block.kind == "table":
            total += 1 + len(block.rows)
    return total


def item_indent(block: Block) -> int:
    """The column an item's text starts at: two spaces a level (none at depth -1), then the marker and a space."""
    return max(0, 2 + 2 * block.depth) + (len(block.marker) + 1 if block.marker else 0)


def _wrapped(text: str, width: int) -> int:
    return max(1, len(textwrap.wrap(text, max(width, 10))))
