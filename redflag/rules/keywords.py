"""The keyword index: which rules an ad could fire, and where their keywords are, in one pass.

Packs name keywords as single words. Words of letters a-z are found as whole runs of letters
through an ASCII copy of the text instead of one search per keyword; words of other letters
("паспорт", "pasaporte" with an accent, "hộ") by the shared tokeniser, only in texts that hold
anything but ASCII, so an English ad pays nothing for the other languages. A keyword of several
Han characters ("押金") is several words to the tokeniser, each character being one, so it is found
wherever those characters stand together.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from redflag.text.tokens import HAN_RUN, WORD

_LETTERS_ONLY = bytes(b if ord("a") <= b <= ord("z") else ord(" ") for b in range(256))


class KeywordIndex:
    """Rule ids by keyword, ready to place the keywords of any lower-cased text."""

    def __init__(self, keywords: Mapping[str, frozenset[str]]) -> None:
        """``keywords``: rule id -> the words that let the rule fire, in the order the rules are tried."""
        self._by_keyword: dict[str, list[str]] = {}
        for rule_id, words in keywords.items():
            for word in words:
                self._by_keyword.setdefault(word, []).append(rule_id)
        # only [a-z]+ keywords can be found as runs of letters; the loader refuses any other
        self._keyword_of = {w.encode("ascii"): w for w in self._by_keyword if w.isascii() and w.isalpha()}
        self._keyword_bytes = frozenset(self._keyword_of)
        self._han = frozenset(w for w in self._by_keyword if len(w) > 1 and HAN_RUN.fullmatch(w))
        self._wide = frozenset(w for w in self._by_keyword if not w.isascii()) - self._han

    def places(self, lowered: str) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Sorted places of each candidate rule's keywords, and of each keyword found, in ``lowered``."""
        found: dict[str, list[int]] = {}
        places_of: dict[str, list[int]] = {}
        # the [a-z]+ runs of the text, via an ASCII copy (one byte per character) split by bytes
        runs = lowered.encode("ascii", "replace").translate(_LETTERS_ONLY).split()
        for word in map(self._keyword_of.__getitem__, self._keyword_bytes.intersection(runs)):
            places = whole_word_places(lowered, word)
            if places:
                places_of[word] = places
                for rule_id in self._by_keyword[word]:
                    found.setdefault(rule_id, []).extend(places)
        if (self._wide or self._han) and not lowered.isascii():
            wide: dict[str, list[int]] = {}
            for m in WORD.finditer(lowered):  # one pass places every keyword of other letters
                if m.group() in self._wide:
                    wide.setdefault(m.group(), []).append(m.start())
            for word in self._han if HAN_RUN.search(lowered) else ():
                places = substring_places(lowered, word)
                if places:
                    wide[word] = places
            for word, places in wide.items():
                places_of[word] = places
                for rule_id in self._by_keyword[word]:
                    found.setdefault(rule_id, []).extend(places)
        for places in found.values():
            places.sort()
        return found, places_of


def whole_word_places(lowered: str, word: str) -> list[int]:
    """Where ``word`` stands alone between non-letters in ``lowered``."""
    size = len(word)
    if size <= 2:  # "t" or "go" hide inside most words: let re check the edges
        return [m.start() for m in _whole_word(word).finditer(lowered)]
    n = len(lowered)
    places = []
    i = lowered.find(word)
    while i >= 0:
        if (i == 0 or not "a" <= lowered[i - 1] <= "z") and (i + size == n or not "a" <= lowered[i + size] <= "z"):
            places.append(i)
        i = lowered.find(word, i + size)
    return places


def substring_places(lowered: str, word: str) -> list[int]:
    """Every place of ``word`` in ``lowered``, overlapping or not."""
    places = []
    i = lowered.find(word)
    while i >= 0:
        places.append(i)
        i = lowered.find(word, i + 1)
    return places


@functools.lru_cache(maxsize=1024)
def _whole_word(word: str) -> re.Pattern:
    """``word`` standing alone between non-letters."""
    w = re.escape(word)
    return re.compile(f"{w}(?![a-z])(?<![a-z]{w})")  # the literal first: re jumps from one occurrence to the next
