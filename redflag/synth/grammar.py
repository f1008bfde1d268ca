"""Tiny template expander so phrase variety lives in data files, not in code.

Syntax inside a template string:
  [a|b|c]   pick one alternative (an empty alternative makes the group optional)
  {name}    a context value, a generator, or a random entry of vocabulary list `name`
  <<cat:x>> marks `x` as a red-flag span of category `cat` (kept verbatim for the composer)
"""

from __future__ import annotations

import random
from typing import Callable, Mapping, Sequence

Resolver = Callable[[str], "str | None"]


class Grammar:
    """Expands templates with a seeded RNG against vocabularies and per-ad values."""

    def __init__(self, vocab: Mapping[str, Sequence[str]], rng: random.Random, resolver: Resolver) -> None:
        self.vocab = vocab
        self.rng = rng
        self.resolver = resolver

    def expand(self, template: str, depth: int = 0) -> str:
        """Expand one template string fully."""
        if depth > 12:
            raise ValueError(f"template recursion too deep: {template[:60]!r}")
        out: list[str] = []
        i, n = 0, len(template)
        while i < n:
            ch = template[i]
            if ch == "[":
                j = _match(template, i, "[", "]")
                alts = _split_top(template[i + 1 : j])
                out.append(self.expand(self.rng.choice(alts), depth + 1))
                i = j + 1
            elif ch == "{":
                j = template.index("}", i)
                out.append(self.lookup(template[i + 1 : j], depth))
                i = j + 1
            else:
                out.append(ch)
                i += 1
        return "".join(out)

    def lookup(self, name: str, depth: int = 0) -> str:
        """Resolve `{name}`: per-ad values first, then vocabulary lists."""
        value = self.resolver(name)
        if value is not None:
            return value
        if name not in self.vocab:
            raise KeyError(f"unknown template name {{{name}}}")
        return self.expand(self.rng.choice(self.vocab[name]), depth + 1)

    def pick(self, name: str) -> str:
        """Expand a random entry of vocabulary list `name`."""
        return self.lookup(name)


def _match(s: str, i: int, open_ch: str, close_ch: str) -> int:
    level = 0
    for j in range(i, len(s)):
        if s[j] == open_ch:
            level += 1
        elif s[j] == close_ch:
            level -= 1
            if level == 0:
                return j
    raise ValueError(f"unbalanced {open_ch} in template: {s[:80]!r}")


def _split_top(s: str) -> list[str]:
    parts, level, start = [], 0, 0
    for j, ch in enumerate(s):
        if ch == "[":
            level += 1
        elif ch == "]":
            level -= 1
        elif ch == "|" and level == 0:
            parts.append(s[start:j])
            start = j + 1
    parts.append(s[start:])
    return parts
