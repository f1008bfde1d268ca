"""scikit-learn's TfidfVectorizer analyzers and tf-idf weighting, re-implemented for one document.

The word analyzer is a model's own token pattern over the lowercased text (``TOKEN_PATTERN`` for
models trained now; older ones keep theirs, see ``term_finder``); the char_wb analyzer pads each
whitespace-delimited word with one space either side. Both the single-ad and the batch scorer
use these, so they cannot disagree about what a term is.
"""

from __future__ import annotations

import math
import re
from array import array

from redflag.text.tokens import MODEL_TERM as WORD_RE
from redflag.text.tokens import MODEL_TERM_PATTERN as TOKEN_PATTERN
from redflag.text.tokens import LEGACY_MODEL_TERM_PATTERN, MODEL_TERMS

LOG_TF = [0.0] + [1.0 + math.log(k) for k in range(1, 64)]


def term_finder(pattern: str | None) -> re.Pattern[str] | None:
    """The compiled tokeniser for a word block's recorded token pattern (none recorded is
    scikit-learn's default); None for one this scorer does not reproduce."""
    return MODEL_TERMS.get(LEGACY_MODEL_TERM_PATTERN if pattern is None else pattern)


def char_wb_grams(word: str, lo: int, hi: int) -> list[str]:
    """sklearn's char_wb n-grams of one whitespace-delimited word, padded with one space each side."""
    w = f" {word} "
    n_w = len(w)
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if n >= n_w:  # a word no longer than n yields itself once, then stops
            grams.append(w)
            break
        grams += [w[i : i + n] for i in range(n_w - n + 1)]
    return grams


def word_grams(tokens: list[str], lo: int, hi: int) -> list[str]:
    """Word n-grams from lo to hi tokens long, joined by one space as sklearn does."""
    grams: list[str] = []
    for n in range(lo, hi + 1):
        grams += tokens if n == 1 else [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def tfidf_values(counts: dict[int, int], idf: array, sublinear: bool, norm: str | None) -> dict[int, float]:
    """tf-idf values of one document from its column counts, normalised as the vectorizer does."""
    if sublinear:
        tf = LOG_TF
        vals = {c: (tf[k] if k < 64 else 1.0 + math.log(k)) * idf[c] for c, k in counts.items()}
    else:
        vals = {c: k * idf[c] for c, k in counts.items()}
    if norm == "l2" and vals:
        length = math.sqrt(sum(v * v for v in vals.values()))
        if length > 0:
            inv = 1.0 / length
            vals = {c: v * inv for c, v in vals.items()}
    return vals
