"""Short templates with their slots refilled link in every script; honest short ads that share job-ad words do not."""

from __future__ import annotations

import itertools

import pytest

from redflag.link import link_records
from redflag.link.minhash import near_duplicates


def scores(short, kind: str, **options) -> tuple[float, int, int]:
    """Share of variant pairs linked, families linked whole, and links that join anything else."""
    texts, fams = short.corpus(kind)
    got = {tuple(p) for p in near_duplicates(texts, 0.8, **options).tolist()}
    true = {(i, j) for i, j in itertools.combinations(range(len(texts)), 2) if fams[i] == fams[j] >= 0}
    records = [{"id": str(i), "text": t, "entities": []} for i, t in enumerate(texts)]  # text alone links them
    clusters = link_records(records, **options)
    whole = sum(any({str(i) for i, f in enumerate(fams) if f == fam} == set(c.ad_ids) for c in clusters)
                for fam in range(max(fams) + 1))
    return len(got & true) / len(true), whole, len(got - true)


@pytest.mark.parametrize("kind", ["families", "scripts"])
def test_variants_of_short_templates_link_and_nothing_else(short, kind):
    recall, whole, false = scores(short, kind)
    assert whole == len(short.DATA[kind])  # every family is one cluster, and no cluster holds anything else
    assert recall >= 0.9 and false == 0


def test_fixed_word_triples_miss_short_templates(short):
    recall, whole, _ = scores(short, "families", shingle=3)
    assert recall < 0.2 and whole == 0  # why the default reads words, pairs and triples with a length-aware bar


@pytest.mark.parametrize("lang", ["zh", "ja", "th", "ru", "uk", "el", "ar", "hi", "vi"])
def test_each_script_links_its_own_template(short, lang):
    fam = next(f for f in short.DATA["scripts"] if f["lang"] == lang)
    texts = short.variants(fam)
    pairs = near_duplicates(texts + short.DATA["honest"], 0.8)
    linked = {tuple(p) for p in pairs.tolist()}
    assert (0, 1) in linked and (0, 2) in linked  # city and amount; contact, emoji and case
    assert all(a < 4 and b < 4 for a, b in linked)


def test_vietnamese_typed_without_diacritics_is_the_same_template(short):
    fam = next(f for f in short.DATA["scripts"] if f["lang"] == "vi")
    v0, *_, v3 = short.variants(fam)
    assert v3.isascii() and not v0.isascii()
    assert [0, 1] in near_duplicates([v0, v3], 0.8).tolist()


def test_honest_short_ads_sharing_job_ad_words_stay_apart(short):
    honest = short.DATA["honest"]
    assert sum("apply now" in h.lower() or "full-time" in h.lower() for h in honest) >= 10
    assert near_duplicates(honest, 0.8).shape == (0, 2)
    assert near_duplicates(honest, 0.6).shape == (0, 2)


def test_a_stricter_similarity_links_fewer_short_variants(short):
    texts, _ = short.corpus("families")
    loose, strict, exact = (len(near_duplicates(texts, s)) for s in (0.8, 0.95, 1.0))
    assert exact < strict < loose
