"""Near-duplicate text: slot-folded shingles, one-permutation MinHash with rotation densification, LSH banding.

Recruiters copy one template across sites with a few words changed; comparing every pair of ads
costs n squared, so ads are hashed into 128-bin signatures and only those sharing a band are compared.
What a copier changes without changing the template (amounts, phone numbers, links, handles, emoji,
case, accents, punctuation) is folded away before shingling. Scripts written without spaces
(Chinese, Japanese, Thai, Lao, Khmer, Burmese) are read one character at a time.

By default an ad's shingles are its words, word pairs and word triples together: one changed word
costs a long ad little and a short one a lot, so a short ad is held to the similarity that
the same number of changed words leaves (``short_threshold``), never below ``FLOOR``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

from redflag.text.lookalikes import LOOKALIKES
from redflag.text.tokens import WORD_PATTERN

_RUN = r"\d(?:[\d\s().,/:'’-]*\d)?"  # an amount, phone number or date: one word, whatever its digits
_WORD = re.compile(f"{WORD_PATTERN}|{_RUN}")  # words of every script, and number runs
_ASCII_WORD = re.compile(f"[A-Za-z]+(?:'[A-Za-z]+)*|{_RUN}")  # _WORD on ASCII text, which needs none of its Unicode classes
_BINS = 128
_MASK64 = (1 << 64) - 1
SIZES = (1, 2, 3)  # shingle sizes read together when no single size is asked for
MIN_WORDS = 8  # fewer words than this are not a template worth linking
REFERENCE_WORDS = 80  # the similarity asked for holds as given from this many words up
# LSH bands are shaped for a bar this far above the lowest one: a short ad's empty bins copy their
# neighbours, so its near copies agree in runs of bins and share a band more often than independent
# bins would, while unrelated ads must share none (measured on tests/link/short_templates.json)
BAND_LIFT = 0.1
FLOOR = 0.5  # no pair of ads is linked below this estimated Jaccard similarity
_MULTS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD)
_word_cache: dict[str, int] = {}

# what copiers change inside a kept template: each becomes one placeholder word
_URL = re.compile(r"(?:https?://|www\.)\S+")
_MAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"@\w+")
_MARKUP = re.compile(r"<[^<>]{0,200}>|&#?\w{1,10};")  # HTML tags and entities a site adds around the same words
# letters of scripts without spaces between words, each with the marks written on it
_SPACELESS_LETTERS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_SPACELESS = re.compile(f"([{_SPACELESS_LETTERS}][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd\u102b-\u103e\u17b4-\u17d3]*)")
_HAS_SPACELESS = re.compile(f"[{_SPACELESS_LETTERS}]")
# accents that are often left out (Latin, Greek, Cyrillic diacritics; Arabic short vowels and tatweel)
_ACCENTS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670\u0640]+")
_LETTERS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "’": "'"})  # letters read without their stroke, one apostrophe
_ZERO = "0"


def _tokens(text: str) -> tuple[list[str], bool]:
    """The text's words as written (slots already placeholders), and whether a script without spaces is among them."""
    if "@" in text:
        text = _HANDLE.sub(" xhandlex ", _MAIL.sub(" xmailx ", text))
    if "://" in text or "www." in text:
        text = _URL.sub(" xurlx ", text)
    if "<" in text or "&" in text:
        text = _MARKUP.sub(" ", text)
    if text.isascii():
        return _ASCII_WORD.findall(text), False
    spaceless = _HAS_SPACELESS.search(text) is not None
    if spaceless:
        text = _SPACELESS.sub(r" \1 ", text)
    return _WORD.findall(text), spaceless


def _fold(token: str) -> str:
    """One word as every copy of it reads: a number run is "0"; case, accents and strokes are dropped."""
    if token[0].isdigit():
        return _ZERO
    if token.isascii():
        return token.lower()
    plain = _ACCENTS.sub("", unicodedata.normalize("NFD", token.casefold())).translate(_LETTERS)
    if not plain.isascii() and any(c.isascii() for c in plain):
        # a Latin word with Cyrillic or Greek look-alike letters slipped in to dodge matching
        plain = "".join(LOOKALIKES.get(c, c) for c in plain).lower()
    return plain


def words(text: str) -> list[str]:
    """The words two copies of one template share: slots folded to placeholders, case and accents folded.

    Words come in decomposed form (NFD): both copies are read the same way, whatever form they were typed in."""
    return [_fold(t) for t in _tokens(text)[0]]


def _hashes(tokens: list[str]) -> list[int]:
    """64-bit hashes of the folded tokens; tokens repeat across ads, so each is folded and hashed once."""
    cache = _word_cache
    if len(cache) > 2_000_000:
        cache.clear()
    for t in set(tokens).difference(cache):
        cache[t] = int.from_bytes(hashlib.blake2b(_fold(t).encode(), digest_size=8).digest(), "little")
    return list(map(cache.__getitem__, tokens))


def _mix(x: np.ndarray) -> np.ndarray:
    """64-bit finaliser (splitmix64) so shingle hashes spread evenly over the bins."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def signatures(texts: list[str], shingle: int | None = None, chunk: int = 4096) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures (n x 128, uint32) and a mask of ads long enough to have one.

    ``shingle`` = k reads word k-grams only (an ad needs k words); None reads ``SIZES`` together
    (an ad needs ``MIN_WORDS``)."""
    sigs, ok, _ = sketch(texts, shingle, chunk)
    return sigs, ok


def sketch(texts: list[str], shingle: int | None = None, chunk: int = 4096) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`signatures` plus each ad's length in words (a character of Chinese, Japanese or Thai
    counts half), which sets the similarity a short ad is held to."""
    sizes = SIZES if shingle is None else (shingle,)
    least = MIN_WORDS if shingle is None else shingle
    n = len(texts)
    sigs = np.zeros((n, _BINS), dtype=np.uint32)
    ok = np.zeros(n, dtype=bool)
    counts = np.zeros(n, dtype=float)
    mults = [np.uint64(m) for m in _MULTS[:max(sizes)]]
    empty = np.uint64(_MASK64)
    with np.errstate(over="ignore"):
        for lo in range(0, n, chunk):
            part = texts[lo:lo + chunk]
            tokens: list[str] = []
            lens: list[int] = []
            sizes_read: list[float] = []
            for t in part:
                ws, spaceless = _tokens(t)
                tokens += ws
                lens.append(len(ws))
                # a character of a script without spaces is about half a word
                sizes_read.append(len(ws) - sum(1 for w in ws if _HAS_SPACELESS.match(w)) / 2 if spaceless else len(ws))
            counts[lo:lo + len(part)] = sizes_read
            if not tokens:
                continue
            h = np.array(_hashes(tokens), dtype=np.uint64)
            owner = np.repeat(np.arange(len(part)), lens)
            enough = (np.array(lens) >= least)[owner]
            shs: list[np.ndarray] = []
            owns: list[np.ndarray] = []
            for k in sizes:
                m = len(h) - k + 1
                if m <= 0:
                    continue
                sh = h[:m] * mults[0]
                for j in range(1, k):
                    sh = sh ^ (h[j:m + j] * mults[j])
                sh = _mix(sh + np.uint64(k))
                valid = (owner[:m] == owner[k - 1:]) & enough[:m]
                shs.append(sh[valid])
                owns.append(owner[:m][valid])
            if not shs:
                continue
            sh, own = np.concatenate(shs), np.concatenate(owns)
            bins = (sh & np.uint64(_BINS - 1)).astype(np.int64)
            vals = sh >> np.uint64(7)
            table = np.full(len(part) * _BINS, empty, dtype=np.uint64)
            np.minimum.at(table, own * _BINS + bins, vals)
            table = table.reshape(len(part), _BINS)
            filled = table != empty
            has = filled.any(axis=1)
            # empty bins borrow the next filled bin to the right (circularly), offset by distance
            cols = np.arange(2 * _BINS)
            pos = np.where(np.concatenate([filled, filled], axis=1), cols, 4 * _BINS)
            nxt = np.minimum.accumulate(pos[:, ::-1], axis=1)[:, ::-1][:, :_BINS]
            nxt = np.where(has[:, None], nxt, np.arange(_BINS))
            dist = (nxt - np.arange(_BINS)).astype(np.uint64)
            src = np.take_along_axis(table, nxt % _BINS, axis=1)
            dense = _mix(src + dist * np.uint64(0x9E3779B97F4A7C15))
            sigs[lo:lo + len(part)] = (dense & np.uint64(0xFFFFFFFF)).astype(np.uint32)
            ok[lo:lo + len(part)] = has
    return sigs, ok, counts


def short_threshold(threshold: float, n_words: np.ndarray | float) -> np.ndarray:
    """The similarity an ad of ``n_words`` words is held to when ``threshold`` is asked for.

    ``threshold`` allows a number of changed words in an ad of ``REFERENCE_WORDS`` words; a shorter
    ad is allowed as many, which leaves it a lower Jaccard similarity over ``SIZES`` shingles
    (one changed word replaces up to sum(SIZES) of them). Never below ``FLOOR``, never above ``threshold``."""
    def shingles(n: np.ndarray | float) -> np.ndarray:
        return np.maximum(len(SIZES) * np.asarray(n, dtype=float) - sum(k - 1 for k in SIZES), 1.0)
    changed = shingles(REFERENCE_WORDS) * (1.0 - threshold) / (1.0 + threshold)  # shingles replaced
    s = shingles(n_words)
    held = (s - changed) / (s + changed)
    return np.clip(held, min(FLOOR, threshold), threshold)


def lowest_threshold(threshold: float) -> float:
    """The lowest similarity any pair can be held to under ``threshold`` (the one LSH bands must catch)."""
    return float(short_threshold(threshold, MIN_WORDS / 2))


def adaptive_bands(threshold: float) -> tuple[int, int]:
    """Bands x rows of the default reading (all ``SIZES``): shaped for ``BAND_LIFT`` above the lowest bar."""
    return band_shape(min(lowest_threshold(threshold) + BAND_LIFT, 1.0))


def band_shape(threshold: float) -> tuple[int, int]:
    """Bands x rows over 128 bins that best separate pairs above and below ``threshold``."""
    best, best_cost = (16, 8), float("inf")
    s = np.linspace(0.0, 1.0, 201)
    for rows in range(1, _BINS + 1):
        bands = _BINS // rows
        p = 1.0 - (1.0 - s ** rows) ** bands
        fp = np.trapezoid(np.where(s < threshold, p, 0.0), s)
        fn = np.trapezoid(np.where(s >= threshold, 1.0 - p, 0.0), s)
        cost = 0.3 * fp + fn  # missed pairs cannot be recovered; extra candidates are only verified
        if cost < best_cost:
            best, best_cost = (bands, rows), cost
    return best


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit hash per band of each signature (n x bands, uint64): ads sharing one are candidates."""
    weights = (np.arange(1, rows + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)
    keys = np.empty((len(sigs), bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for b in range(bands):
            block = sigs[:, b * rows:(b + 1) * rows].astype(np.uint64)
            keys[:, b] = _mix((block * weights).sum(axis=1, dtype=np.uint64) + np.uint64(b))
    return keys


def candidates(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (a < b, as row numbers of ``keys``) that share a band hash, each once."""
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    for b in range(keys.shape[1]):
        key = keys[:, b]
        order = np.argsort(key, kind="stable")
        sk = key[order]
        same = sk[1:] == sk[:-1]
        if not same.any():
            continue
        # within a bucket, link each member to the one before it and to the bucket's first
        starts = np.flatnonzero(np.concatenate([[True], ~same]))
        first = np.repeat(starts, np.diff(np.append(starts, len(sk))))
        pos = np.flatnonzero(same) + 1
        left += [order[pos - 1], order[first[pos]]]
        right += [order[pos], order[pos]]
        # small buckets are cheap to verify completely, which spares borderline members
        sizes = np.diff(np.append(starts, len(sk)))
        small = (sizes > 2) & (sizes <= 16)
        for st, size in zip(starts[small].tolist(), sizes[small].tolist()):
            members = order[st:st + size]
            ii, jj = np.triu_indices(size, 2)
            left.append(members[ii])
            right.append(members[jj])
    if not left:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    a = np.concatenate(left)
    b = np.concatenate(right)
    keep = a != b
    a, b = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    n = len(keys)
    pairs = np.unique(a.astype(np.int64) * n + b)
    return pairs // n, pairs % n


def estimate(sigs_a: np.ndarray, sigs_b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of the shingles of paired ads: the share of bins that agree."""
    out = np.empty(len(sigs_a), dtype=float)
    for lo in range(0, len(sigs_a), 200_000):
        out[lo:lo + 200_000] = (sigs_a[lo:lo + 200_000] == sigs_b[lo:lo + 200_000]).mean(axis=1)
    return out


def near_duplicates(texts: list[str], threshold: float, shingle: int | None = None) -> np.ndarray:
    """Pairs (i, j) of ads whose estimated Jaccard similarity is at least ``threshold``.

    With ``shingle`` None (slot-folded words, pairs and triples), a short pair is held to
    :func:`short_threshold` of its mean length instead; with ``shingle`` = k, to ``threshold`` itself."""
    sigs, ok, counts = sketch(texts, shingle)
    idx = np.flatnonzero(ok)
    if len(idx) < 2:
        return np.empty((0, 2), dtype=np.int64)
    sub = sigs[idx]
    bands, rows = band_shape(threshold) if shingle is not None else adaptive_bands(threshold)
    a, b = candidates(band_keys(sub, bands, rows))
    if shingle is None:
        need = short_threshold(threshold, (counts[idx[a]] + counts[idx[b]]) / 2.0)
    else:
        need = np.full(len(a), threshold)
    good = estimate(sub[a], sub[b]) >= need - 1e-9
    return np.stack([idx[a[good]], idx[b[good]]], axis=1)
