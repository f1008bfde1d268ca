"""One ad through the exported linear model: its probability and the terms behind it, with exact spans.

The model file (NAME.npz) holds, per TF-IDF block, the vocabulary in column order, the idf vector
and the analyzer settings, plus the logistic-regression coefficients and intercept. Scoring
re-implements scikit-learn's TfidfVectorizer transforms ("word" and "char_wb" analyzers,
lowercase, sublinear tf, idf, l2 norm), the FeatureUnion concatenation and the logistic function,
so that probabilities match the scikit-learn pipeline to floating-point rounding.

The model reads the text as the user supplied it (only lowercased, as scikit-learn does), not the
normalised text the rules read, because normalising did not help it on real ads. Measured when that
was decided (data/synthetic/ads.csv, word 1-2 grams, C=1, seed 20261128), raw text scored ROC-AUC
0.9728 on the synthetic held-out split and 0.8114 on EMSCAD dev (944 real ads); normalised text
0.9739 and 0.8094 (on EMSCAD 0.0020 lower, paired bootstrap 95% interval
-0.0038 to -0.0004). Reading the raw text also lets every span index the ad directly, with no
offset map in between.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from redflag.errors import InputError, ModelError
from redflag.model.analyzers import WORD_RE, tfidf_values, word_grams
from redflag.model.blocks import Block, read_blocks
from redflag.model.card import verify
from redflag.model.npz import read_npz
from redflag.result import Evidence, ModelOutput, Term

MAX_SPANS = 5
_NONSPACE_RE = re.compile(r"\S+")


def load(path: str | Path) -> "LinearModel":
    """Load the fast scorer after verifying the .npz against the card beside it."""
    npz, card = verify(path, "npz")
    try:
        return LinearModel(read_npz(npz), card, npz)
    except ModelError:
        raise
    except Exception as exc:  # a hash-valid file that still fails to parse means a broken export
        raise ModelError(f"{npz} is not a readable redflag model: {exc}") from None


class LinearModel:
    """The exported TF-IDF + logistic-regression model: batch probabilities and per-ad explanations.

    Scoring keeps per-word caches to go faster on later batches, so one instance should not be
    shared between threads; processes each load their own.
    """

    def __init__(self, arrays: dict[str, array], card: dict, path: Path) -> None:
        meta, self.blocks = read_blocks(arrays, path)
        self.path = path
        self.card = card
        self.name = str(card.get("name", path.stem))
        self.classes = meta["classes"]
        self.positive_class = card.get("positive_class", self.classes[-1])
        self.text_columns = card.get("text_columns", ["text"])
        self.intercept = float(arrays["intercept"][0])
        self._batch: Any = None
        self._word_vocab = next((b.vocab for b in self.blocks if b.analyzer == "word" and b.n), None)
        self.find_terms = terms_of(self.blocks)

    def decision_function(self, texts: Sequence[str]) -> Any:
        """Log-odds of the positive class for every text (numpy, imported only for batches)."""
        if self._batch is None:
            from redflag.model.batch import BatchScorer

            self._batch = BatchScorer(self.blocks, self.intercept)
        return self._batch.decision_function(texts)

    def predict_proba(self, texts: Sequence[str]) -> Any:
        """Probability of the positive class for every text (1-D array, not sklearn's two columns)."""
        import numpy as np

        z = self.decision_function(texts)
        return np.exp(-np.logaddexp(0.0, -z))

    def words_read(self, text: str, most: int | None = None) -> int:
        """How many of the text's words (numbers aside) the model has a term for, counted up to
        ``most``: fusion weighs its evidence by it, and needs no count past its own bar.

        A language the model never saw (Chinese, whose clauses are single unknown runs) reads as
        nothing, however long the ad; the numbers in it ("18", "5000") are no reading of it.
        """
        vocab = self._word_vocab
        n = 0
        for m in self.find_terms.finditer(text.lower()):
            w = m.group()
            if not w.isdigit() and (vocab is None or w in vocab):
                n += 1
                if n == most:  # a long ad in a language the model knows stops here, after a few lines
                    break
        return n

    def explain(self, text: str, top_k: int | None = 8) -> ModelOutput:
        """Probability plus the terms that pushed it up or down most, each tied to its places in the ad.

        A term's weight is its share of the log-odds (tf-idf value × coefficient); with top_k=None
        the weights of all terms plus the intercept add up to the log-odds exactly. Char n-grams
        are reported as the words that contain them, folded into the word term when there is one.
        """
        if not isinstance(text, str):
            raise InputError(f"expected text, got {type(text).__name__}")
        low, back = _lower_map(text)
        merged = merge_terms(self.blocks, low)
        z = self.intercept + sum(e[0] for e in merged.values())
        ranked = sorted(merged.items(), key=lambda kv: (-abs(kv[1][0]), kv[0]))
        if top_k is not None:
            ranked = ranked[: max(0, top_k)]
        places = _Places(text, low, back, self.find_terms)
        terms = tuple(Term(term=t, weight=w, spans=places.find(t, kind)) for t, (w, kind) in ranked)
        return ModelOutput(probability=sigmoid(z), terms=terms, name=self.name)


def merge_terms(blocks: Sequence[Block], low: str) -> dict[str, list]:
    """Display term → [weight, "word" | "char_wb"]: word n-grams, then char words folded into their word."""
    merged: dict[str, list] = {}
    char_words: list[dict[str, float]] = []
    find_terms = terms_of(blocks)
    for blk in blocks:
        weights = term_weights(blk, low) if blk.n else {}
        if blk.analyzer == "word":
            for term, w in weights.items():
                entry = merged.setdefault(term, [0.0, "word"])
                entry[0] += w
        else:
            char_words.append(weights)
    for weights in char_words:
        for word, w in weights.items():
            core = find_terms.findall(word)
            key = core[0] if len(core) == 1 and merged.get(core[0], (0, ""))[1] == "word" else word
            merged.setdefault(key, [0.0, "char_wb"])[0] += w
    return merged


def terms_of(blocks: Sequence[Block]) -> re.Pattern[str]:
    """The tokeniser of the model's word block (today's for a model of char n-grams only): what
    counts as a word when the model's terms are placed in the ad or counted."""
    return next((b.find_terms for b in blocks if b.analyzer == "word"), WORD_RE)


def term_weights(blk: Block, low: str) -> dict[str, float]:
    """Each present term's share of the log-odds: its tf-idf value times its coefficient.

    Word blocks give one entry per n-gram; char blocks give one entry per whitespace word,
    sharing each n-gram's contribution among the words that contain it, by count.
    """
    coef = blk.coef
    if blk.analyzer == "word":
        grams = word_grams(blk.find_terms.findall(low), blk.lo, blk.hi)
        counts = Counter(c for c in map(blk.vocab.get, grams) if c is not None)
        return {blk.terms[c]: v * coef[c] for c, v in tfidf_values(counts, blk.idf, blk.sublinear, blk.norm).items()}
    per_word = [(w, k, blk.word_grams(w)) for w, k in Counter(low.split()).items()]
    char_counts: dict[int, int] = {}
    for _, k, wg in per_word:
        for c, m in wg:
            char_counts[c] = char_counts.get(c, 0) + m * k
    values = tfidf_values(char_counts, blk.idf, blk.sublinear, blk.norm)
    per_hit = {c: v * coef[c] / char_counts[c] for c, v in values.items()}
    return {w: k * sum(per_hit[c] * m for c, m in wg) for w, k, wg in per_word if wg}


def sigmoid(z: float) -> float:
    """The logistic function, without overflow for large negative log-odds."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


def _lower_map(text: str) -> tuple[str, list[int] | None]:
    """Lowercase like sklearn; when lowercasing changes lengths, map lower offsets back to the input."""
    low = text.lower()
    if len(low) == len(text):
        return low, None
    back: list[int] = []
    for i, ch in enumerate(text):
        back.extend([i] * len(ch.lower()))
    return low, back


class _Places:
    """Finds where a term occurs in the ad, scanning the text only when a span is first asked for."""

    def __init__(self, text: str, low: str, back: list[int] | None, find_terms: re.Pattern[str]) -> None:
        self.text, self.low, self.back, self.find_terms = text, low, back, find_terms
        self._tokens: list[tuple[str, int, int]] | None = None
        self._words: dict[str, list[tuple[int, int]]] | None = None

    def find(self, term: str, kind: str) -> tuple[Evidence, ...]:
        """Up to MAX_SPANS places of a word n-gram (by tokens) or of a whitespace word, in original offsets."""
        spans = self._word_spans(term) if kind == "word" else self._char_spans(term)
        return tuple(self._evidence(s, e) for s, e in spans)

    def _word_spans(self, term: str) -> list[tuple[int, int]]:
        if self._tokens is None:
            self._tokens = [(m.group(), m.start(), m.end()) for m in self.find_terms.finditer(self.low)]
        toks = self._tokens
        parts = term.split(" ")
        n = len(parts)
        spans: list[tuple[int, int]] = []
        for i in range(len(toks) - n + 1):
            if toks[i][0] == parts[0] and all(toks[i + j][0] == parts[j] for j in range(1, n)):
                spans.append((toks[i][1], toks[i + n - 1][2]))
                if len(spans) == MAX_SPANS:
                    break
        return spans

    def _char_spans(self, term: str) -> list[tuple[int, int]]:
        if self._words is None:
            self._words = {}
            for m in _NONSPACE_RE.finditer(self.low):
                self._words.setdefault(m.group(), []).append((m.start(), m.end()))
        return self._words.get(term, [])[:MAX_SPANS]

    def _evidence(self, s: int, e: int) -> Evidence:
        if self.back is not None:
            s, e = self.back[s], self.back[e - 1] + 1
        return Evidence(text=self.text[s:e], start=s, end=e)
