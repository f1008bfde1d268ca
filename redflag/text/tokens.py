"""The one tokeniser: what a word is, in every script, for rules, context, linking and the model.

A word is a run of letters of any script, with the combining marks that belong to them (so a
Vietnamese or Devanagari word in decomposed form stays one word) and apostrophes inside it
("d'inscription", "don't"). Digits and punctuation split words. Offsets are those of the text
given, so every span a rule quotes maps back exactly.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# letters, then letters or combining marks (Unicode categories Mn/Mc/Me are not \w in Python's re)
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0900-\u0903\u093a-\u094f" \
         "\u0951-\u0957\u0962\u0963\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTER = r"[^\W\d_]"
WORD_PATTERN = rf"{_LETTER}[^\W\d_{_MARKS}]*(?:[{_MARKS}]+[^\W\d_]*)*(?:['’]{_LETTER}[^\W\d_]*(?:[{_MARKS}]+[^\W\d_]*)*)*"
WORD = re.compile(WORD_PATTERN)
# The model's terms are scikit-learn's default: runs of two or more word characters (letters of any
# script, digits, underscore). The shipped model was trained on these; changing them needs a retrain.
MODEL_TERM_PATTERN = r"(?u)\b\w\w+\b"
MODEL_TERM = re.compile(r"\w\w+")  # the same tokens: a greedy run always ends at a word boundary
# Words and numbers, for comparing the wording of two ads (linking): every number counts as one.
TERM = re.compile(rf"{WORD_PATTERN}|\d+")


class Token(NamedTuple):
    """A word and where it stands in the text it came from."""

    text: str
    start: int
    end: int


def words(text: str) -> list[Token]:
    """Every word of ``text`` with its offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def elided(word: str) -> str | None:
    """The word after an elided article or pronoun ("l'agenzia" -> "agenzia"), or None."""
    for mark in ("'", "’"):
        i = word.find(mark)
        if 0 < i <= 3 and i + 1 < len(word):
            return word[i + 1:]
    return None
