"""Fast, explainable scoring with an exported linear text model: no scikit-learn, numpy only for batches.

The model file (NAME.npz) holds, per TF-IDF block, the vocabulary in column order, the idf vector and
the analyzer settings, plus the logistic-regression coefficients and intercept. This module
re-implements scikit-learn's TfidfVectorizer transforms ("word" and "char_wb" analyzers, lowercase,
sublinear tf, idf, l2 norm), the FeatureUnion concatenation and the logistic function, so that
probabilities match the scikit-learn pipeline to floating-point rounding.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
import zipfile
from array import array
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from redflag.errors import InputError, ModelError
from redflag.result import Evidence, ModelOutput, Term

FORMAT = "redflag-linear/1"
CARD_SUFFIX = ".card.json"
TOKEN_PATTERN = r"(?u)\b\w\w+\b"
MAX_SPANS = 5
CHUNK = 32
CACHE_LIMIT = 1 << 20

# The same tokens as TOKEN_PATTERN: a greedy run of two or more word characters always ends at a
# word boundary and the scan resumes after it, so the \b anchors add nothing but time (about a third).
_WORD_RE = re.compile(r"\w\w+")
_LOG_TF = [0.0] + [1.0 + math.log(k) for k in range(1, 64)]
_NONSPACE_RE = re.compile(r"\S+")


# ---------------------------------------------------------------- files, hashes, card


def model_paths(path: str | Path) -> dict[str, Path]:
    """From NAME.joblib, NAME.npz or NAME.card.json, find the three files that belong together."""
    p = Path(path)
    name = p.name
    if name.endswith(CARD_SUFFIX):
        stem = name[: -len(CARD_SUFFIX)]
    elif p.suffix in (".joblib", ".npz"):
        stem = p.stem
    else:
        stem = name
    d = p.parent
    return {"joblib": d / f"{stem}.joblib", "npz": d / f"{stem}.npz", "card": d / f"{stem}{CARD_SUFFIX}"}


def read_card(path: str | Path) -> dict:
    """Read the model card that must sit beside the model file; without it nothing is trusted."""
    card_path = model_paths(path)["card"]
    if not card_path.is_file():
        raise ModelError(f"model card not found: {card_path} (it must sit beside the model file)")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"model card {card_path} is not readable JSON: {exc}") from None
    if not isinstance(card, dict) or card.get("format") != FORMAT or "files" not in card:
        raise ModelError(f"{card_path} is not a redflag model card (format {FORMAT!r} expected)")
    return card


def verify(path: str | Path, kind: str) -> tuple[Path, dict]:
    """Check a model file's SHA-256 against its card before anything reads it."""
    card = read_card(path)
    target = model_paths(path)[kind]
    entry = card["files"].get(kind) if isinstance(card["files"], dict) else None
    if not entry or "sha256" not in entry:
        raise ModelError(f"model card for {target.name} lists no SHA-256 for the {kind} file")
    if not target.is_file():
        raise ModelError(f"model file not found: {target}")
    h = hashlib.sha256()
    with open(target, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    if h.hexdigest() != entry["sha256"]:
        raise ModelError(f"{target} does not match the SHA-256 in its model card: altered or from another model")
    return target, card


def load(path: str | Path) -> "LinearModel":
    """Load the fast scorer after verifying the .npz against the card beside it."""
    npz, card = verify(path, "npz")
    try:
        arrays = _read_npz(npz)
        return LinearModel(arrays, card, npz)
    except ModelError:
        raise
    except Exception as exc:  # a hash-valid file that still fails to parse means a broken export
        raise ModelError(f"{npz} is not a readable redflag model: {exc}") from None


def load_pipeline(path: str | Path) -> Any:
    """Load the scikit-learn pipeline (the slow, reference path) after verifying its hash."""
    target, _ = verify(path, "joblib")
    import joblib

    try:
        return joblib.load(target)
    except Exception as exc:
        raise ModelError(f"cannot load {target}: {exc}") from None


_NPY_DTYPES = {"<f8": "d", "<i8": "q", "|u1": "B", "<u1": "B"}


def _read_npz(path: Path) -> dict[str, array]:
    """Parse the .npy members without numpy, so one-ad explanations start fast."""
    out: dict[str, array] = {}
    with zipfile.ZipFile(path) as zf:
        for member in zf.namelist():
            raw = zf.read(member)
            if raw[:6] != b"\x93NUMPY":
                raise ModelError(f"{path}: member {member} is not an .npy array")
            if raw[6] == 1:
                hlen, start = int.from_bytes(raw[8:10], "little"), 10
            else:
                hlen, start = int.from_bytes(raw[8:12], "little"), 12
            header = raw[start : start + hlen].decode("latin1")
            descr = re.search(r"'descr':\s*'([^']+)'", header)
            if not descr or descr.group(1) not in _NPY_DTYPES or "'fortran_order': False" not in header:
                raise ModelError(f"{path}: member {member} has an unsupported array type")
            a = array(_NPY_DTYPES[descr.group(1)])
            a.frombytes(raw[start + hlen :])
            if sys.byteorder != "little" and a.itemsize > 1:
                a.byteswap()
            out[member[:-4] if member.endswith(".npy") else member] = a
    return out


# ---------------------------------------------------------------- text helpers


def _lower_map(text: str) -> tuple[str, list[int] | None]:
    """Lowercase like sklearn; when lowercasing changes lengths, map lower offsets back to the input."""
    low = text.lower()
    if len(low) == len(text):
        return low, None
    back: list[int] = []
    for i, ch in enumerate(text):
        back.extend([i] * len(ch.lower()))
    return low, back


def _span(text: str, back: list[int] | None, s: int, e: int) -> Evidence:
    if back is not None:
        s, e = back[s], back[e - 1] + 1
    return Evidence(text=text[s:e], start=s, end=e)


def _char_wb_grams(word: str, lo: int, hi: int) -> list[str]:
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


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


# ---------------------------------------------------------------- the model


class _Block:
    """One TfidfVectorizer of the FeatureUnion: its vocabulary, idf and slice of the coefficients."""

    def __init__(self, spec: dict, vocab_bytes: array, idf: array, coef: array, offset: int) -> None:
        self.name = spec["name"]
        self.analyzer = spec["analyzer"]
        self.lo, self.hi = spec["ngram_range"]
        self.sublinear = bool(spec["sublinear_tf"])
        self.norm = spec["norm"]
        self.n = int(spec["n_features"])
        text = vocab_bytes.tobytes().decode("utf-8")
        self.terms = text.split("\n") if self.n else []
        if len(self.terms) != self.n or len(idf) != self.n:
            raise ModelError(f"block {self.name!r}: vocabulary, idf and n_features disagree")
        self.idf = idf
        self.coef = coef[offset : offset + self.n]
        self._vocab: dict[str, int] | None = None
        self._np: dict[str, Any] | None = None
        self._grams: dict[str, tuple[tuple[int, int], ...]] = {}

    @property
    def vocab(self) -> dict[str, int]:
        if self._vocab is None:
            self._vocab = dict(zip(self.terms, range(self.n)))
        return self._vocab

    # -- one document, pure Python, with places in the text

    def word_grams(self, word: str) -> tuple[tuple[int, int], ...]:
        """(column, multiplicity) of a whitespace word's in-vocabulary char n-grams, cached per word."""
        hit = self._grams.get(word)
        if hit is None:
            if len(self._grams) > CACHE_LIMIT:
                self._grams.clear()
            vocab = self.vocab
            hit = self._grams[word] = tuple(Counter(vocab[g] for g in _char_wb_grams(word, self.lo, self.hi) if g in vocab).items())
        return hit

    def term_weights(self, low: str) -> dict[str, float]:
        """Each present term's share of the log-odds: its tf-idf value times its coefficient.

        Word blocks give one entry per n-gram; char blocks give one entry per whitespace word,
        sharing each n-gram's contribution among the words that contain it, by count.
        """
        coef = self.coef
        if self.analyzer == "word":
            toks = _WORD_RE.findall(low)
            grams: list[str] = []
            for n in range(self.lo, self.hi + 1):
                grams += toks if n == 1 else [" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)]
            counts = Counter(c for c in map(self.vocab.get, grams) if c is not None)
            return {self.terms[c]: v * coef[c] for c, v in self.values(counts).items()}
        per_word = [(w, k, self.word_grams(w)) for w, k in Counter(low.split()).items()]
        counts: dict[int, int] = {}
        for _, k, wg in per_word:
            for c, m in wg:
                counts[c] = counts.get(c, 0) + m * k
        per_hit = {c: v * coef[c] / counts[c] for c, v in self.values(counts).items()}
        return {w: k * sum(per_hit[c] * m for c, m in wg) for w, k, wg in per_word if wg}

    def values(self, counts: dict[int, int]) -> dict[int, float]:
        """tf-idf values of one document, normalised as the vectorizer does."""
        idf = self.idf
        if self.sublinear:
            tf = _LOG_TF
            vals = {c: (tf[k] if k < 64 else 1.0 + math.log(k)) * idf[c] for c, k in counts.items()}
        else:
            vals = {c: k * idf[c] for c, k in counts.items()}
        if self.norm == "l2" and vals:
            norm = math.sqrt(sum(v * v for v in vals.values()))
            if norm > 0:
                inv = 1.0 / norm
                vals = {c: v * inv for c, v in vals.items()}
        return vals

    # -- many documents, vectorised with numpy

    def _arrays(self) -> dict[str, Any]:
        if self._np is None:
            import numpy as np

            d: dict[str, Any] = {
                "idf": np.frombuffer(self.idf, dtype=np.float64),
                "coef": np.frombuffer(self.coef, dtype=np.float64),
            }
            if self.analyzer == "word":
                self._build_word_index(d)
            else:
                self._reset_char_cache(d)
            self._np = d
        return self._np

    def _build_word_index(self, d: dict) -> None:
        """Token ids for every token in the vocabulary; n-gram columns keyed by packed token ids."""
        import numpy as np

        ids: dict[str, int] = {}
        uni: list[int] = []
        bi_keys: list[int] = []
        bi_cols: list[int] = []
        for col, term in enumerate(self.terms):
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
                bi_keys.append(pid[0] * len(self.terms) * 2 + pid[1])
                bi_cols.append(col)
        stride = len(self.terms) * 2
        keys = np.asarray(bi_keys, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        d["tok_ids"] = ids
        d["uni"] = np.asarray(uni + [-1], dtype=np.int64)  # index -1 (unknown token) hits the trailing -1
        d["bi_keys"] = keys[order]
        d["bi_cols"] = np.asarray(bi_cols, dtype=np.int64)[order]
        d["stride"] = stride

    def _reset_char_cache(self, d: dict) -> None:
        import numpy as np

        d["word_ids"] = _Interner()
        d["ptr"] = np.zeros(1, dtype=np.int64)
        d["cols"] = np.zeros(0, dtype=np.int64)
        d["cnts"] = np.zeros(0, dtype=np.int64)

    def hits(self, lows: list[str]) -> tuple[Any, Any, Any]:
        """(document, column, count) for every in-vocabulary n-gram hit of a chunk; count None means 1."""
        d = self._arrays()
        if self.analyzer == "word":
            doc, col = self._word_hits(lows, d)
            return doc, col, None
        return self._char_hits(lows, d)

    def _word_hits(self, lows: list[str], d: dict) -> tuple[Any, Any]:
        from itertools import repeat

        import numpy as np

        get = d["tok_ids"].get
        findall = _WORD_RE.findall
        lens: list[int] = []
        flat: list[int] = []
        for low in lows:
            toks = findall(low)
            lens.append(len(toks))
            flat.extend(map(get, toks, repeat(-1)))
        ids = np.asarray(flat, dtype=np.int64)
        doc = np.repeat(np.arange(len(lows), dtype=np.int64), lens)
        docs, cols = [], []
        if self.lo <= 1:
            c = d["uni"][ids]
            keep = c >= 0
            docs.append(doc[keep])
            cols.append(c[keep])
        if self.hi >= 2 and len(ids) > 1 and len(d["bi_keys"]):
            a, b = ids[:-1], ids[1:]
            ok = (doc[:-1] == doc[1:]) & (a >= 0) & (b >= 0)
            key = a[ok] * d["stride"] + b[ok]
            pos = np.searchsorted(d["bi_keys"], key)
            pos[pos == len(d["bi_keys"])] = 0
            hit = d["bi_keys"][pos] == key
            docs.append(doc[:-1][ok][hit])
            cols.append(d["bi_cols"][pos[hit]])
        if not docs:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(docs), np.concatenate(cols)

    def _char_hits(self, lows: list[str], d: dict) -> tuple[Any, Any, Any]:
        import numpy as np

        if len(d["word_ids"]) > CACHE_LIMIT:
            self._reset_char_cache(d)
        interner: _Interner = d["word_ids"]
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
            self._add_words(interner, d)
        ids = np.asarray(flat, dtype=np.int64)
        doc = np.repeat(np.arange(len(lows), dtype=np.int64), lens)
        ptr = d["ptr"]
        starts = ptr[ids]
        n_each = ptr[ids + 1] - starts
        total = int(n_each.sum())
        ends = np.cumsum(n_each)
        pos = np.arange(total, dtype=np.int64) + np.repeat(starts - (ends - n_each), n_each)
        cnt = d["cnts"][pos] * np.repeat(np.asarray(reps, dtype=np.int64), n_each)
        return np.repeat(doc, n_each), d["cols"][pos], cnt

    def _add_words(self, interner: "_Interner", d: dict) -> None:
        """Compute, once per distinct word, its in-vocabulary n-gram columns and multiplicities."""
        import numpy as np

        if "vocab1" not in d:
            d["vocab1"] = dict(zip(self.terms, range(1, self.n + 1)))  # column + 1, so filter(None) drops misses
        get1 = d["vocab1"].get
        lo, hi = self.lo, self.hi
        lens, cols, cnts = [], [], []
        for w in interner.new:
            c = Counter(filter(None, map(get1, _char_wb_grams(w, lo, hi))))
            lens.append(len(c))
            cols.extend(c.keys())
            cnts.extend(c.values())
        interner.new = []
        d["ptr"] = np.concatenate([d["ptr"], d["ptr"][-1] + np.cumsum(np.asarray(lens, dtype=np.int64))])
        d["cols"] = np.concatenate([d["cols"], np.asarray(cols, dtype=np.int64) - 1])
        d["cnts"] = np.concatenate([d["cnts"], np.asarray(cnts, dtype=np.int64)])


class _Interner(dict):
    """Word → id, handing out new ids on first sight and remembering which words are new."""

    def __init__(self) -> None:
        super().__init__()
        self.new: list[str] = []

    def __missing__(self, key: str) -> int:
        v = self[key] = len(self)
        self.new.append(key)
        return v


class LinearModel:
    """The exported TF-IDF + logistic-regression model: batch probabilities and per-ad explanations.

    Scoring keeps per-word caches to go faster on later batches, so one instance should not be
    shared between threads; processes each load their own.
    """

    def __init__(self, arrays: dict[str, array], card: dict, path: Path) -> None:
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        if meta.get("format") != FORMAT:
            raise ModelError(f"{path}: format {meta.get('format')!r}, expected {FORMAT!r}")
        self.path = path
        self.card = card
        self.name = str(card.get("name", path.stem))
        self.classes = meta["classes"]
        self.positive_class = card.get("positive_class", self.classes[-1])
        self.text_columns = card.get("text_columns", ["text"])
        coef = arrays["coef"]
        self.intercept = float(arrays["intercept"][0])
        self.blocks: list[_Block] = []
        offset = 0
        for spec in meta["blocks"]:
            if spec["analyzer"] not in ("word", "char_wb"):
                raise ModelError(f"{path}: unsupported analyzer {spec['analyzer']!r}")
            if spec["analyzer"] == "word" and not 1 <= spec["ngram_range"][0] <= spec["ngram_range"][1] <= 2:
                raise ModelError(f"{path}: word n-grams {spec['ngram_range']} not supported (1 to 2)")
            blk = _Block(spec, arrays[f"{spec['name']}_vocab"], arrays[f"{spec['name']}_idf"], coef, offset)
            self.blocks.append(blk)
            offset += blk.n
        if offset != len(coef):
            raise ModelError(f"{path}: {len(coef)} coefficients for {offset} features")

    def decision_function(self, texts: Sequence[str]) -> Any:
        """Log-odds of the positive class for every text, computed in chunks."""
        import numpy as np

        texts = _check_texts(texts)
        out = np.empty(len(texts), dtype=np.float64)
        for s in range(0, len(texts), CHUNK):
            lows = [t.lower() for t in texts[s : s + CHUNK]]
            z = np.full(len(lows), self.intercept)
            for blk in self.blocks:
                if blk.n:
                    z += _block_scores(blk, lows)
            out[s : s + len(lows)] = z
        return out

    def predict_proba(self, texts: Sequence[str]) -> Any:
        """Probability of the positive class for every text (1-D array, not sklearn's two columns)."""
        import numpy as np

        z = self.decision_function(texts)
        return np.exp(-np.logaddexp(0.0, -z))

    def explain(self, text: str, top_k: int | None = 8) -> ModelOutput:
        """Probability plus the terms that pushed it up or down most, each tied to its places in the ad.

        A term's weight is its share of the log-odds (tf-idf value × coefficient); with top_k=None
        the weights of all terms plus the intercept add up to the log-odds exactly. Char n-grams
        are reported as the words that contain them, folded into the word term when there is one.
        """
        if not isinstance(text, str):
            raise InputError(f"expected text, got {type(text).__name__}")
        low, back = _lower_map(text)
        merged: dict[str, list] = {}  # display term -> [weight, "word" | "char_wb"]
        char_words: list[dict[str, float]] = []
        for blk in self.blocks:
            weights = blk.term_weights(low) if blk.n else {}
            if blk.analyzer == "word":
                for term, w in weights.items():
                    entry = merged.setdefault(term, [0.0, "word"])
                    entry[0] += w
            else:
                char_words.append(weights)
        for weights in char_words:
            for word, w in weights.items():
                core = _WORD_RE.findall(word)
                key = core[0] if len(core) == 1 and merged.get(core[0], (0, ""))[1] == "word" else word
                merged.setdefault(key, [0.0, "char_wb"])[0] += w
        z = self.intercept + sum(e[0] for e in merged.values())
        ranked = sorted(merged.items(), key=lambda kv: (-abs(kv[1][0]), kv[0]))
        if top_k is not None:
            ranked = ranked[: max(0, top_k)]
        places = _Places(text, low, back)
        terms = tuple(Term(term=t, weight=w, spans=places.find(t, kind)) for t, (w, kind) in ranked)
        return ModelOutput(probability=_sigmoid(z), terms=terms, name=self.name)


class _Places:
    """Finds where a term occurs in the ad, scanning the text only when a span is first asked for."""

    def __init__(self, text: str, low: str, back: list[int] | None) -> None:
        self.text, self.low, self.back = text, low, back
        self._tokens: list[tuple[str, int, int]] | None = None
        self._words: dict[str, list[tuple[int, int]]] | None = None

    def find(self, term: str, kind: str) -> tuple[Evidence, ...]:
        spans: list[tuple[int, int]] = []
        if kind == "word":
            if self._tokens is None:
                self._tokens = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(self.low)]
            toks = self._tokens
            parts = term.split(" ")
            n = len(parts)
            for i in range(len(toks) - n + 1):
                if toks[i][0] == parts[0] and all(toks[i + j][0] == parts[j] for j in range(1, n)):
                    spans.append((toks[i][1], toks[i + n - 1][2]))
                    if len(spans) == MAX_SPANS:
                        break
        else:
            if self._words is None:
                self._words = {}
                for m in _NONSPACE_RE.finditer(self.low):
                    self._words.setdefault(m.group(), []).append((m.start(), m.end()))
            spans = self._words.get(term, [])[:MAX_SPANS]
        return tuple(_span(self.text, self.back, s, e) for s, e in spans)


def _block_scores(blk: _Block, lows: list[str]) -> Any:
    """One block's share of the log-odds per document: (tf-idf / norm) · coef, without a sparse matrix.

    Hits of the same (document, column) pair are summed in a dense documents × columns grid; each hit then carries its fraction of the pair's total, so
    the per-document sums need no sort or de-duplication.
    """
    import numpy as np

    a = blk._arrays()
    doc, col, cnt = blk.hits(lows)
    n_docs = len(lows)
    if len(doc) == 0:
        return np.zeros(n_docs)
    key = doc * blk.n + col
    grid = a.get("grid")
    if grid is None or len(grid) < n_docs * blk.n:
        grid = a["grid"] = np.zeros(n_docs * blk.n)
    # add.at into a reused zeroed grid, then clear only what was touched: cheaper than a fresh bincount
    if cnt is not None:
        cnt = cnt.astype(np.float64)  # add.at with a cast is ten times slower
    np.add.at(grid, key, 1.0 if cnt is None else cnt)
    total = grid[key]
    grid[key] = 0.0
    frac = (1.0 if cnt is None else cnt) / total
    tf = 1.0 + np.log(total) if blk.sublinear else total
    val = tf * a["idf"][col]
    dot = np.bincount(doc, weights=frac * val * a["coef"][col], minlength=n_docs)
    if blk.norm != "l2":
        return dot
    norm = np.sqrt(np.bincount(doc, weights=frac * val * val, minlength=n_docs))
    return np.divide(dot, norm, out=np.zeros_like(dot), where=norm > 0)


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise InputError("expected a list of texts, got a single string")
    texts = list(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise InputError(f"text {i} is {type(t).__name__}, not text")
    return texts
