"""Context around a trigger: is it negated, a warning, a hypothetical, or closed off by 'but'?

"We never charge any fee" is a good sign, "if anyone asks you for money, report it" is advice,
and "no fees, but a refundable deposit of 200 EUR" still carries a deposit. The cue lists are
data in each rule pack's ``[context]`` table; this module only applies them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from redflag.rules.schema import ContextCues
from redflag.text.tokens import WORD_PATTERN

# Sentence ends: full stops and their kin in the scripts of the packs (。！？ ۔ ।), line breaks, bullets.
BOUNDARY = re.compile(r"[.!?。！？।۔](?=\s|$)|[\n;•|]|\s[-*–]\s")
_WORD = re.compile(rf"{WORD_PATTERN}|,")
_LOOK = 300


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or bullet) around a span, looking at most a few hundred characters away."""
    left = max(0, start - _LOOK)
    s = left
    for m in BOUNDARY.finditer(text, left, start):
        s = m.end()
    m = BOUNDARY.search(text, end, min(len(text), end + _LOOK))
    e = m.start() if m else min(len(text), end + _LOOK)
    return s, e


def _is_negation(word: str, cues: ContextCues) -> bool:
    return word in cues.negation or word.endswith(("n't", "n’t"))


def negated_before(clause: str, cues: ContextCues) -> str | None:
    """The negation cue that scopes over the end of ``clause``, or None."""
    lowered = clause.lower()
    words_seen = 0
    comma_seen = False
    closed = False  # "no experience needed, <trigger>": a finished negated phrase before a comma ends the scope
    scope_start = 0
    found: str | None = None
    for m in reversed(list(_WORD.finditer(lowered))):
        tok = m.group()
        if tok == ",":
            comma_seen = True
            continue
        if tok in cues.terminators:
            scope_start = m.end()
            break
        if _is_negation(tok, cues):
            if not closed:
                found = tok
            break
        if comma_seen and tok in cues.closing:
            closed = True
        words_seen += 1
        scope_start = m.start()
        if words_seen >= cues.window:
            break
    if found:
        return found
    m = cues.pre_negation.search(lowered, scope_start)
    return m.group().strip() if m else None


def negated_inside(phrase: str, cues: ContextCues) -> str | None:
    """A negation word inside the matched phrase itself ("passport will not be kept")."""
    for tok in _WORD.findall(phrase.lower()):
        if tok != "," and _is_negation(tok, cues):
            return tok
    return None


def negated_after(rest: str, cues: ContextCues) -> str | None:
    """A negation right after the phrase ("fees: none", "deposit not required")."""
    m = cues.post_negation.match(rest)
    return m.group().strip() if m else None


def hypothetical(sentence: str, cues: ContextCues) -> str | None:
    """A warning or conditional around the phrase ("if anyone asks you to pay, report it")."""
    m = cues.hypothetical.search(sentence)
    return m.group().strip() if m else None


def _own_cue(cue: str, cues: ContextCues) -> bool:
    """Whether ``cue`` is one of the words or phrases of these cues too."""
    low = cue.lower()
    return low in cues.negation or any(p.fullmatch(low) or p.search(low) for p in (cues.pre_negation, cues.hypothetical))


def suppression(text: str, start: int, end: int, cues: ContextCues | Sequence[ContextCues], *,
                negation: bool, conditional: bool) -> tuple[str, str] | None:
    """Why a trigger at text[start:end] does not count, as (reason, cue), or None when it counts.

    ``cues`` may be several packs' cues: the rule's own language first, then the others the ad is
    written in ("walang placement fee": an English phrase negated in Tagalog).
    """
    if not isinstance(cues, ContextCues):
        sets = [c for c in dict.fromkeys(cues) if c is not None]
        if not sets:
            return None
        own = sets[0]
        why = suppression(text, start, end, own, negation=negation, conditional=conditional)
        if why:
            return why
        for other in sets[1:]:
            why = suppression(text, start, end, other, negation=negation, conditional=conditional)
            # a cue the rule's own language also has was already judged there, with its own scope
            # ("no fees, but a deposit": the English "but" ends the "no" that Spanish would carry on)
            if why and not _own_cue(why[1], own):
                return why
        return None
    s, e = sentence_bounds(text, start, end)
    if negation:
        cue = negated_inside(text[start:end], cues)
        if cue:
            return "negated inside the phrase", cue
        cue = negated_before(text[s:start], cues)
        if cue:
            return "negated", cue
        cue = negated_after(text[end:e], cues)
        if cue:
            return "negated after the phrase", cue
    if conditional:
        cue = hypothetical(text[s:e], cues)
        if cue:
            return "warning or hypothetical", cue
    return None
