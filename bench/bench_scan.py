"""End-to-end throughput and memory of `redflag scan` against the bare scikit-learn model, in the same run.

The input repeats the EMSCAD validation ads (../shared/data/emscad_dev.csv, never part of the
repository) up to --rows; the benchmark is skipped when they are absent, unless --data names
another CSV (e.g. data/synthetic/ads.csv with --text-cols text).

    python bench/bench_scan.py [--rows 100000] [--workers 2] [--repeat 3] [--memory-rows 200000,1000000] [--profile]

Reported: ads/s of the whole command (CSV in, CSV out, interpreter start included) by wall time
and by CPU time of all its processes; ads/s of the bare scikit-learn TF-IDF + logistic-regression
predict_proba on the same joined texts (the shipped model's own exported pipeline, one process);
peak RSS (VmHWM) of the main process and of each worker, for growing inputs.
Goals: at least 4,000 ads/s end to end on 2 cores, and at least twice the bare classifier.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMSCAD = ROOT.parent / "shared" / "data" / "emscad_dev.csv"
REDFLAG = [sys.executable, "-c", "from redflag.cli import main; main()"]


def build_input(src: Path, rows: int, dest: Path) -> None:
    """``dest``: the rows of ``src`` repeated until there are ``rows`` of them, written in blocks."""
    import pandas as pd

    base = pd.read_csv(src, dtype=str, keep_default_na=False)
    with open(dest, "w", encoding="utf-8", newline="") as fh:
        base.head(0).to_csv(fh, index=False)
        done = 0
        while done < rows:
            part = base.head(rows - done)
            part.to_csv(fh, index=False, header=False)
            done += len(part)


def _peak_rss_mb(pid: int) -> int | None:
    """VmHWM of one process: its own peak RSS (ru_maxrss would carry over the benchmark's own size through fork and exec)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def run_scan(path: Path, out: Path, workers: int) -> tuple[float, float, dict[int, int]]:
    """Wall seconds, CPU seconds of the command and its workers, and the peak RSS (MB) of each of its processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(REDFLAG + ["scan", str(path), "--out", str(out), "--workers", str(workers), "--no-progress", "--top", "0"],
                            cwd=ROOT, stdout=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for pid in [proc.pid, *_children(proc.pid)]:
            rss = _peak_rss_mb(pid)
            if rss:
                peaks[pid] = max(peaks.get(pid, 0), rss)
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"redflag scan failed with exit code {proc.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, peaks


def _memory(peaks: dict[int, int]) -> str:
    main, *workers = peaks.values()
    return f"main {main:,} MB" + (f", workers {', '.join(f'{w:,}' for w in workers)} MB" if workers else "")


def sklearn_rate(texts: list[str]) -> tuple[float, float]:
    """ads/s of the bare scikit-learn TF-IDF + LR predict_proba (the shipped model's exported pipeline), by wall and CPU time."""
    from redflag.model import load_pipeline

    pipe = load_pipeline(ROOT / "models" / "default.joblib")
    pipe.predict_proba(texts[:200])
    t0, c0 = time.perf_counter(), time.process_time()
    pipe.predict_proba(texts)
    return len(texts) / (time.perf_counter() - t0), len(texts) / (time.process_time() - c0)


def profile(texts: list[str], text_cols: list[str]) -> None:
    """cProfile of the per-ad path in one process: batch check, result columns, CSV formatting."""
    import pandas as pd

    from redflag.config import Config
    from redflag.batch.run import Plan, run_batch

    df = pd.DataFrame({"text": texts})
    plan = Plan(["text"], None, [], None, Config(), False, "csv")
    run_batch(plan, df.head(500), 0)
    prof = cProfile.Profile()
    prof.enable()
    for s in range(0, len(df), 500):
        run_batch(plan, df.iloc[s : s + 500], s)
    prof.disable()
    stats = pstats.Stats(prof)
    stats.sort_stats("cumulative").print_stats(r"redflag|pandas/io|json", 30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=EMSCAD, help="CSV of ads to repeat (default: EMSCAD validation ads)")
    ap.add_argument("--text-cols", default="title,company_profile,description,requirements,benefits")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--memory-rows", default="", help="comma-separated input sizes for the peak-memory runs, e.g. 20000,200000,1000000")
    ap.add_argument("--profile", action="store_true", help="also print a cProfile of the per-ad path")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} is absent (the EMSCAD ads are not part of the repository); pass --data data/synthetic/ads.csv --text-cols text")
        return

    import pandas as pd

    from redflag.io.tables import join_text

    cols = args.text_cols.split(",")
    with tempfile.TemporaryDirectory(prefix="redflag-bench-") as tmp:
        big, out = Path(tmp) / "ads.csv", Path(tmp) / "out.csv"
        build_input(args.data, args.rows, big)
        texts = join_text(pd.read_csv(big, dtype=str, keep_default_na=False), cols).tolist()
        mean = sum(map(len, texts)) / len(texts)
        print(f"{len(texts):,} ads of {mean:,.0f} characters on average, {os.cpu_count()} cores, {args.workers} workers")
        runs = []
        for _ in range(args.repeat):
            runs.append(run_scan(big, out, args.workers))
        wall, cpu, peaks = min(runs, key=lambda r: r[0])
        sk_wall, sk_cpu = sklearn_rate(texts)
        n = len(texts)
        print(f"  redflag scan (end to end)      : {n / wall:8,.0f} ads/s wall (best of {args.repeat}), "
              f"{n / cpu:8,.0f} ads/s per CPU-second; peak RSS {_memory(peaks)}")
        print(f"  sklearn TF-IDF+LR predict_proba: {sk_wall:8,.0f} ads/s wall, {sk_cpu:8,.0f} ads/s per CPU-second")
        print(f"  scan / sklearn                 : {n / wall / sk_wall:8.1f}x wall, {n / cpu / sk_cpu:.1f}x CPU")
        for size in [int(s) for s in args.memory_rows.split(",") if s]:
            build_input(args.data, size, big)
            w, c, r = run_scan(big, out, args.workers)
            print(f"  memory: {size:>9,} ads in {w:7.1f} s ({size / w:,.0f} ads/s, {size / c:,.0f} per CPU-second), peak RSS {_memory(r)}")
        if args.profile:
            profile(texts[: min(n, 5_000)], cols)


if __name__ == "__main__":
    main()
