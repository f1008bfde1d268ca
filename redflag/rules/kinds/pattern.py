"""Pattern rules: regular expressions over the lower-cased normalised ad, searched only near keywords.

Each pattern is compiled once, with its longest match and the keywords its matches can hold
(``pattern_words``), so a window around a keyword is all a search ever reads.
"""

from __future__ import annotations

import functools
import re
import re._compiler as sre_compile
import re._parser as sre_parse
from typing import ClassVar, Iterator

from redflag.errors import RulePackError
from redflag.rules.kinds.base import NOTHING, Ad, Found, Quotes
from redflag.rules.kinds.pattern_safety import backtracking_problem
from redflag.rules.kinds.pattern_words import contained_words
from redflag.rules.schema import MAX_MATCH, ContextCues, Rule

# one pattern ready to search: regex, longest match, whether it marks evidence with (?P<ev>...),
# and the keywords its matches can hold (None: any of the rule's)
Step = tuple[re.Pattern, int, bool, tuple[str, ...] | None]


@functools.lru_cache(maxsize=4096)
def compiled(pattern: str, fold: bool = True) -> tuple[re.Pattern, int, frozenset[str] | None]:
    """A pattern compiled (case-sensitive for lower-cased text, or case-insensitive), its longest match,
    and the whole words its matches can contain (None when unknown; see ``pattern_words``).

    Compiled on first use and cached, so a single check pays only for the rules its ad could fire.
    Unbounded repetition is refused: it could make matching slow and windows unbounded; so is a
    bounded repetition that could still backtrack exponentially (see ``pattern_safety``).
    """
    flags = 0 if fold else re.IGNORECASE
    try:
        # Parse once for the width, the words and the compiled program (re.compile would parse again).
        tree = sre_parse.parse(pattern, flags)
        regex = sre_compile.compile(tree, flags)
    except re.error as exc:
        raise RulePackError(f"pattern does not compile: {exc}: {pattern[:60]}") from None
    longest = tree.getwidth()[1]
    if longest > MAX_MATCH:
        raise RulePackError(f"pattern can match more than {MAX_MATCH} characters; bound its repetitions: {pattern[:60]}")
    problem = backtracking_problem(tree)
    if problem:
        raise RulePackError(f"pattern could take exponential time to fail: {problem}: {pattern[:60]}")
    return regex, longest, contained_words(tree) if fold else None


class PatternMatcher:
    """A rule whose regular expressions quote the evidence, unless the context switches a trigger off."""

    reads_hits: ClassVar[bool] = False

    def __init__(self, rule: Rule, cues: ContextCues) -> None:
        self.rule = rule
        self.cues = cues
        self._plans: dict[bool, tuple[Step, ...]] = {}

    def plan(self, fold: bool) -> tuple[Step, ...]:
        """Every pattern of the rule ready to search, worked out on the rule's first use."""
        plan = self._plans.get(fold)
        if plan is None:
            steps = []
            keywords = self.rule.keywords
            for source in self.rule.patterns:
                pattern, width, words = compiled(source, fold)
                inside = keywords & words if words is not None else frozenset()
                steps.append((pattern, width, "ev" in pattern.groupindex,
                              tuple(sorted(inside)) if inside and inside != keywords else None))
            plan = self._plans[fold] = tuple(steps)
        return plan

    def match(self, ad: Ad) -> Found:
        """The rule's evidence near its keywords; triggers its context switches off are kept apart."""
        positions = ad.near.get(self.rule.key)
        if not positions:
            return NOTHING
        lowered, places_of = ad.lowered, ad.places
        quotes = Quotes(self.rule, self.cues, ad)
        for pattern, width, has_ev, inside in self.plan(ad.fold):
            if quotes.full:
                break
            near = positions
            if inside is not None:  # search only around the keywords this pattern can hold
                found = [places_of[k] for k in inside if k in places_of]
                if not found:
                    continue
                near = found[0] if len(found) == 1 else sorted(p for places in found for p in places)
            for m in finditer_near(pattern, lowered, near, width):
                if quotes.full:
                    break
                quotes.offer(*(m.span("ev") if has_ev and m.group("ev") else m.span()))
        return quotes.found()


def finditer_near(pattern: re.Pattern, text: str, positions: list[int], width: int) -> Iterator[re.Match]:
    """Matches of ``pattern`` that lie near a keyword: every match holds one, so only windows around them are searched.

    A match touching a window's artificial edge is dropped, since the pattern could not see past it;
    each window reaches one character past the longest match the pattern allows, so no real match is lost.
    Most windows hold no match: one ``search`` settles those without building an iterator.
    Matches come one at a time, so a rule that has quoted enough stops reading a hostile text.
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
    search = pattern.search
    for a, b in windows:
        first = search(text, a, b)
        if first is None:
            continue
        # finditer from the first match finds what finditer from ``a`` would: nothing starts earlier
        for m in pattern.finditer(text, first.start(), b):
            if (m.start() > a or a == 0) and (m.end() < b or b == n):
                yield m
