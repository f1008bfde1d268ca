"""Rule-engine throughput: ads per second for normalisation plus rule matching alone, no model.

Runs over the synthetic ads and, when present, the real EMSCAD ads beside the checkout, and
compares the engine (keyword index + windows around keywords) with the naive path of running
every pattern over the whole ad. CPU time of this process is used, so other load matters less.

    python bench/bench_rules.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from redflag.rules.engine import RuleEngine  # noqa: E402
from redflag.rules.kinds.pattern import compiled  # noqa: E402
from redflag.rules.loader import builtin_packs  # noqa: E402
from redflag.text.normalise import normalise  # noqa: E402

EMSCAD = ROOT.parent / "shared" / "data" / "emscad_dev.csv"
EMSCAD_COLS = ("title", "company_profile", "description", "requirements", "benefits")


def corpora() -> dict[str, list[str]]:
    """Name -> list of ad texts."""
    csv.field_size_limit(10**8)
    out = {}
    with open(ROOT / "data" / "synthetic" / "ads.csv", encoding="utf-8", newline="") as f:
        out["synthetic"] = [row["text"] for row in csv.DictReader(f)]
    if EMSCAD.is_file():
        with open(EMSCAD, encoding="utf-8", newline="") as f:
            out["emscad"] = ["\n".join(row[c] or "" for c in EMSCAD_COLS) for row in csv.DictReader(f)]
    else:
        print(f"(EMSCAD not found at {EMSCAD}; real-ad numbers skipped)")
    return out


def naive(engine: RuleEngine, text: str) -> int:
    """Every pattern of every rule over the whole lower-cased ad: what the keyword windows avoid."""
    low = normalise(text).text.lower()
    return sum(1 for r in engine.rules for p in r.patterns for _ in compiled(p)[0].finditer(low))


def measure(fn, texts: list[str], repeat: int) -> float:
    """Best-of-repeat ads per second, by process CPU time."""
    rates = []
    for _ in range(repeat):
        t0 = time.process_time()
        for t in texts:
            fn(t)
        rates.append(len(texts) / max(time.process_time() - t0, 1e-9))
    return max(rates)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    engine = RuleEngine(builtin_packs(validate=True))
    print(f"rules: {len(engine.rules)}")
    for name, texts in corpora().items():
        mean_len = statistics.mean(len(t) for t in texts)
        fast = measure(lambda t: engine.match(normalise(t)), texts, args.repeat)
        norm_only = measure(normalise, texts, args.repeat)
        slow = measure(lambda t: naive(engine, t), texts[:300], 1)
        per_ad_ms = 1000 / fast
        print(f"{name:10s} {len(texts):6d} ads, mean {mean_len:,.0f} chars: "
              f"engine {fast:,.0f} ads/s ({per_ad_ms:.3f} ms/ad incl. normalisation; normalisation alone {1000 / norm_only:.3f} ms); "
              f"naive all-patterns {slow:,.0f} ads/s ({fast / slow:.1f}x slower)")


if __name__ == "__main__":
    main()
