"""Concepts: the words of one language for each idea a rule is made of, and where an ad uses them.

A pack's ``[concepts]`` table maps a concept name to entries: a word (found with the inflected
forms listed in the pack's generated ``forms.toml``), a stem ending in ``*``, or a phrase of
several such words. A ``Lexicon`` turns them into lookups, so finding every concept of an ad is
one pass over its words; the built-in concepts (``@money``, ``@number``, ``@age_range``) are
regular expressions, the same in every language.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from redflag.text.tokens import Token, elided

MIN_STEM = 3  # letters before the "*": a shorter stem would catch unrelated words
_MEMO_LIMIT = 200_000  # words remembered per lexicon; the vocabulary of ads repeats, so the memo stays small


class Use(NamedTuple):
    """One concept found in an ad: its name, the words it covers (first, last + 1) and its characters."""

    concept: str
    first: int
    last: int
    start: int
    end: int


@lru_cache(maxsize=1)
def _money() -> re.Pattern:
    """An amount with a currency, before or after it, in any of the currencies' spellings."""
    from redflag.entities.data import table

    cur = table("currencies")
    names = sorted({*cur["codes"], *cur["symbols"], *cur["words"], *cur.get("local_words", {})}, key=len, reverse=True)
    unit = "|".join(re.escape(n) for n in names)
    amount = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3}){0,4}(?:[.,]\d{1,2})?(?:\s?(?:k|mln|млн|тыс|тис|triệu|juta|ribu|mil|mii|tys))?|\d{1,9}(?:[.,]\d{1,2})?"
    # a currency word must end where a word ends; a symbol may touch the digits
    return re.compile(rf"(?:(?:{unit})\s?(?:{amount})|(?:{amount})\s?(?:{unit}))(?![^\W\d_])")


_NUMBER = re.compile(r"\d{1,9}")
_AGE_RANGE = re.compile(r"(?<![\d.,])(?:1[4-9]|[2-5]\d)\s{0,2}[-–—]\s{0,2}(?:1[6-9]|[2-6]\d)(?![\d.,%])")
BUILT_IN: dict[str, object] = {"@money": _money, "@number": lambda: _NUMBER, "@age_range": lambda: _AGE_RANGE}


@dataclass(frozen=True, slots=True)
class _Part:
    """One word of an entry: the forms it matches exactly, or the stem it starts with."""

    forms: frozenset[str]
    stem: str = ""

    def matches(self, word: str) -> bool:
        return word in self.forms or (bool(self.stem) and word.startswith(self.stem))


class Lexicon:
    """Every concept of one language, ready to find in the words of an ad."""

    def __init__(self, concepts: Mapping[str, Sequence[str]],
                 forms: Mapping[str, Sequence[str]] | Callable[[], Mapping[str, Sequence[str]]] | None = None) -> None:
        """``concepts``: name -> entries; ``forms``: word -> its inflected forms (from ``forms.toml``),
        or a function that reads them: the tables are built on first use, so a check pays only for
        the languages its ad is read in."""
        self.names = frozenset(concepts)
        self._source = (concepts, forms)
        self._built = False

    def _build(self) -> None:
        concepts, forms = self._source
        forms = (forms() if callable(forms) else forms) or {}
        self._built = True
        self._words: dict[str, set[str]] = {}
        self._stems: dict[int, dict[str, set[str]]] = {}
        self._phrases: list[tuple[tuple[_Part, ...], str]] = []
        for name, entries in concepts.items():
            for entry in entries:
                parts = [self._part(w, forms) for w in entry.lower().split()]
                if len(parts) == 1:
                    part = parts[0]
                    if part.stem:
                        self._stems.setdefault(len(part.stem), {}).setdefault(part.stem, set()).add(name)
                    for form in part.forms:
                        self._words.setdefault(form, set()).add(name)
                else:
                    self._phrases.append((tuple(parts), name))
        self._stem_sizes = sorted(self._stems)
        # phrases by their first word (its forms), or by its stem's length and letters
        self._phrase_words: dict[str, list[int]] = {}
        self._phrase_stems: dict[int, dict[str, list[int]]] = {}
        for i, (parts, _) in enumerate(self._phrases):
            head = parts[0]
            if head.stem:
                self._phrase_stems.setdefault(len(head.stem), {}).setdefault(head.stem, []).append(i)
            for form in head.forms:
                self._phrase_words.setdefault(form, []).append(i)
        self._memo: dict[str, tuple[frozenset[str], tuple[int, ...]]] = {}

    @staticmethod
    def _part(word: str, forms: Mapping[str, Sequence[str]]) -> _Part:
        if word.endswith("*"):
            return _Part(frozenset(), word[:-1])
        return _Part(frozenset((word, *forms.get(word, ())))) 

    def _look(self, word: str) -> tuple[frozenset[str], tuple[int, ...]]:
        """The concepts ``word`` is on its own, and the phrases that could start with it."""
        found = self._memo.get(word)
        if found is not None:
            return found
        names: set[str] = set()
        starts_at: set[int] = set()
        key = word
        word = word.lower()
        for candidate in (word, elided(word)):
            if not candidate:
                continue
            names |= self._words.get(candidate, set())
            for size in self._stem_sizes:
                if size > len(candidate):
                    break
                names |= self._stems[size].get(candidate[:size], set())
            starts_at.update(self._phrase_words.get(candidate, ()))
            for size, stems in self._phrase_stems.items():
                if size <= len(candidate):
                    starts_at.update(stems.get(candidate[:size], ()))
        starts = tuple(sorted(starts_at))
        found = (frozenset(names), starts)
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = found
        return found

    def uses(self, tokens: Sequence[Token]) -> list[Use]:
        """Every concept the words of an ad use, in word order (``tokens``: lower-cased words)."""
        if not self._built:
            self._build()
        out: list[Use] = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            names, starts = self._look(tok.text)
            for name in names:
                out.append(Use(name, i, i + 1, tok.start, tok.end))
            for p in starts:
                parts, name = self._phrases[p]
                j = i + len(parts)
                if j <= n and all(part.matches(tokens[i + k].text) for k, part in enumerate(parts[1:], 1)):
                    out.append(Use(name, i, j, tok.start, tokens[j - 1].end))
        return out


def built_in_uses(name: str, text: str, tokens: Sequence[Token]) -> list[Use]:
    """Where a built-in concept stands in ``text``, placed between the words around it."""
    starts = [t.start for t in tokens]
    out = []
    for m in BUILT_IN[name]().finditer(text):
        at = bisect_left(starts, m.start())
        out.append(Use(name, at, at, m.start(), m.end()))
    return out

