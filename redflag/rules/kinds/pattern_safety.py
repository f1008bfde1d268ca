"""Refuse patterns whose repetition can backtrack exponentially, read off their parsed form.

Bounding every repetition keeps a match short, not cheap: ``(?:a|a){1,60}`` tries 2^60 ways to
fail on a short line. A repeated group is safe when each stretch of text it reads splits into its
iterations one way only, and every iteration reads its stretch one way only. This check asks that
of every repetition ``X{m,n}`` with n > 1 (a possessive repeat or atomic group never backtracks):

- ``X`` must not match the empty text;
- a finite ``X`` (literals and alternatives, as word lists are) must not spell one text twice, and
  its texts must form a uniquely decodable code (Sardinas-Patterson), so iterations cannot re-split;
- otherwise ``X`` must have one fixed width, or begin or end with a character nothing else in it
  can match (" \\w{1,20}" is safe: each iteration starts at its space);
- inside ``X``, alternatives must not start alike and a stretch of variable width must not be
  followed by something that can start with a character it can end with (``\\w{1,3}\\w{1,3}``).

Characters are compared on a sample of every kind re distinguishes (ASCII and a few others).
"""

from __future__ import annotations

import re._compiler as sre_compile
import re._constants as sre
import re._parser as sre_parse

__all__ = ["backtracking_problem"]

_SAMPLE = [chr(c) for c in range(128)] + list("\u00a0\u00e9\u00df\u0430\u0663\u4e2d\u2028\U0001f600\u0130\u017f")
_ALL = frozenset(_SAMPLE)
_CHAR_OPS = (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
MAX_STRINGS = 400  # texts of a finite repeated group worth spelling out; beyond, the structural rules apply


class _Shape:
    """What a piece of a pattern can read: whether nothing, which first and last characters, all of them."""

    __slots__ = ("nullable", "first", "last", "chars", "fixed")

    def __init__(self, nullable: bool, first: frozenset, last: frozenset, chars: frozenset, fixed: bool) -> None:
        self.nullable, self.first, self.last, self.chars, self.fixed = nullable, first, last, chars, fixed


_CHARSETS: dict[tuple, frozenset[str]] = {}


def _charset(op: object, av: object, flags: int) -> frozenset[str]:
    """The sample characters one character item matches (re itself decides, flags included)."""
    key = (op, repr(av), flags)
    found = _CHARSETS.get(key)
    if found is None:
        state = sre_parse.State()
        state.flags = flags
        regex = sre_compile.compile(sre_parse.SubPattern(state, [(op, av)]), flags)
        found = _CHARSETS[key] = frozenset(c for c in _SAMPLE if regex.fullmatch(c))
    return found


def backtracking_problem(tree: sre_parse.SubPattern) -> str | None:
    """Why matching ``tree`` could backtrack exponentially, or None when every repetition is safe."""
    try:
        return _check(list(tree.data), tree.state.flags)
    except _Opaque:
        return None


class _Opaque(Exception):
    """A construct the analysis does not read (a back-reference): the width limit is all that applies."""


def _check(items: list, flags: int) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            low, high, body = av
            if high > 1:
                problem = _repeat_problem(list(body.data), flags)
                if problem:
                    return problem
            inner = list(body.data)
        elif op is sre.SUBPATTERN:
            inner = list(av[3].data)
        elif op is sre.BRANCH:
            inner = [item for alt in av[1] for item in alt.data]
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            inner = list(av[1].data)
        elif op is sre.POSSESSIVE_REPEAT:
            inner = list(av[2].data)  # never backtracks into its iterations, but each may backtrack inside
        elif op is sre.ATOMIC_GROUP:
            inner = list(av.data)
        else:
            continue
        problem = _check(inner, flags)
        if problem:
            return problem
    return None


def _repeat_problem(body: list, flags: int) -> str | None:
    while len(body) == 1 and body[0][0] is sre.SUBPATTERN:
        body = list(body[0][1][3].data)
    if len(body) == 1 and body[0][0] in _CHAR_OPS:
        return None  # one character at a time: one way only
    shape = _shape(body, flags)
    if shape.nullable:
        return "a repeated group can match nothing, so its iterations can split the text in many ways"
    texts = _strings(body, flags)
    if texts is not None:
        if len(set(texts)) < len(texts):
            return "a repeated group's alternatives can match the same text"
        if not _uniquely_decodable(frozenset(texts)):
            return "a repeated group's alternatives can join up into the same text in two ways"
        return None
    problem = _ambiguity(body, flags)
    if problem or shape.fixed:
        return problem
    edges = [item for item in body if item[0] not in _ZERO_WIDTH]
    for edge, rest in ((edges[0], edges[1:]), (edges[-1], edges[:-1])):
        if edge[0] in _CHAR_OPS:
            others = frozenset().union(*(_shape([item], flags).chars for item in rest))
            if not _charset(*edge, flags) & others:
                return None
    return "a repeated group holds a repetition of variable length with nothing to mark where each iteration starts"


def _ambiguity(items: list, flags: int) -> str | None:
    """Why one match of ``items`` could read the same text in two ways, or None."""
    shapes = [_shape([item], flags) for item in items]
    for i, (op, av) in enumerate(items):
        if op is sre.BRANCH:
            alts = [list(alt.data) for alt in av[1]]
            for a in range(len(alts)):
                for b in range(a + 1, len(alts)):
                    if _may_share(alts[a], alts[b], flags):
                        return "a repeated group's alternatives can match the same text"
            for alt in alts:
                problem = _ambiguity(alt, flags)
                if problem:
                    return problem
        elif op is sre.SUBPATTERN:
            problem = _ambiguity(list(av[3].data), flags)
            if problem:
                return problem
        if not shapes[i].fixed:
            for j in range(i + 1, len(items)):
                if shapes[i].last & shapes[j].first:
                    return "a repeated group holds repetitions next to each other over the same characters"
                if not shapes[j].nullable:
                    break
    return None


def _may_share(a: list, b: list, flags: int) -> bool:
    """Whether two alternatives might match the same text (spelt out when finite, else by first characters)."""
    ta, tb = _strings(a, flags), _strings(b, flags)
    if ta is not None and tb is not None:
        return bool(set(ta) & set(tb))
    sa, sb = _shape(a, flags), _shape(b, flags)
    return (sa.nullable and sb.nullable) or bool(sa.first & sb.first)


def _shape(items: list, flags: int) -> _Shape:
    """The shape of a sequence of items."""
    nullable, first, last, chars = True, frozenset(), frozenset(), frozenset()
    widths = set()
    for op, av in items:
        s = _item_shape(op, av, flags)
        if nullable:
            first |= s.first
        last = s.last | last if s.nullable else s.last
        nullable = nullable and s.nullable
        chars |= s.chars
        widths.add(s.fixed)
    fixed = all(widths) if widths else True
    return _Shape(nullable, first, last, chars, fixed)


def _item_shape(op: object, av: object, flags: int) -> _Shape:
    if op in _CHAR_OPS:
        cs = _charset(op, av, flags)
        return _Shape(False, cs, cs, cs, True)
    if op in _ZERO_WIDTH:
        return _Shape(True, frozenset(), frozenset(), frozenset(), True)
    if op in _REPEATS or op is sre.POSSESSIVE_REPEAT:
        low, high, body = av
        s = _shape(list(body.data), flags)
        return _Shape(low == 0 or s.nullable, s.first, s.last, s.chars, s.fixed and low == high)
    if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        return _shape(list((av[3] if op is sre.SUBPATTERN else av).data), flags)
    if op is sre.BRANCH:
        shapes = [_shape(list(alt.data), flags) for alt in av[1]]
        widths = {alt.getwidth() for alt in av[1]}
        fixed = len(widths) == 1 and min(widths)[0] == min(widths)[1]
        return _Shape(any(s.nullable for s in shapes), frozenset().union(*(s.first for s in shapes)),
                      frozenset().union(*(s.last for s in shapes)), frozenset().union(*(s.chars for s in shapes)),
                      fixed)
    raise _Opaque


def _strings(items: list, flags: int) -> list[str] | None:
    """Every text ``items`` can match, one entry per way of matching it; None when not finite or too many."""
    out = [""]
    for op, av in items:
        if op is sre.LITERAL:
            part = [chr(av)]
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in av):
            part = [chr(c) for _, c in av]
        elif op in _ZERO_WIDTH:
            continue  # a boundary only narrows what matches; ignoring it errs towards refusing
        elif op is sre.SUBPATTERN:
            part = _strings(list(av[3].data), flags)
        elif op is sre.BRANCH:
            alts = [_strings(list(alt.data), flags) for alt in av[1]]
            part = None if any(a is None for a in alts) else [t for a in alts for t in a]
        elif op in _REPEATS and av[1] <= 8:
            body = _strings(list(av[2].data), flags)
            part = None if body is None else _powers(body, av[0], av[1])
        else:
            return None
        if part is None or len(out) * len(part) > MAX_STRINGS:
            return None
        out = [a + b for a in out for b in part]
    return out


def _powers(body: list[str], low: int, high: int) -> list[str] | None:
    out, level = [], [""]
    for k in range(high + 1):
        if k >= low:
            out += level
        if k < high:
            level = [a + b for a in level for b in body]
            if len(level) + len(out) > MAX_STRINGS:
                return None
    return out


def _uniquely_decodable(code: frozenset[str]) -> bool:
    """Sardinas-Patterson: no text is a sequence of these words in two ways."""
    def dangling(a: frozenset[str], b: frozenset[str]) -> set[str]:
        return {y[len(x):] for x in a for y in b if y != x and y.startswith(x)}

    current = dangling(code, code)
    seen: set[frozenset[str]] = set()
    while current:
        if "" in current or current & code:
            return False
        key = frozenset(current)
        if key in seen:
            return True
        seen.add(key)
        current = dangling(code, key) | dangling(key, code)
    return True
