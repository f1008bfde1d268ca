"""The one tokeniser: what a word is, in every script, for rules, context, linking and the model.

A word is a run of letters of any script, with the combining marks that belong to them (so a
Vietnamese or Devanagari word in decomposed form stays one word) and apostrophes inside it
("d'inscription", "don't"). Digits and punctuation split words. Chinese is written without
spaces between words, so each Han character is a word of its own: a run of them is read as a
phrase, one character at a time, and a pack's "保证金" is a phrase of three words. Offsets are those
of the text given, so every span a rule quotes maps back exactly.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# letters, then letters or combining marks (Unicode categories Mn/Mc/Me are not \w in Python's re)
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0900-\u0903\u093a-\u094f" \
         "\u0951-\u0957\u0962\u0963\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Han ideographs: CJK Unified Ideographs, Extension A, the supplementary-plane extensions and the
# compatibility ideographs; letters of every other script run on into words
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_LETTER = rf"[^\W\d_{HAN}]"
_MORE = rf"[^\W\d_{HAN}]*"
WORD_PATTERN = (rf"(?:[{HAN}]|{_LETTER}[^\W\d_{_MARKS}{HAN}]*(?:[{_MARKS}]+{_MORE})*"
                rf"(?:['’]{_LETTER}{_MORE}(?:[{_MARKS}]+{_MORE})*)*)")
WORD = re.compile(WORD_PATTERN)
HAN_RUN = re.compile(f"[{HAN}]+")
_ENTRY_PIECE = re.compile(rf"[{HAN}]|[^{HAN}]+")
# The model's terms: runs of two or more word characters (letters of any script with their
# combining marks, digits, underscore), and every Han character a term of its own, so that the
# model's word pairs are Chinese's character pairs. Written for scikit-learn's token_pattern;
# the greedy run always ends where the pattern's next term begins, so no \\b anchors are needed.
MODEL_TERM_PATTERN = rf"(?u)[{HAN}]|(?:[^\W{HAN}]|[{_MARKS}])(?:[^\W{HAN}]+|[{_MARKS}]+)+"
MODEL_TERM = re.compile(MODEL_TERM_PATTERN)
# scikit-learn's default, which models trained before Han and marks were read still use: a Han
# clause is one term and a Devanagari word breaks at its vowel signs.
LEGACY_MODEL_TERM_PATTERN = r"(?u)\b\w\w+\b"
MODEL_TERMS = {MODEL_TERM_PATTERN: MODEL_TERM, LEGACY_MODEL_TERM_PATTERN: re.compile(r"\w\w+")}
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


def entry_words(entry: str) -> list[str]:
    """The words of a pack's entry (a word, a stem ending in "*", or a phrase), lower-cased, as the
    tokeniser reads them in an ad: split at blanks, and every Han character a word of its own."""
    return [piece for part in entry.lower().split() for piece in _ENTRY_PIECE.findall(part)]


def elided(word: str) -> str | None:
    """The word after an elided article or pronoun ("l'agenzia" -> "agenzia"), or None."""
    for mark in ("'", "’"):
        i = word.find(mark)
        if 0 < i <= 3 and i + 1 < len(word):
            return word[i + 1:]
    return None
