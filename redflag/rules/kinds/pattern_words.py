"""The whole words a regex pattern's matches can contain, read off its parsed form.

A rule's keywords say where the engine looks; a rule with several patterns would search around
every keyword for every pattern. When a pattern can only ever contain certain words (no
wildcard that matches letters), only the keywords among them can lie inside its matches, and
only their places need searching. The analysis is conservative: anything it cannot follow gives
``None``, and the engine searches around all of the rule's keywords, as before.
"""

from __future__ import annotations

import re._compiler as sre_compile
import re._constants as sre
import re._parser as sre_parse

MAX_STATES = 256  # partial words followed at once; beyond this the answer is None
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# A state is the run of letters matched since the last non-letter, prefixed with one mark:
_OPEN = "?"  # the run may have begun before the match (nothing said what comes before it)
_SHUT = "|"  # the run began after a non-letter or a \b


class _Unknown(Exception):
    """The pattern does something this analysis does not follow."""


def contained_words(tree: sre_parse.SubPattern) -> frozenset[str] | None:
    """Every whole [a-z]+ word that can lie inside a match of ``tree`` (against lower-cased text).

    None when a match could hold a word the pattern does not spell out (a class or wildcard that
    matches letters, a repeated group of letters) or could begin or end inside a longer word.
    """
    words: set[str] = set()
    try:
        states = _walk(list(tree.data), {_OPEN}, words)
    except _Unknown:
        return None
    for s in states:  # the match may end here: the text's word could go on unless nothing is open
        if len(s) > 1:
            return None
    return frozenset(words)


def _walk(items: list, states: set[str], words: set[str]) -> set[str]:
    for op, av in items:
        if len(states) > MAX_STATES:
            raise _Unknown
        if op is sre.LITERAL and chr(av) in _LETTERS:
            if any(s == _OPEN for s in states):
                raise _Unknown  # the first word could have begun before the match
            states = {s + chr(av) for s in states}
        elif op is sre.AT:
            if av is not sre.AT_BOUNDARY:
                raise _Unknown
            states = _end_words(states, words, boundary=True)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: what it excludes only makes the set larger than needed
        elif op is sre.SUBPATTERN:
            states = _walk(list(av[3].data), states, words)
        elif op is sre.BRANCH:
            states = set().union(*(_walk(list(alt.data), set(states), words) for alt in av[1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, body = av
            current, seen, walked = set(states), set(states) if low == 0 else set(), set()
            for i in range(min(high, 8)):
                if i >= low and current <= walked:
                    break  # every state was followed through the body already: nothing new can come
                walked |= current
                current = _walk(list(body.data), current, words)
                if i + 1 >= low:
                    seen |= current
            else:
                if high > 8 and not current <= walked:
                    raise _Unknown
            states = seen
        elif op is sre.IN and _listed(av):
            # a class of listed characters, as [- ] or the [xy] that re makes of x|y
            letters, others = _listed(av)
            if letters and any(s == _OPEN for s in states):
                raise _Unknown
            nxt = {s + c for s in states for c in letters}
            if others:
                nxt |= _end_words(states, words, boundary=False)
            states = nxt
        elif op in (sre.LITERAL, sre.IN, sre.NOT_LITERAL, sre.ANY, sre.CATEGORY):
            if op is not sre.LITERAL and _may_be_letter(op, av):
                raise _Unknown
            states = _end_words(states, words, boundary=False)
        else:
            raise _Unknown
    return states


def _end_words(states: set[str], words: set[str], boundary: bool) -> set[str]:
    """A non-letter (or a \\b) ends the open runs: shut ones become words, and a new run starts shut."""
    out: set[str] = set()
    for s in states:
        if len(s) > 1:
            if s[0] == _OPEN:
                raise _Unknown
            words.add(s[1:])
            out.add(_SHUT)
        elif boundary and s == _OPEN:
            out.add(_SHUT)  # \b before a letter: no letter precedes it
        else:
            out.add(_SHUT if not boundary or s == _SHUT else s)
    return out


def _listed(av: list) -> tuple[set[str], bool] | None:
    """For a class made only of literal characters: (the letters in it, whether it holds anything else)."""
    if not av or any(op is not sre.LITERAL for op, _ in av):
        return None
    chars = {chr(code) for _, code in av}
    return chars & _LETTERS, bool(chars - _LETTERS)


def _may_be_letter(op, av) -> bool:
    """Whether one character matched by this item can be a letter a-z."""
    probe = sre_compile.compile(sre_parse.SubPattern(sre_parse.State(), [(op, av)]), 0)
    return any(probe.match(ch) for ch in _LETTERS)
