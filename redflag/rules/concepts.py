"""Concepts: the words of one language for each idea a rule is made of, and where an ad uses them.

A pack's ``[concepts]`` table maps a concept name to entries: a word (found with the inflected
forms listed in the pack's generated ``forms.toml``), a stem ending in ``*``, or a phrase of
several such words (a run of Han characters is a phrase: each character is a word). A ``Lexicon``
turns them into lookups, so finding every concept of an ad is one pass over its words; the
built-in concepts (``@money``, ``@number``, ``@age_range``, ``@brand``, ``@wide_age_range``) are
regular expressions or entity readers, the same in every language.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter
from typing import NamedTuple

from redflag.text.tokens import HAN, HAN_RUN, WORD, elided, entry_words

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
def _money() -> tuple[re.Pattern, int, frozenset[str], frozenset[str]]:
    """An amount with a currency, before or after it, in any of the currencies' spellings; the longest
    spelling, which bounds how far from its digits an amount can reach; and the words and symbols
    of the spellings, without one of which a stretch of text holds no amount."""
    from redflag.entities.data import table

    cur = table("currencies")
    names = sorted({*cur["codes"], *cur["symbols"], *cur["words"], *cur.get("local_words", {})}, key=len, reverse=True)
    unit = "|".join(re.escape(n) for n in names)
    # "300 de lei", "2 milioni di euro": a linking word may stand before a currency's name
    named = "|".join(re.escape(n) for n in sorted({*cur["words"], *cur.get("local_words", {})}, key=len, reverse=True))
    link = "|".join(re.escape(w) for w in table("pay_terms")["linkers"])
    # a multiplier may follow the digits ("5 тыс.", "2 लाख", "1万"): the money entity's list
    mult = "|".join(re.escape(m) for m in sorted(table("pay_terms")["multipliers"], key=len, reverse=True))
    amount = rf"\d{{1,3}}(?:[.,\u00a0\u202f ]\d{{3}}){{0,4}}(?:[.,]\d{{1,2}}|,-|\.-)?(?:\s?(?:{mult}))?|\d{{1,9}}(?:[.,]\d{{1,2}})?(?:\s?(?:{mult}))?"
    # a currency word must end where a word ends (every Han character is a word: "500元起"); a symbol
    # may touch the digits
    pattern = re.compile(rf"(?:(?:{unit})\s?(?:{amount})(?![\d])|(?:{amount})(?:\s(?:{link})(?=\s(?:{named})))?\s?(?:{unit}))"
                         rf"(?![^\W\d_{HAN}])")
    words = frozenset(w for n in names for w in WORD.findall(n))
    symbols = frozenset(c for n in names if not WORD.search(n) for c in n if not c.isspace())
    return pattern, len(names[0]) + 8, words, symbols


_DIGITS = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")


def _money_spans(text: str) -> list[tuple[int, int]]:
    """Where amounts stand: the money pattern is tried only in windows around runs of digits that
    hold a currency's word or symbol, since trying its hundreds of spellings at every character of a
    long ad is what costs."""
    pattern, reach, words, symbols = _money()
    windows: list[list[int]] = []
    for m in _DIGITS.finditer(text):
        a, b = max(0, m.start() - reach), min(len(text), m.end() + reach)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    out = []
    for a, b in windows:
        # one character more, so the check that a currency word ends where a word ends sees it
        end = min(len(text), b + 1)
        part = text[a:end]
        if symbols.isdisjoint(part) and words.isdisjoint(WORD.findall(part)):
            continue
        for m in pattern.finditer(text, a, end):
            if m.end() < end or end == len(text):
                out.append(m.span())
    return out


def _spans_of(pattern: re.Pattern) -> Callable[[str], list[tuple[int, int]]]:
    return lambda text: [m.span() for m in pattern.finditer(text)]


_NUMBER = re.compile(r"\d{1,9}")
_AGE_RANGE = re.compile(r"(?<![\d.,])(?:1[4-9]|[2-5]\d)\s{0,2}[-–—]\s{0,2}(?:1[6-9]|[2-6]\d)(?![\d%]|[.,]\d)")


@lru_cache(maxsize=1)
def _impersonated() -> re.Pattern:
    from redflag.entities.data import table

    names = {n.lower() for key in ("brands", "institutions") for n in table("impersonated")[key]}
    han = {n for n in names if HAN_RUN.fullmatch(n)}  # words of their own, whatever touches them ("我是京东人事部")
    alternation = "|".join(re.escape(n) for n in sorted(names - han, key=lambda n: (-len(n), n)))
    han_names = "|".join(re.escape(n) for n in sorted(han, key=lambda n: (-len(n), n)))
    return re.compile(r"(?<![\w.@/])(?:" + alternation + r")(?![\w]|\.\w)" + (f"|{han_names}" if han else ""),
                      re.IGNORECASE)


def _brand_spans(text: str) -> list[tuple[int, int]]:
    """Names of commonly impersonated companies and institutions (entities/data/impersonated.toml)."""
    return [m.span() for m in _impersonated().finditer(text)]


WIDE_AGE_SPAN = 25  # "age 22-60": an age band this wide asks for nobody in particular, the task scams' only "requirement"


def _wide_age_spans(text: str) -> list[tuple[int, int]]:
    """Age ranges of at least WIDE_AGE_SPAN years, read by the ages extractor in every language."""
    from redflag.entities.ages import find
    from redflag.entities.base import Context

    out = []
    for e in find(text, Context.of(text)):
        lo, _, hi = e.value.partition("-")
        if lo.isdigit() and hi.isdigit() and int(hi) - int(lo) >= WIDE_AGE_SPAN:
            out.append((e.start, e.end))
    return out


# built-in concept -> where it stands in a text (the lower-cased ad), as (start, end) spans
BUILT_IN: dict[str, Callable[[str], list[tuple[int, int]]]] = {
    "@money": _money_spans, "@number": _spans_of(_NUMBER), "@age_range": _spans_of(_AGE_RANGE),
    "@brand": _brand_spans, "@wide_age_range": _wide_age_spans}


_NONE: frozenset[str] = frozenset()


class _Word(NamedTuple):
    """One word of an ad, as a lexicon sees it."""

    bases: frozenset[str]  # the entry words and stems it is a form of
    names: tuple[str, ...]  # the concepts it is on its own
    heads: frozenset[str]  # those of its bases that begin a phrase
    starts: bool  # whether a concept can begin at this word


_NOTHING = _Word(_NONE, (), _NONE, False)
_STARTS = itemgetter(3)


class _Memo(dict):
    """word -> the entry words and stems it is a form of; worked out on first sight of the word."""

    __slots__ = ("lexicon",)

    def __missing__(self, word: str) -> _Word:
        found = self.lexicon._bases(word)
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        self[word] = found
        return found


class Lexicon:
    """Every concept of one language, ready to find in the words of an ad.

    Each word of an entry (or its stem, written ``"stem*"``) is a *base*. A word of the ad is first
    turned into the bases it is a form of (one dictionary lookup, remembered), so most words of an
    ad, which belong to no concept, cost nothing more; phrases are found through the bases of
    their first two words.
    """

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
        bases_of: dict[str, set[str]] = {}
        self._stems: dict[int, dict[str, str]] = {}
        self._single: dict[str, set[str]] = {}
        self._phrases: list[tuple[tuple[str, ...], str]] = []
        for name, entries in concepts.items():
            for entry in entries:
                parts = tuple(entry_words(entry))
                for word in parts:
                    if word.endswith("*"):
                        self._stems.setdefault(len(word) - 1, {})[word[:-1]] = word
                    else:
                        for form in (word, *forms.get(word, ())):
                            bases_of.setdefault(form, set()).add(word)
                if len(parts) == 1:
                    self._single.setdefault(parts[0], set()).add(name)
                else:
                    self._phrases.append((parts, name))
        self._bases_of = {w: frozenset(b) for w, b in bases_of.items()}
        self._stem_sizes = sorted(self._stems)
        self._pairs: dict[tuple[str, str], list[int]] = {}
        for i, (parts, _) in enumerate(self._phrases):
            self._pairs.setdefault(parts[:2], []).append(i)
        self._heads = frozenset(parts[0] for parts, _ in self._phrases)
        self._memo = _Memo()
        self._memo.lexicon = self

    def _bases(self, word: str) -> _Word:
        """What ``word`` (lower-cased, or after an elided article) is: the entry words and stems it is a
        form of, the concepts it is on its own, and which of its bases start a phrase."""
        found: set[str] = set()
        for candidate in (word.lower(), elided(word.lower())):
            if not candidate:
                continue
            found |= self._bases_of.get(candidate, _NONE)
            for size in self._stem_sizes:
                if size > len(candidate):
                    break
                stem = self._stems[size].get(candidate[:size])
                if stem:
                    found.add(stem)
        if not found:
            return _NOTHING
        names = tuple(sorted({n for b in found for n in self._single.get(b, ())}))
        heads = frozenset(b for b in found if b in self._heads)
        return _Word(frozenset(found), names, heads, bool(names or heads))

    def uses(self, words: Sequence[str], spans: Callable[[], Sequence[re.Match]]) -> list[Use]:
        """Every concept the words of an ad use, in word order.

        ``words``: the lower-cased words of the ad; ``spans``: a function giving their matches in the
        text (where each word starts and ends), called only when some concept is found.
        """
        if not self._built:
            self._build()
        looks = list(map(self._memo.__getitem__, words))
        pairs, phrases = self._pairs, self._phrases
        out: list[Use] = []
        at = None
        n = len(looks)
        for i in compress(count(), map(_STARTS, looks)):
            look = looks[i]
            found = []
            if look.heads and i + 1 < n:
                nxt = looks[i + 1].bases
                for a in look.heads:
                    for b in nxt:
                        for p in pairs.get((a, b), ()):
                            parts, name = phrases[p]
                            j = i + len(parts)
                            if j <= n and all(parts[k] in looks[i + k].bases for k in range(2, len(parts))):
                                found.append((name, j))
            if look.names or found:
                if at is None:
                    at = spans()
                start, end = at[i].span()
                out.extend(Use(name, i, i + 1, start, end) for name in look.names)
                out.extend(Use(name, i, j, start, at[j - 1].end()) for name, j in sorted(set(found)))
        return _outermost(out, words)


def _outermost(uses: list[Use], words: Sequence[str]) -> list[Use]:
    """The uses, less those of Han characters that a longer use of the same concept contains: "须"
    inside "必须" or "聘" inside "招聘" is part of that word, not a word of its own (every Han
    character is a word to the tokeniser, so an entry's characters are often an entry too). In
    spaced scripts a word inside a phrase is a word, and frames may need it ("giữ" of "giữ hộ")."""
    if len(uses) < 2:
        return uses
    reach: dict[str, int] = {}  # concept -> the furthest word a use of it begun so far reaches
    out = []
    for u in sorted(uses, key=lambda u: (u.first, -u.last)):
        if reach.get(u.concept, -1) >= u.last and HAN_RUN.match(words[u.first]):
            continue
        reach[u.concept] = max(reach.get(u.concept, -1), u.last)
        out.append(u)
    out.sort(key=lambda u: u.first)
    return out


def built_in_uses(name: str, text: str, starts: Sequence[int]) -> list[Use]:
    """Where a built-in concept stands in ``text``, placed between the words around it
    (``starts``: where each word of ``text`` starts)."""
    out = []
    for start, end in BUILT_IN[name](text):
        at = bisect_left(starts, start)
        out.append(Use(name, at, at, start, end))
    return out

