"""Cold start and batch throughput of the fast scorer against the scikit-learn pipeline it was exported from.

Cold start: each run is a fresh interpreter that loads the model and scores one ad, as a moderator's
one-off check does; the median over repeats is printed for both paths.
Throughput (--throughput CSV [--text-cols a,b]): ads per second of LinearModel.predict_proba vs Pipeline.predict_proba.

    python bench/bench_cold_start.py [--model models/default.joblib] [--repeat 15] [--throughput data.csv]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

AD = (
    "Hostess wanted for busy lounge bar abroad. Young, attractive girls preferred, no experience needed. "
    "Earn up to $5,000 a week in cash. Flights and accommodation provided, costs deducted from your first "
    "wages. We keep your passport safe during the contract. Send photos and your age by WhatsApp today, "
    "places are limited, interviews this weekend only. "
) * 6

FAST = "from redflag.model import load; m = load({path!r}); m.explain({ad!r})"
NAIVE = "from redflag.model import load_pipeline; p = load_pipeline({path!r}); p.predict_proba([{ad!r}])"


def time_fresh(code: str, repeat: int) -> list[float]:
    """Wall time of `python -c code` in new processes, including interpreter start."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return times


def throughput(model_path: str, csv: str, text_cols: list[str], limit: int) -> None:
    """Ads per second of both paths on the same texts, after one warm-up pass of each."""
    import numpy as np
    import pandas as pd

    from redflag.io.tables import join_text
    from redflag.model import load, load_pipeline

    texts = join_text(pd.read_csv(csv), list(text_cols)).tolist()[:limit]
    fast, pipe = load(model_path), load_pipeline(model_path)
    mean_len = sum(map(len, texts)) / max(1, len(texts))
    t0 = time.perf_counter()
    p_fast = fast.predict_proba(texts)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    p_fast = fast.predict_proba(texts)
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    p_sk = pipe.predict_proba(texts)[:, 1]
    sk = time.perf_counter() - t0
    n = len(texts)
    print(f"throughput on {n} ads of {mean_len:.0f} chars on average:")
    print(f"  fast first pass : {n / cold:8.0f} ads/s")
    print(f"  fast warm cache : {n / warm:8.0f} ads/s")
    print(f"  sklearn pipeline: {n / sk:8.0f} ads/s  ({sk / warm:.1f}x slower than warm, {sk / cold:.1f}x than first)")
    print(f"  max |p_fast - p_sklearn| = {float(np.abs(p_fast - p_sk).max()):.2e}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(ROOT / "models" / "default.joblib"))
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--throughput", metavar="CSV", help="also measure batch ads/s on this CSV")
    ap.add_argument("--text-cols", default="text", help="comma-separated columns, joined with newlines")
    ap.add_argument("--limit", type=int, default=2000)
    args = ap.parse_args()
    path = str(Path(args.model).resolve())

    baseline = statistics.median(time_fresh("pass", args.repeat))
    fast = statistics.median(time_fresh(FAST.format(path=path, ad=AD), args.repeat))
    naive = statistics.median(time_fresh(NAIVE.format(path=path, ad=AD), args.repeat))
    print(f"cold start, median of {args.repeat} fresh processes (one {len(AD)}-char ad):")
    print(f"  python -c pass             : {baseline:.3f} s")
    print(f"  fast  load() + explain()   : {fast:.3f} s")
    print(f"  naive joblib + predict_proba: {naive:.3f} s")
    if args.throughput:
        throughput(path, args.throughput, args.text_cols.split(","), args.limit)


if __name__ == "__main__":
    main()
