"""The TF-IDF blocks of an exported model: each vectorizer's vocabulary, idf and slice of the coefficients."""

from __future__ import annotations

import json
from array import array
from collections import Counter
from pathlib import Path

from redflag.errors import ModelError
from redflag.model.analyzers import WORD_RE, char_wb_grams, term_finder
from redflag.model.card import FORMAT

CACHE_LIMIT = 1 << 20


class Block:
    """One TfidfVectorizer of the FeatureUnion: its vocabulary, idf and slice of the coefficients."""

    def __init__(self, spec: dict, vocab_bytes: array, idf: array, coef: array, offset: int) -> None:
        self.name = spec["name"]
        self.analyzer = spec["analyzer"]
        self.lo, self.hi = spec["ngram_range"]
        self.sublinear = bool(spec["sublinear_tf"])
        self.norm = spec["norm"]
        self.n = int(spec["n_features"])
        # the word block's own tokeniser; a char block's words are folded into word terms with today's
        self.find_terms = term_finder(spec.get("token_pattern")) if self.analyzer == "word" else WORD_RE
        text = vocab_bytes.tobytes().decode("utf-8")
        self.terms = text.split("\n") if self.n else []
        if len(self.terms) != self.n or len(idf) != self.n:
            raise ModelError(f"block {self.name!r}: vocabulary, idf and n_features disagree")
        self.idf = idf
        self.coef = coef[offset : offset + self.n]
        self._vocab: dict[str, int] | None = None
        self._grams: dict[str, tuple[tuple[int, int], ...]] = {}

    @property
    def vocab(self) -> dict[str, int]:
        """Term → column, built on first use (a one-ad check of a word model may never need it twice)."""
        if self._vocab is None:
            self._vocab = dict(zip(self.terms, range(self.n)))
        return self._vocab

    def word_grams(self, word: str) -> tuple[tuple[int, int], ...]:
        """(column, multiplicity) of a whitespace word's in-vocabulary char n-grams, cached per word."""
        hit = self._grams.get(word)
        if hit is None:
            if len(self._grams) > CACHE_LIMIT:
                self._grams.clear()
            vocab = self.vocab
            grams = char_wb_grams(word, self.lo, self.hi)
            hit = self._grams[word] = tuple(Counter(vocab[g] for g in grams if g in vocab).items())
        return hit


def read_blocks(arrays: dict[str, array], path: Path) -> tuple[dict, list[Block]]:
    """The export's metadata and its blocks, refusing analyzers the scorers cannot reproduce."""
    meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    if meta.get("format") != FORMAT:
        raise ModelError(f"{path}: format {meta.get('format')!r}, expected {FORMAT!r}")
    coef = arrays["coef"]
    blocks: list[Block] = []
    offset = 0
    for spec in meta["blocks"]:
        if spec["analyzer"] not in ("word", "char_wb"):
            raise ModelError(f"{path}: unsupported analyzer {spec['analyzer']!r}")
        if spec["analyzer"] == "word" and not 1 <= spec["ngram_range"][0] <= spec["ngram_range"][1] <= 2:
            raise ModelError(f"{path}: word n-grams {spec['ngram_range']} not supported (1 to 2)")
        blk = Block(spec, arrays[f"{spec['name']}_vocab"], arrays[f"{spec['name']}_idf"], coef, offset)
        if blk.find_terms is None:
            raise ModelError(f"{path}: block {spec['name']!r} has a token pattern this version cannot reproduce")
        blocks.append(blk)
        offset += blk.n
    if offset != len(coef):
        raise ModelError(f"{path}: {len(coef)} coefficients for {offset} features")
    return meta, blocks
