"""Cold start of `redflag check` on a one-page ad, against the naive path that loads the scikit-learn pipeline.

Each run is a fresh process, as a job-seeker's single check is. Prints the median wall time and the
median CPU time (user + system of the child, less sensitive to other load on the machine).
Target: median at or below 0.25 s on a 2-core machine, and `check --format json` at most 1.6x a bare
`python -c "import typer, rich, numpy"` measured in the same run (machines differ; the ratio does not).

    python bench/bench_check_cold.py [--repeat 15] [--ad examples/hostess-abroad.txt]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NAIVE = (
    "import sys; from redflag.model import load_pipeline; "
    "pipe = load_pipeline('models/default.joblib'); "
    "pipe.predict_proba([open(sys.argv[1], encoding='utf-8').read()]); "
    "sys.argv = ['redflag', 'check', sys.argv[1]]; "
    "from redflag.cli import main; main()"
)


def run(cmd: list[str], repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of a command over fresh processes (exit 0 or 1 both count)."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):
            sys.exit(f"command failed: {' '.join(cmd)}\n{done.stderr.decode()}")
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--ad", default="examples/hostess-abroad.txt")
    args = ap.parse_args()
    redflag = [str(Path(sys.executable).with_name("redflag"))] if Path(sys.executable).with_name("redflag").exists() else [sys.executable, "-m", "redflag.cli"]
    rows = [
        ("python -c pass (interpreter only)", [sys.executable, "-c", "pass"]),
        ("import typer, rich, numpy (bare)", [sys.executable, "-c", "import typer, rich, numpy"]),
        ("redflag check (text report)", [*redflag, "check", args.ad]),
        ("redflag check --format json", [*redflag, "check", args.ad, "--format", "json"]),
        ("naive: sklearn pipeline + check", [sys.executable, "-c", NAIVE, args.ad]),
    ]
    print(f"{args.repeat} fresh processes each, on {os.cpu_count()} cores; ad: {args.ad}")
    results = {}
    for name, cmd in rows:
        wall, cpu = run(cmd, args.repeat)
        results[name] = wall
        print(f"  {name:38s} median wall {wall:.3f} s   median CPU {cpu:.3f} s")
    fast, slow = results["redflag check (text report)"], results["naive: sklearn pipeline + check"]
    print(f"redflag check is {slow / fast:.1f}x faster than the naive path; target median <= 0.25 s: {'met' if fast <= 0.25 else 'NOT met'}")
    bare = results["import typer, rich, numpy (bare)"]
    print(f"redflag check --format json / bare imports: {results['redflag check --format json'] / bare:.2f}x (goal: at most 1.6x)")


if __name__ == "__main__":
    main()
