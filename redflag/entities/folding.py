"""Fold ad text to a same-length lower-case copy, so regex offsets on the copy fit the original.

Contact details hide behind look-alike letters, full-width and Arabic-Indic digits, odd spaces
and dashes; folding undoes them character for character, never changing the length.
"""

from __future__ import annotations

import re
from typing import Iterator

from redflag.text.lookalikes import LOOKALIKES
from redflag.text.tokens import HAN, HAN_RUN  # Han characters are words of their own

__all__ = ["fold", "words", "cues", "positions", "whole_word_at", "word_end", "WORD_START", "alternation"]

_CONFUSABLES = {
    **LOOKALIKES,
    # invisible or odd spacing that splits words and numbers
    "\u00a0": " ", "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ",
    "\u00ad": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\uff20": "@", "\uffe1": "£", "\uffe5": "¥", "\u2024": ".", "\u3002": ".", "\uff0e": ".",
}
_FOLD = {ord(k): v for k, v in _CONFUSABLES.items()}
_FOLD.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)})  # fullwidth ASCII
for _base in (0x0660, 0x06F0, 0x0966, 0x09E6, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6):
    _FOLD.update({_base + i: str(i) for i in range(10)})
_FOLD.update({cp: chr(ord("0") + cp - 0x2460 + 1) for cp in range(0x2460, 0x2469)})  # circled 1-9

_FOLD_CHARS = {chr(k): v for k, v in _FOLD.items()}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_TABLE = bytes(b if b < 128 and chr(b).isalnum() else 32 for b in range(256))


def fold(text: str) -> str:
    """Lower-cased, de-confused copy of ``text`` with exactly the same length."""
    if not text.isascii():
        for ch in set(_NON_ASCII.findall(text)):
            sub = _FOLD_CHARS.get(ch)
            if sub:
                text = text.replace(ch, sub)
    low = text.lower()
    if len(low) != len(text):  # a few letters (e.g. dotted capital I) lower to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def words(low: str) -> frozenset[bytes]:
    """The ASCII words of the folded text: cheap keyword pre-checks before any regex runs."""
    return frozenset(low.encode("utf-8", "ignore").translate(_WORD_TABLE).split())


def cues(*names: str) -> frozenset[bytes]:
    """Words in the form ``words()`` returns, for an extractor's pre-check."""
    return frozenset(w.encode() for w in names)


def whole_word_at(low: str, i: int, word: str) -> bool:
    """Whether ``word``, found at ``low[i:]``, stands there as a whole word: no letter or digit
    touches it, except where it begins or ends with a Han character, which is a word on its own."""
    e = i + len(word)
    return ((i == 0 or not low[i - 1].isalnum() or bool(HAN_RUN.match(word[:1])))
            and (e >= len(low) or not low[e].isalnum() or bool(HAN_RUN.match(word[-1:]))))


def positions(low: str, word: str) -> Iterator[int]:
    """Start offsets of ``word`` where it stands as a whole word (``whole_word_at``)."""
    i = low.find(word)
    while i >= 0:
        if whole_word_at(low, i, word):
            yield i
        i = low.find(word, i + 1)


# where a listed word may start: after no letter or digit, or after a Han character ("月薪5000元")
WORD_START = rf"(?<![^\W{HAN}])"


def word_end(word: str) -> str:
    """What must follow ``word`` for it to end where a word ends: no letter or digit after a word
    ending in one; after a Han character, no other letter (a number or Han may touch it: "500元起")."""
    if not word[-1:].isalnum():
        return ""
    return rf"(?![^\W\d{HAN}])" if HAN_RUN.fullmatch(word[-1]) else r"(?!\w)"


def alternation(items) -> str:
    """Folded words as a regex, longest first, each ending where a word ends and spaces stretched."""
    out = []
    for w in sorted({fold(i) for i in items}, key=lambda w: (-len(w), w)):
        out.append(re.escape(w).replace(r"\ ", r"\s{1,2}") + word_end(w))
    return "(?:" + "|".join(out) + ")"
