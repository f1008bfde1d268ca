"""Match every rule of the loaded packs against a normalised ad, with context, then combinations."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from redflag.result import Evidence, Suppression
from redflag.rules.context import suppression
from redflag.rules.pack import ContextCues, Rule, RulePack, compiled
from redflag.text.normalise import Normalised

_LETTERS_ONLY = bytes(b if ord("a") <= b <= ord("z") else ord(" ") for b in range(256))
MAX_EVIDENCE = 5  # phrases quoted per rule; a rule fires once however often it matches
MAX_SUPPRESSED = 50


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired and the phrases of the original text that fired it."""

    rule: Rule
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Matches:
    """All hits of one ad, plus the triggers its context switched off."""

    hits: tuple[Hit, ...]
    suppressed: tuple[Suppression, ...]


def _selected(rule_id: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """ruff-style selection: a code or prefix in ``select`` keeps a rule, one in ``ignore`` drops it."""
    if select and not any(rule_id.startswith(s) for s in select):
        return False
    return not any(rule_id.startswith(i) for i in ignore)


def _refers_to(ref: str, rule: Rule) -> bool:
    return ref == rule.category or rule.id.startswith(ref)


class RuleEngine:
    """Rule packs compiled for matching: a keyword index so each ad only runs the rules it could fire."""

    def __init__(self, packs: Iterable[RulePack], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> None:
        self.packs = tuple(packs)
        self._cues: dict[str, ContextCues] = {}
        rules: list[Rule] = []
        for pack in self.packs:
            for rule in pack.rules:
                if _selected(rule.id, select, ignore):
                    rules.append(rule)
                    self._cues[rule.id] = pack.context
        self.rules = tuple(rules)
        self._order = {r.id: i for i, r in enumerate(self.rules)}
        self._text_rules = tuple(r for r in self.rules if not r.is_combination)
        self._rule_by_id = {r.id: r for r in self._text_rules}
        self._combinations = tuple(r for r in self.rules if r.is_combination)
        self._by_keyword: dict[str, list[Rule]] = {}
        for rule in self._text_rules:
            for word in rule.keywords:
                self._by_keyword.setdefault(word, []).append(rule)
        # only [a-z]+ keywords can be found as runs of letters; the pack refuses any other
        self._keyword_of = {w.encode("ascii"): w for w in self._by_keyword if w.isascii() and w.isalpha()}
        self._keyword_bytes = frozenset(self._keyword_of)
        self._plans: dict[tuple[str, bool], tuple] = {}

    def rule(self, rule_id: str) -> Rule | None:
        """Look a rule up by id."""
        return next((r for r in self.rules if r.id == rule_id), None)

    def candidates(self, lowered: str) -> dict[str, list[int]]:
        """Rule id -> positions of its keywords in ``lowered``, for the rules that could fire."""
        return self._keyword_places(lowered)[0]

    def _keyword_places(self, lowered: str) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Positions of each rule's keywords, and of each keyword found."""
        found: dict[str, list[int]] = {}
        places_of: dict[str, list[int]] = {}
        n = len(lowered)
        # the [a-z]+ runs of the text, via an ASCII copy (one byte per character) split by bytes
        runs = lowered.encode("ascii", "replace").translate(_LETTERS_ONLY).split()
        for word in map(self._keyword_of.__getitem__, self._keyword_bytes.intersection(runs)):
            size = len(word)
            if size <= 2:  # "t" or "go" hide inside most words: let re check the edges
                places = [m.start() for m in _whole_word(word).finditer(lowered)]
            else:
                places = []
                i = lowered.find(word)
                while i >= 0:
                    if (i == 0 or not "a" <= lowered[i - 1] <= "z") and (i + size == n or not "a" <= lowered[i + size] <= "z"):
                        places.append(i)
                    i = lowered.find(word, i + size)
            if places:
                places_of[word] = places
                for rule in self._by_keyword[word]:
                    found.setdefault(rule.id, []).extend(places)
        for places in found.values():
            places.sort()
        return found, places_of

    def _plan(self, rule: Rule, fold: bool) -> tuple[tuple[re.Pattern, int, bool, tuple[str, ...] | None], ...]:
        """Each pattern of ``rule`` compiled, with its longest match, whether it marks evidence, and the
        keywords its matches can hold (None: any of the rule's), worked out on the rule's first use."""
        plan = self._plans.get((rule.id, fold))
        if plan is None:
            steps = []
            for source in rule.patterns:
                pattern, width, words = compiled(source, fold)
                inside = rule.keywords & words if words is not None else frozenset()
                steps.append((pattern, width, "ev" in pattern.groupindex,
                              tuple(sorted(inside)) if inside and inside != rule.keywords else None))
            plan = self._plans[(rule.id, fold)] = tuple(steps)
        return plan

    def match(self, norm: Normalised) -> Matches:
        """Every rule hit in the ad, evidence mapped back to the original text."""
        text = norm.text
        lowered = text.lower()
        fold = len(lowered) == len(text)  # lower-casing kept every offset, so the fast patterns apply
        if not fold:
            lowered = text
        candidates, places_of = self._keyword_places(lowered)
        hits: list[Hit] = []
        suppressed: list[Suppression] = []
        for rule_id in sorted(candidates, key=self._order.__getitem__):  # pack order, as without the index
            positions = candidates[rule_id]
            if not positions:
                continue
            rule = self._rule_by_id[rule_id]
            cues = self._cues[rule.id]
            evidence: list[Evidence] = []
            taken: list[tuple[int, int]] = []
            for pattern, width, has_ev, inside in self._plan(rule, fold):
                if len(evidence) >= MAX_EVIDENCE:
                    break
                near = positions
                if inside is not None:  # search only around the keywords this pattern can hold
                    found = [places_of[k] for k in inside if k in places_of]
                    if not found:
                        continue
                    near = found[0] if len(found) == 1 else sorted(p for places in found for p in places)
                for m in _finditer_near(pattern, lowered, near, width):
                    if len(evidence) >= MAX_EVIDENCE:
                        break
                    a, b = m.span("ev") if has_ev and m.group("ev") else m.span()
                    if any(a < tb and ta < b for ta, tb in taken):
                        continue
                    ev = _evidence(norm, a, b)
                    why = suppression(lowered, a, b, cues, negation=rule.negation, conditional=rule.hypothetical)
                    if why:
                        if len(suppressed) < MAX_SUPPRESSED:
                            suppressed.append(Suppression(rule_id=rule.id, evidence=ev, reason=why[0], cue=why[1]))
                        continue
                    taken.append((a, b))
                    evidence.append(ev)
            if evidence:
                evidence.sort(key=lambda e: e.start)
                hits.append(Hit(rule=rule, evidence=tuple(evidence[:MAX_EVIDENCE])))
        hits.extend(self._combine(hits))
        return Matches(hits=tuple(hits), suppressed=tuple(suppressed))

    def _combine(self, hits: list[Hit]) -> list[Hit]:
        """Combination rules: every group of ``requires`` is met by some rule that fired."""
        fired: list[Hit] = []
        for combo in self._combinations:
            evidence: list[Evidence] = []
            for group in combo.requires:
                members = [h for h in hits if any(_refers_to(ref, h.rule) for ref in group) and h.rule.weight > 0]
                if not members:
                    break
                evidence.extend(members[0].evidence[:1])
            else:
                unique = sorted({(e.start, e.end): e for e in evidence}.values(), key=lambda e: e.start)
                fired.append(Hit(rule=combo, evidence=tuple(unique)))
        return fired


@functools.lru_cache(maxsize=1024)
def _whole_word(word: str) -> re.Pattern:
    """``word`` standing alone between non-letters."""
    w = re.escape(word)
    return re.compile(f"{w}(?![a-z])(?<![a-z]{w})")  # the literal first: re jumps from one occurrence to the next


def _finditer_near(pattern: re.Pattern, text: str, positions: list[int], width: int) -> list[re.Match]:
    """Matches of ``pattern`` that lie near a keyword: every match holds one, so only windows around them are searched.

    A match touching a window's artificial edge is dropped, since the pattern could not see past it;
    each window reaches one character past the longest match the pattern allows, so no real match is lost.
    Most windows hold no match: one ``search`` settles those without building an iterator.
    """
    n = len(text)
    reach = width + 1
    windows: list[list[int]] = []
    for pos in positions:
        a, b = pos - reach, pos + reach
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    # positions are sorted, so only the first window can start before the text and only the last end after it
    if windows[0][0] < 0:
        windows[0][0] = 0
    if windows[-1][1] > n:
        windows[-1][1] = n
    found: list[re.Match] = []
    search = pattern.search
    for a, b in windows:
        first = search(text, a, b)
        if first is None:
            continue
        # finditer from the first match finds what finditer from ``a`` would: nothing starts earlier
        for m in pattern.finditer(text, first.start(), b):
            if (m.start() > a or a == 0) and (m.end() < b or b == n):
                found.append(m)
    return found


def _evidence(norm: Normalised, a: int, b: int) -> Evidence:
    """The original text behind a normalised span, trimmed of surrounding blanks."""
    start, end = norm.original_span(a, b)
    raw = norm.original[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw) - len(raw.rstrip())
    start, end = start + lead, end - trail
    return Evidence(text=norm.original[start:end], start=start, end=end)
