"""Many ads through the exported linear model at once: vectorised tf-idf · coefficients with numpy.

No sparse matrix is built: each chunk of texts becomes (document, column, count) hits per block,
summed in a reused dense grid, and the per-document dot products and norms are bincounts.
Word blocks map tokens to ids once per model; char blocks cache each distinct word's n-gram
columns the first time it is seen, so later batches go faster.
"""

from __future__ import annotations

from collections import Counter
from itertools import repeat
from typing import Any, Sequence

import numpy as np

from redflag.errors import InputError
from redflag.model.analyzers import char_wb_grams
from redflag.model.blocks import CACHE_LIMIT, Block

CHUNK = 32


class BatchScorer:
    """Log-odds for lists of texts, one block scorer per TF-IDF block of the model."""

    def __init__(self, blocks: Sequence[Block], intercept: float) -> None:
        self.intercept = intercept
        self.blocks = [WordBlockScorer(b) if b.analyzer == "word" else CharBlockScorer(b) for b in blocks if b.n]

    def decision_function(self, texts: Sequence[str]) -> Any:
        """Log-odds of the positive class for every text, computed in chunks."""
        texts = check_texts(texts)
        out = np.empty(len(texts), dtype=np.float64)
        for s in range(0, len(texts), CHUNK):
            lows = [t.lower() for t in texts[s : s + CHUNK]]
            z = np.full(len(lows), self.intercept)
            for scorer in self.blocks:
                z += scorer.scores(lows)
            out[s : s + len(lows)] = z
        return out


class _BlockScorer:
    """What word and char blocks share: the numpy views of idf and coefficients, and the scoring grid."""

    def __init__(self, block: Block) -> None:
        self.block = block
        self.n = block.n
        self.idf = np.frombuffer(block.idf, dtype=np.float64)
        self.coef = np.frombuffer(block.coef, dtype=np.float64)
        self.grid = np.zeros(0)

    def hits(self, lows: list[str]) -> tuple[Any, Any, Any]:
        """(document, column, count) for every in-vocabulary n-gram hit of a chunk; count None means 1."""
        raise NotImplementedError

    def scores(self, lows: list[str]) -> Any:
        """This block's share of the log-odds per document: (tf-idf / norm) · coef.

        Hits of the same (document, column) pair are summed in a dense documents × columns grid;
        each hit then carries its fraction of the pair's total, so the per-document sums need no
        sort or de-duplication.
        """
        doc, col, cnt = self.hits(lows)
        n_docs = len(lows)
        if len(doc) == 0:
            return np.zeros(n_docs)
        key = doc * self.n + col
        if len(self.grid) < n_docs * self.n:
            self.grid = np.zeros(n_docs * self.n)
        grid = self.grid
        # add.at into a reused zeroed grid, then clear only what was touched: cheaper than a fresh bincount
        if cnt is not None:
            cnt = cnt.astype(np.float64)  # add.at with a cast is ten times slower
        np.add.at(grid, key, 1.0 if cnt is None else cnt)
        total = grid[key]
        grid[key] = 0.0
        frac = (1.0 if cnt is None else cnt) / total
        tf = 1.0 + np.log(total) if self.block.sublinear else total
        val = tf * self.idf[col]
        dot = np.bincount(doc, weights=frac * val * self.coef[col], minlength=n_docs)
        if self.block.norm != "l2":
            return dot
        norm = np.sqrt(np.bincount(doc, weights=frac * val * val, minlength=n_docs))
        return np.divide(dot, norm, out=np.zeros_like(dot), where=norm > 0)


class WordBlockScorer(_BlockScorer):
    """Word 1-2 grams: token ids for every vocabulary token, bigram columns keyed by packed token ids."""

    def __init__(self, block: Block) -> None:
        super().__init__(block)
        ids: dict[str, int] = {}
        uni: list[int] = []
        bi_keys: list[int] = []
        bi_cols: list[int] = []
        for col, term in enumerate(block.terms):
            parts = term.split(" ")
            pid = []
            for p in parts:
                if p not in ids:
                    ids[p] = len(ids)
                    uni.append(-1)
                pid.append(ids[p])
            if len(parts) == 1:
                uni[pid[0]] = col
            else:
                bi_keys.append(pid[0] * len(block.terms) * 2 + pid[1])
                bi_cols.append(col)
        keys = np.asarray(bi_keys, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self.tok_ids = ids
        self.uni = np.asarray(uni + [-1], dtype=np.int64)  # index -1 (unknown token) hits the trailing -1
        self.bi_keys = keys[order]
        self.bi_cols = np.asarray(bi_cols, dtype=np.int64)[order]
        self.stride = len(block.terms) * 2

    def hits(self, lows: list[str]) -> tuple[Any, Any, Any]:
        """Unigram and bigram hits of every document; every hit counts once."""
        get = self.tok_ids.get
        findall = self.block.find_terms.findall
        lens: list[int] = []
        flat: list[int] = []
        for low in lows:
            toks = findall(low)
            lens.append(len(toks))
            flat.extend(map(get, toks, repeat(-1)))
        ids = np.asarray(flat, dtype=np.int64)
        doc = np.repeat(np.arange(len(lows), dtype=np.int64), lens)
        docs, cols = [], []
        if self.block.lo <= 1:
            c = self.uni[ids]
            keep = c >= 0
            docs.append(doc[keep])
            cols.append(c[keep])
        if self.block.hi >= 2 and len(ids) > 1 and len(self.bi_keys):
            a, b = ids[:-1], ids[1:]
            ok = (doc[:-1] == doc[1:]) & (a >= 0) & (b >= 0)
            key = a[ok] * self.stride + b[ok]
            pos = np.searchsorted(self.bi_keys, key)
            pos[pos == len(self.bi_keys)] = 0
            hit = self.bi_keys[pos] == key
            docs.append(doc[:-1][ok][hit])
            cols.append(self.bi_cols[pos[hit]])
        if not docs:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), None
        return np.concatenate(docs), np.concatenate(cols), None


class CharBlockScorer(_BlockScorer):
    """char_wb n-grams: each distinct word's in-vocabulary columns and multiplicities, computed once."""

    def __init__(self, block: Block) -> None:
        super().__init__(block)
        self.vocab1 = dict(zip(block.terms, range(1, block.n + 1)))  # column + 1, so filter(None) drops misses
        self._reset()

    def _reset(self) -> None:
        self.word_ids = _Interner()
        self.ptr = np.zeros(1, dtype=np.int64)
        self.cols = np.zeros(0, dtype=np.int64)
        self.cnts = np.zeros(0, dtype=np.int64)

    def hits(self, lows: list[str]) -> tuple[Any, Any, Any]:
        """Every document's n-gram hits, each distinct word's counted by how often the word occurs."""
        if len(self.word_ids) > CACHE_LIMIT:
            self._reset()
        interner = self.word_ids
        getitem = interner.__getitem__
        lens: list[int] = []
        flat: list[int] = []
        reps: list[int] = []
        for low in lows:
            ws = Counter(low.split())  # each distinct word once per document, with its count
            lens.append(len(ws))
            flat.extend(map(getitem, ws))
            reps.extend(ws.values())
        if interner.new:
            self._add_words(interner)
        ids = np.asarray(flat, dtype=np.int64)
        doc = np.repeat(np.arange(len(lows), dtype=np.int64), lens)
        starts = self.ptr[ids]
        n_each = self.ptr[ids + 1] - starts
        total = int(n_each.sum())
        ends = np.cumsum(n_each)
        pos = np.arange(total, dtype=np.int64) + np.repeat(starts - (ends - n_each), n_each)
        cnt = self.cnts[pos] * np.repeat(np.asarray(reps, dtype=np.int64), n_each)
        return np.repeat(doc, n_each), self.cols[pos], cnt

    def _add_words(self, interner: "_Interner") -> None:
        """Compute, once per distinct word, its in-vocabulary n-gram columns and multiplicities."""
        get1 = self.vocab1.get
        lo, hi = self.block.lo, self.block.hi
        lens, cols, cnts = [], [], []
        for w in interner.new:
            c = Counter(filter(None, map(get1, char_wb_grams(w, lo, hi))))
            lens.append(len(c))
            cols.extend(c.keys())
            cnts.extend(c.values())
        interner.new = []
        self.ptr = np.concatenate([self.ptr, self.ptr[-1] + np.cumsum(np.asarray(lens, dtype=np.int64))])
        self.cols = np.concatenate([self.cols, np.asarray(cols, dtype=np.int64) - 1])
        self.cnts = np.concatenate([self.cnts, np.asarray(cnts, dtype=np.int64)])


class _Interner(dict):
    """Word → id, handing out new ids on first sight and remembering which words are new."""

    def __init__(self) -> None:
        super().__init__()
        self.new: list[str] = []

    def __missing__(self, key: str) -> int:
        v = self[key] = len(self)
        self.new.append(key)
        return v


def check_texts(texts: Sequence[str]) -> list[str]:
    """A list of strings, or an InputError naming the first item that is not text."""
    if isinstance(texts, str):
        raise InputError("expected a list of texts, got a single string")
    texts = list(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise InputError(f"text {i} is {type(t).__name__}, not text")
    return texts
