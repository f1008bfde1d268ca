"""Benchmark: extract identifiers from and link 100,000 synthetic ads, and check planted networks.

Run: python bench/bench_link.py [N]
"""

from __future__ import annotations

import random
import sys
import time

from redflag.entities import IDENTIFIER_KINDS, extract
from redflag.link import link_records
from redflag.render.clusters import summary

VOCAB = ("work shift hotel kitchen cleaning warehouse driver care staff team hours week month pay "
         "friendly experience required apply today contract start immediately training provided "
         "accommodation transport visa documents bonus overtime flexible weekend night day city "
         "centre office client service customer sales support manager assistant junior senior "
         "good english skills must reliable honest hardworking motivated candidates welcome local "
         "area holiday uniform meals included paid weekly cash bank account interview online").split()
SITES = [f"site{i}.example" for i in range(12)]


def filler(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n))


def phone_spellings(rng: random.Random, national: str) -> str:
    """The same UK mobile written the ways ads write it."""
    d = national
    return rng.choice([
        f"{d[:5]} {d[5:]}", f"+44 {d[1:5]} {d[5:]}", f"{d[:3]}.{d[3:6]}.{d[6:9]}.{d[9:]}",
        " ".join(d), f"WhatsApp +44{d[1:]}", f"0044 {d[1:5]} {d[5:]}",
    ])


def build(n: int, seed: int = 7) -> tuple[list[dict], list[set[int]]]:
    """``n`` ads; 2% carry planted shared phones and 2% planted near-duplicate templates."""
    rng = random.Random(seed)
    ads: list[dict] = []
    planted: list[set[int]] = []
    n_phone_groups = n // 500  # groups of 10 sharing one phone
    n_dup_groups = n // 500  # groups of 10 copies of one template with a few words changed
    for g in range(n_phone_groups):
        national = f"07{rng.randint(400, 999)}{rng.randint(100000, 999999)}"
        members = set()
        for _ in range(10):
            text = f"{filler(rng, 120)} call {phone_spellings(rng, national)} {filler(rng, 60)}"
            members.add(len(ads))
            ads.append({"id": f"ad{len(ads)}", "text": text, "source": rng.choice(SITES), "score": rng.uniform(0, 100)})
        planted.append(members)
    for g in range(n_dup_groups):
        base = [rng.choice(VOCAB) for _ in range(250)]
        members = set()
        for _ in range(10):
            words = list(base)
            for k in rng.sample(range(len(words)), 3):
                words[k] = rng.choice(VOCAB)
            members.add(len(ads))
            ads.append({"id": f"ad{len(ads)}", "text": " ".join(words), "source": rng.choice(SITES),
                        "score": rng.uniform(0, 100)})
        planted.append(members)
    while len(ads) < n:
        text = filler(rng, rng.randint(150, 350))
        if rng.random() < 0.3:
            text += f" Contact jobs{len(ads)}@agency{len(ads)}.co.uk or www.company{len(ads)}.com"
        if rng.random() < 0.2:
            text += f" Salary £{rng.randint(300, 900)} per week. Ref: 2023{rng.randint(1000, 9999)}"
        ads.append({"id": f"ad{len(ads)}", "text": text, "source": rng.choice(SITES), "score": rng.uniform(0, 100)})
    return ads, planted


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    ads, planted = build(n)
    chars = sum(len(a["text"]) for a in ads)
    print(f"{n} ads, mean {chars / n:.0f} chars, {len(planted)} planted groups")
    t0 = time.perf_counter()
    for a in ads:
        a["entities"] = extract(a["text"], "GB", kinds=IDENTIFIER_KINDS)
    t1 = time.perf_counter()
    clusters = link_records(ads)
    t2 = time.perf_counter()
    total = t2 - t0
    print(f"extraction {t1 - t0:.1f} s ({(t1 - t0) * 1e3 / n:.3f} ms/ad), linking {t2 - t1:.1f} s, "
          f"total {total:.1f} s = {n / total:,.0f} ads/s")
    index = {a["id"]: i for i, a in enumerate(ads)}
    found = [frozenset(index[x] for x in c.ad_ids) for c in clusters]
    exact = sum(1 for p in planted if frozenset(p) in set(found))
    extra = len(found) - exact
    print(f"clusters {len(clusters)}; planted groups recovered exactly {exact}/{len(planted)}; other clusters {extra}")
    if clusters:
        print("example:", summary(clusters[0]))


if __name__ == "__main__":
    main()
