"""Near-duplicate text: word shingles, one-permutation MinHash with rotation densification, LSH banding.

Recruiters copy one template across sites with a few words changed; comparing every pair of ads
costs n squared, so ads are hashed into 128-bin signatures and only those sharing a band are compared.
"""

from __future__ import annotations

import hashlib
import unicodedata

import numpy as np

from redflag.text.tokens import TERM

_WORD = TERM  # words of every script, and numbers (each number counts as one word)
_BINS = 128
_MASK64 = (1 << 64) - 1
_word_cache: dict[str, int] = {}


def _word_hash(word: str) -> int:
    h = _word_cache.get(word)
    if h is None:
        if len(_word_cache) > 2_000_000:
            _word_cache.clear()
        h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        _word_cache[word] = h
    return h


def _mix(x: np.ndarray) -> np.ndarray:
    """64-bit finaliser (splitmix64) so shingle hashes spread evenly over the bins."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def signatures(texts: list[str], shingle: int, chunk: int = 4096) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures (n x 128, uint32) and a mask of ads long enough to have one."""
    n = len(texts)
    sigs = np.zeros((n, _BINS), dtype=np.uint32)
    ok = np.zeros(n, dtype=bool)
    mults = [np.uint64(m) for m in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                                     0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD)][:shingle]
    empty = np.uint64(_MASK64)
    with np.errstate(over="ignore"):
        for lo in range(0, n, chunk):
            part = texts[lo:lo + chunk]
            flat: list[int] = []
            lens: list[int] = []
            for t in part:
                # one normal form, so a Vietnamese ad typed with combining accents matches its copy
                words = [w if not w.isdigit() else "0" for w in _WORD.findall(unicodedata.normalize("NFC", t).lower())]
                flat.extend(_word_hash(w) for w in words)
                lens.append(len(words))
            if not flat:
                continue
            h = np.array(flat, dtype=np.uint64)
            owner = np.repeat(np.arange(len(part)), lens)
            m = len(h) - shingle + 1
            if m <= 0:
                continue
            sh = h[:m] * mults[0]
            for j in range(1, shingle):
                sh = sh ^ (h[j:m + j] * mults[j])
            sh = _mix(sh)
            valid = owner[:m] == owner[shingle - 1:]
            sh, own = sh[valid], owner[:m][valid]
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
    return sigs, ok


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


def near_duplicates(texts: list[str], threshold: float, shingle: int) -> np.ndarray:
    """Pairs (i, j) of ads whose estimated Jaccard similarity is at least ``threshold``."""
    sigs, ok = signatures(texts, shingle)
    idx = np.flatnonzero(ok)
    if len(idx) < 2:
        return np.empty((0, 2), dtype=np.int64)
    sub = sigs[idx]
    bands, rows = band_shape(threshold)
    weights = (np.arange(1, rows + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    with np.errstate(over="ignore"):
        for b in range(bands):
            block = sub[:, b * rows:(b + 1) * rows].astype(np.uint64)
            key = _mix((block * weights).sum(axis=1, dtype=np.uint64) + np.uint64(b))
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
            for st, size in zip(starts[(sizes > 2) & (sizes <= 16)].tolist(), sizes[(sizes > 2) & (sizes <= 16)].tolist()):
                members = order[st:st + size]
                ii, jj = np.triu_indices(size, 2)
                left.append(members[ii])
                right.append(members[jj])
    if not left:
        return np.empty((0, 2), dtype=np.int64)
    a = np.concatenate(left)
    b = np.concatenate(right)
    keep = a != b
    a, b = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    pairs = np.unique(a.astype(np.int64) * len(idx) + b)
    a, b = pairs // len(idx), pairs % len(idx)
    good = np.zeros(len(a), dtype=bool)
    for lo in range(0, len(a), 200_000):
        hi = lo + 200_000
        good[lo:hi] = (sub[a[lo:hi]] == sub[b[lo:hi]]).mean(axis=1) >= threshold
    return np.stack([idx[a[good]], idx[b[good]]], axis=1)
