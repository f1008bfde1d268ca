"""Compare what redflag writes today with what a reference commit wrote, byte for byte.

A refactoring must not change any output. This script checks out the reference commit into a
temporary folder, runs the same commands with both versions of the package on the same inputs, and
reports every file whose bytes differ (with the first differing line):

- `redflag check --format json` on every example ad (stdout and exit code);
- `redflag scan --entities` to CSV and to JSONL, with `--summary-json`, on 2,000 synthetic ads
  and on EMSCAD dev when ../shared/data/emscad_dev.csv is present;
- `redflag evaluate --format json` and `redflag link` on the same two inputs.

    python bench/compare_outputs.py [--baseline REV] [--keep DIR] [--only check,scan,...]

Exit 0 when every output is identical, 1 when some differ, 2 when a command failed.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMSCAD = ROOT.parent / "shared" / "data" / "emscad_dev.csv"
SYNTH_ROWS = 2000
DEFAULT_BASELINE = "ac6ea7d"  # main before the package was re-laid into sub-packages
RUN = "import sys; from redflag.cli import main; sys.argv[0] = 'redflag'; main()"


def synthetic_sample(out: Path, rows: int) -> Path:
    """The first ``rows`` synthetic ads, as the shipped CSV writes them."""
    csv.field_size_limit(1 << 24)
    with open(ROOT / "data" / "synthetic" / "ads.csv", newline="", encoding="utf-8") as src, \
            open(out, "w", newline="", encoding="utf-8") as dst:
        reader = csv.reader(src)
        writer = csv.writer(dst)
        for i, row in enumerate(reader):
            if i > rows:
                break
            writer.writerow(row)
    return out


def commands(inputs: dict) -> list[tuple[str, str, list[str], list[str]]]:
    """(group, name, arguments, files written) for every command compared; ``inputs`` holds the
    example ads under "examples" and the tables by name."""
    cmds = []
    for ad in inputs["examples"]:
        cmds.append(("check", f"check-{ad.stem}", ["check", str(ad), "--format", "json"], []))
    for name, path in inputs.items():
        if name == "examples":
            continue
        for fmt in ("csv", "jsonl"):
            cmds.append(("scan", f"scan-{name}-{fmt}",
                         ["scan", str(path), "--out", f"{{out}}/scan-{name}.{fmt}", "--entities", "--no-progress",
                          "--summary-json", f"{{out}}/scan-{name}-{fmt}.summary.json"],
                         [f"scan-{name}.{fmt}", f"scan-{name}-{fmt}.summary.json"]))
        cmds.append(("evaluate", f"evaluate-{name}", ["evaluate", str(path), "--format", "json", "--bootstrap", "50"], []))
        cmds.append(("link", f"link-{name}", ["link", str(path), "--out", f"{{out}}/link-{name}.jsonl"], [f"link-{name}.jsonl"]))
    return cmds


def run_all(package_root: Path, out: Path, cmds, work: Path) -> dict[str, bytes]:
    """Run every command with the package found at ``package_root``; the bytes each one produced."""
    out.mkdir(parents=True)
    env = dict(os.environ, PYTHONPATH=str(package_root), COLUMNS="200", NO_COLOR="1", TERM="dumb")
    env.pop("REDFLAG_MODELS", None)
    produced: dict[str, bytes] = {}
    for _, name, args, files in cmds:
        argv = [a.replace("{out}", str(out)) for a in args]
        done = subprocess.run([sys.executable, "-c", RUN, *argv], cwd=work, env=env, capture_output=True)
        if done.returncode not in (0, 1):
            sys.stderr.write(f"{package_root}: redflag {' '.join(argv)} exited {done.returncode}\n{done.stderr.decode()[-2000:]}\n")
            sys.exit(2)
        produced[f"{name}.stdout"] = done.stdout.replace(str(out).encode(), b"<out>")
        produced[f"{name}.exit"] = str(done.returncode).encode()
        for f in files:
            produced[f] = (out / f).read_bytes().replace(str(out).encode(), b"<out>")
    return produced


def first_difference(a: bytes, b: bytes) -> str:
    """The first line where two outputs differ, both sides shown."""
    la, lb = a.decode(errors="replace").splitlines(), b.decode(errors="replace").splitlines()
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"line {i + 1}:\n    before: {x[:300]}\n    after:  {y[:300]}"
    return f"lengths differ: {len(la)} lines before, {len(lb)} after"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", default=DEFAULT_BASELINE, help="commit whose outputs are the reference")
    ap.add_argument("--keep", type=Path, help="copy both sets of outputs here")
    ap.add_argument("--only", default="", help="comma-separated groups: check, scan, evaluate, link")
    ap.add_argument("--rows", type=int, default=SYNTH_ROWS, help="synthetic ads compared")
    args = ap.parse_args()
    groups = {g for g in args.only.split(",") if g}
    with tempfile.TemporaryDirectory(prefix="redflag-compare-") as tmp:
        tmp = Path(tmp)
        base = tmp / "baseline"
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline], capture_output=True, check=True).stdout
        base.mkdir()
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        (tmp / "examples").mkdir()
        examples = [Path(shutil.copy(ad, tmp / "examples")) for ad in sorted((ROOT / "examples").glob("*.txt"))]
        inputs = {"examples": examples, "synthetic": synthetic_sample(tmp / "synthetic.csv", args.rows)}
        if EMSCAD.exists():
            inputs["emscad"] = EMSCAD
        else:
            print(f"note: {EMSCAD} is absent; comparing on synthetic ads only")
        cmds = [c for c in commands(inputs) if not groups or c[0] in groups]
        work = tmp / "cwd"
        work.mkdir()
        # output folders of the same length, so that a path wrapped in a message wraps alike
        before = run_all(base, tmp / "old", cmds, work)
        after = run_all(ROOT, tmp / "new", cmds, work)
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            for side, produced in (("before", before), ("after", after)):
                (args.keep / side).mkdir(parents=True)
                for name, data in produced.items():
                    (args.keep / side / name).write_bytes(data)
    differ = [name for name in before if before[name] != after.get(name)]
    for name in differ:
        print(f"DIFFERS {name}: {first_difference(before[name], after.get(name, b''))}")
    print(f"{len(before) - len(differ)} of {len(before)} outputs identical to {args.baseline}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
