"""The case store: what `scan --db` costs, and how fast a large store answers.

1. Throughput: the same synthetic ads scanned by the same command with entities, once to a result
   file and once to a result file and a new SQLite store, in the same run. Goal: with --db at
   least 70 % of the ads/s without it.
2. A large store: --store-ads ads (default 1,000,000; synthetic texts, each with a phone number
   and a handle shared by a few ads) ingested through the store's own Ingest, then the median of
   --repeat identifier searches (a phone, a handle), `track` of a phone, and full-text searches.
   Goals: identifier search and track under 100 ms, full-text under 1 s; the size per ad is reported.

    python bench/bench_store.py [--scan-ads 4000] [--store-ads 1000000] [--repeat 20] [--db FILE|URL] [--workers 1]

The store figures in README.md come from `python bench/bench_store.py --scan-ads 0 --store-ads 1000000
--db /tmp/store1m.db` and `python bench/bench_store.py --scan-ads 4000 --store-ads 0` on 2 shared cores
(SQLite; --db keeps the store, and --no-build times the searches on it again, e.g. after a query change,
or to read EXPLAIN QUERY PLAN). With a PostgreSQL URL as --db the same build and searches run there.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("hostess", "warehouse", "visa", "passport", "driver", "nurse", "cleaner", "online", "dubai", "poland")


def scan_throughput(n: int, workers: int, folder: Path) -> tuple[float, float]:
    """Ads/s of `redflag scan --entities` to a file, and to a file plus a new SQLite store."""
    from redflag.synth import write_csv

    ads = folder / "ads.csv"
    write_csv(ads, n, 7)
    base = [sys.executable, "-m", "redflag", "scan", str(ads), "--text-col", "text", "--entities", "--no-progress",
            "--workers", str(workers), "--source-col", "source"]
    rates = []
    for extra in ([], ["--db", str(folder / "scan.db")]):
        t0 = time.perf_counter()
        subprocess.run(base + ["--out", str(folder / f"out{len(extra)}.jsonl")] + extra, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        rates.append(n / (time.perf_counter() - t0))
    return rates[0], rates[1]


def _records(start: int, n: int, rng: random.Random, texts: list[str]):
    from redflag.cases import Record

    out = []
    for i in range(start, start + n):
        phone = f"+4477009{(i // 3) % 1_000_000:06d}"  # three ads share a number
        handle = f"recruit_{(i // 5) % 400_000}"
        body = f"{texts[i % len(texts)]} #{i} Call {phone} or Telegram @{handle}"
        p0 = body.index(phone)
        h0 = body.index("@" + handle)
        score = rng.random() * 100
        out.append(Record(text=body, score=score, level="high" if score >= 60 else "medium" if score >= 30 else "low",
                          lang="en", harm="scam" if score >= 30 else "", flags="CON001" if score >= 30 else "",
                          entities=[{"kind": "phone", "value": phone, "start": p0, "end": p0 + len(phone)},
                                    {"kind": "telegram", "value": handle, "start": h0 + 1, "end": h0 + 1 + len(handle)}],
                          source=rng.choice(("facebook", "telegram", "olx", "indeed")), external_id=str(i)))
    return out


def build_store(db: str, n: int, chunk: int = 5_000) -> float:
    """Ingest ``n`` synthetic ads; returns the seconds it took."""
    from redflag.cases import Ingest, open_store
    from redflag.synth import generate

    texts = [r["text"][:400] for r in generate(2_000, 11)]
    rng = random.Random(3)
    t0 = time.perf_counter()
    with open_store(db, create=True) as store:
        ingest = Ingest(store, kind="import", input="bench", input_sha256=None, resume=False)
        for start in range(0, n, chunk):
            ingest.add(_records(start, min(chunk, n - start), rng, texts))
            if start and start % 100_000 == 0:
                print(f"  {start:,} ads stored ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        ingest.finish()
    return time.perf_counter() - t0


def store_bytes(store, db: str) -> int:
    """The store's size on disk: the SQLite file with its journal, or the PostgreSQL database."""
    if "://" not in db:
        return sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*"))
    from sqlalchemy import text

    with store.begin() as conn:
        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())


def median_ms(fn, repeat: int) -> float:
    times = []
    for k in range(repeat):
        t0 = time.perf_counter()
        fn(k)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scan-ads", type=int, default=4_000)
    ap.add_argument("--store-ads", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--db", help="Store for part 2 (default: a new SQLite file in a temporary folder).")
    ap.add_argument("--no-build", action="store_true",
                    help="Time the searches on --db as an earlier run of --store-ads built it, without building it again.")
    args = ap.parse_args()
    from redflag.cases import make_filters, open_store, search, track

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.scan_ads:
            plain, stored = scan_throughput(args.scan_ads, args.workers, folder)
            print(f"scan --entities: {plain:,.0f} ads/s; with --db (SQLite): {stored:,.0f} ads/s = {stored / plain:.0%} "
                  f"(goal at least 70 %)")
        if args.store_ads:
            db = args.db or str(folder / "big.db")
            if not (args.no_build and args.db):
                took = build_store(db, args.store_ads)
                print(f"store of {args.store_ads:,} ads built in {took:,.0f} s ({args.store_ads / took:,.0f} ads/s)")
            rng = random.Random(5)
            picks = [rng.randrange(args.store_ads) for _ in range(args.repeat)]
            with open_store(db) as store:
                phone = median_ms(lambda k: search(store, make_filters(phone=f"07009{(picks[k] // 3) % 1_000_000:06d}")), args.repeat)
                handle = median_ms(lambda k: search(store, make_filters(handle=f"@recruit_{(picks[k] // 5) % 400_000}")), args.repeat)
                tracked = median_ms(lambda k: track(store, f"+4477009{(picks[k] // 3) % 1_000_000:06d}"), args.repeat)
                words = median_ms(lambda k: search(store, make_filters(words=f"{WORDS[k % len(WORDS)]} {WORDS[(k + 3) % len(WORDS)]}",
                                                                       limit=50)), args.repeat)
                combined = median_ms(lambda k: search(store, make_filters(level="high", source="olx",
                                                                          words=WORDS[k % len(WORDS)])), args.repeat)
                size = store_bytes(store, db)
            print(f"median of {args.repeat}: phone search {phone:.1f} ms, handle search {handle:.1f} ms, "
                  f"track {tracked:.1f} ms (goal under 100 ms); full-text {words:.1f} ms, "
                  f"full-text + level + source {combined:.1f} ms (goal under 1 s)")
            print(f"store size {size / 1e6:,.0f} MB = {size / args.store_ads:,.0f} bytes per ad")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
