"""Context around a trigger: is it negated, a warning, a hypothetical, or closed off by 'but'?

"We never charge any fee" is a good sign, "if anyone asks you for money, report it" is advice,
and "no fees, but a refundable deposit of 200 EUR" still carries a deposit. The cue lists are
data in each rule pack's ``[context]`` table; this module only applies them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from redflag.rules.schema import ContextCues
from redflag.text.tokens import HAN, HAN_RUN, WORD_PATTERN

# Sentence ends: full stops and their kin in the scripts of the packs (。！？ ۔ ।), line breaks, bullets;
# a dash before an amount is a copula ("Комиссия — 300 евро"), not a bullet; a full stop run into
# the next word ("preferred.Women") is a candidate, kept only before a capital (see sentence_starts).
# Chinese puts no space after a sentence: 。 always ends one, and so do . ! ? (NFKC makes ！？ of
# them) before a Han character.
BOUNDARY = re.compile(rf"[.!?。！？।۔](?=\s|$)|[。！？]|(?<!\d)[.!?](?=[{HAN}])|[\n;•|]|\s[-*–]\s(?![\d$€£₽])"
                      r"|(?<=[^\W\d_]{3})\.(?=[^\W\d_])")
_WORD = re.compile(rf"{WORD_PATTERN}|,")
_LOOK = 300


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``text`` starts (``text`` in its own letter case).

    A full stop after a short word followed by a small letter is an abbreviation ("3000 руб. в день",
    "ca. 20 h"), and one run into the next word ends a sentence only before a capital or a Han character."""
    out = [0]
    for m in BOUNDARY.finditer(text):
        if m.group() == ".":
            i = m.start()
            after = text[m.end():m.end() + 1]
            if after and not after.isspace():
                if not HAN_RUN.match(after) and not (after.isupper() and text[i - 1].islower()):
                    continue
            elif _abbreviation(text, i):
                continue
        out.append(m.end())
    return out


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes a short word and a small letter follows it."""
    j = dot
    while j > 0 and dot - j <= 4 and text[j - 1].isalpha():
        j -= 1
    k = dot + 1
    while k < len(text) and text[k] in " \t\u00a0":
        k += 1
    return 1 <= dot - j <= 4 and (j == 0 or not text[j - 1].isalpha()) and k < len(text) and text[k].islower()


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or bullet) around a span, looking at most a few hundred characters away."""
    left = max(0, start - _LOOK)
    s = left
    for m in BOUNDARY.finditer(text, left, start):
        if not _run_in(text, m):
            s = m.end()
    e = min(len(text), end + _LOOK)
    for m in BOUNDARY.finditer(text, end, e):
        if not _run_in(text, m):
            e = m.start()
            break
    return s, e


def _run_in(text: str, m: re.Match) -> bool:
    """A full stop run into a small letter ("site.com"): not a sentence end."""
    after = text[m.end():m.end() + 1]
    return m.group() == "." and bool(after) and not after.isspace() and not after.isupper() and not HAN_RUN.match(after)


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
        if tok in cues.terminators:  # a pack may list "," (Chinese: a negation does not reach into the clause before)
            scope_start = m.end()
            break
        if tok == ",":
            comma_seen = True
            continue
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


def negated_inside(phrase: str, cues: ContextCues, keep: Sequence[tuple[int, int]] = ()) -> str | None:
    """A negation word inside the matched phrase itself ("passport will not be kept"), unless it is
    one of the words the rule was written with (``keep``: spans of ``phrase`` that are whole entries
    of the pack, like "no days off" or "sin días libres")."""
    for m in _WORD.finditer(phrase.lower()):
        tok = m.group()
        if tok != "," and _is_negation(tok, cues) and not any(a <= m.start() and m.end() <= b for a, b in keep):
            return tok
    return None


def paid_by_others(clause: str, at: int, cues: ContextCues) -> str | None:
    """A payer other than the worker whose paying verb opens the phrase at ``clause[at:]`` ("we
    [pay your visa]", "the company [pays your flight]", "[płacimy za sesję]"): the pack's
    pre-negation reaching into it."""
    lowered = clause.lower()
    pos = max(0, at - 40)
    while (m := cues.pre_negation.search(lowered, pos)) is not None and m.start() <= at:
        if at < m.end():  # "płacimy za [sesję]" is a payer and its verb in one word
            return m.group().strip()
        pos = m.start() + 1
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
                negation: bool, conditional: bool, keep: Sequence[tuple[int, int]] = (),
                payment: bool = False) -> tuple[str, str] | None:
    """Why a trigger at text[start:end] does not count, as (reason, cue), or None when it counts.

    ``cues`` may be several packs' cues: the rule's own language first, then the others of the part
    of the ad the trigger stands in ("walang placement fee": an English phrase negated in Tagalog).
    ``keep``: spans of the trigger that are a pack's own words, whose negations are part of the idea.
    ``payment``: the trigger is a cost put on the worker, so a payer named just before its own paying
    verb takes it over ("we [pay your visa]").
    """
    if not isinstance(cues, ContextCues):
        sets = [c for c in dict.fromkeys(cues) if c is not None]
        if not sets:
            return None
        own = sets[0]
        why = suppression(text, start, end, own, negation=negation, conditional=conditional, keep=keep, payment=payment)
        if why:
            return why
        for other in sets[1:]:
            why = suppression(text, start, end, other, negation=negation, conditional=conditional, keep=keep, payment=payment)
            # a cue the rule's own language also has was already judged there, with its own scope
            # ("no fees, but a deposit": the English "but" ends the "no" that Spanish would carry on)
            if why and not _own_cue(why[1], own):
                return why
        return None
    s, e = sentence_bounds(text, start, end)
    if negation:
        cue = negated_inside(text[start:end], cues, [(a - start, b - start) for a, b in keep])
        if cue:
            return "negated inside the phrase", cue
        cue = negated_before(text[s:start], cues) or (paid_by_others(text[s:end], start - s, cues) if payment else None)
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
