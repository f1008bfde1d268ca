"""A per-ad template key for a case database: the LSH band hashes the linker itself compares.

A store keeps every ad it has seen but cannot hold them all in memory to link a new one. It
persists each ad's band hashes instead, one row per (ad, band hash) in a BIGINT column with an
index, and for a new ad:

1. ``bands = template_bands([text])[0]`` and look up the ads holding any of those hashes
   (``SELECT DISTINCT ad_id FROM ad_band WHERE band IN (...)``): these are the candidates, exactly
   the pairs :func:`redflag.link.minhash.near_duplicates` would consider, since it bands the same
   signatures the same way (it verifies every candidate of a bucket of up to 16 ads, and chains
   the members of larger buckets);
2. keep the candidates for which ``near_duplicate(text, their_text)`` holds (or rank them by
   ``similar``), which is the check the linker applies to its candidates;
3. insert the new ad's band hashes.

An ad with fewer than ``minhash.MIN_WORDS`` words has no bands. The hashes depend only on the ad's
text and on ``similarity``, never on the batch, so hashes stored today match those of tomorrow's
ads as long as the same ``similarity`` is used.
"""

from __future__ import annotations

import numpy as np

from redflag.link import minhash

DEFAULT_SIMILARITY = 0.8  # the linker's default (`redflag link --similarity`)


def template_bands(texts: list[str], similarity: float = DEFAULT_SIMILARITY) -> list[list[int]]:
    """Each ad's LSH band hashes as signed 64-bit ints (a database BIGINT); two ads are
    near-duplicate candidates exactly when they share one."""
    return Sketches(texts, similarity).bands()


def similar(a_text: str, b_text: str) -> float:
    """Estimated Jaccard similarity of two ads' slot-folded shingles (0 when either is too short to compare)."""
    sigs, ok, _ = minhash.sketch([a_text, b_text])
    if not ok.all():
        return 0.0
    return float(minhash.estimate(sigs[:1], sigs[1:])[0])


def near_duplicate(a_text: str, b_text: str, similarity: float = DEFAULT_SIMILARITY) -> bool:
    """Whether the linker would call two ads near-identical: ``similar`` reaches the bar their length sets."""
    return Sketches([a_text, b_text], similarity).near_duplicates([(0, 1)])[0]


class Sketches:
    """Many ads sketched once, so a store can band them and verify any number of candidate pairs
    without reading a text twice; ``near_duplicates`` gives what ``near_duplicate`` gives per pair."""

    def __init__(self, texts: list[str], similarity: float = DEFAULT_SIMILARITY) -> None:
        _check(similarity)
        self.similarity = similarity
        self.sigs, self.ok, self.counts = minhash.sketch(texts)

    def __len__(self) -> int:
        return len(self.ok)

    def extend(self, texts: list[str]) -> None:
        """Sketch more ads after these (their indices follow on)."""
        if texts:
            sigs, ok, counts = minhash.sketch(texts)
            self.sigs, self.ok = np.vstack([self.sigs, sigs]), np.concatenate([self.ok, ok])
            self.counts = np.concatenate([self.counts, counts])

    def bands(self) -> list[list[int]]:
        """Each ad's band hashes, as ``template_bands`` gives them."""
        keys = minhash.band_keys(self.sigs, *minhash.adaptive_bands(self.similarity)).view(np.int64)
        return [row.tolist() if good else [] for row, good in zip(keys, self.ok)]

    def near_duplicates(self, pairs: list[tuple[int, int]]) -> list[bool]:
        """For each (i, j) of sketched ads, whether they are near-identical."""
        if not pairs:
            return []
        i, j = np.array(pairs, dtype=np.int64).T
        bar = minhash.short_threshold(self.similarity, (self.counts[i] + self.counts[j]) / 2)
        same = minhash.estimate(self.sigs[i], self.sigs[j]) >= bar - 1e-9
        return (same & self.ok[i] & self.ok[j]).tolist()


def _check(similarity: float) -> None:
    if not 0.0 < similarity <= 1.0:
        raise ValueError("similarity must be in (0, 1]")
