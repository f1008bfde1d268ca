"""Hostile inputs near the 1 MB limit: how long `redflag check --format json FILE` takes on each.

Each case is one file of at most 1,000,000 bytes, checked in a fresh process with a timeout
(reported as "> N s"). Prints every case and the worst one.
Target: every case at or below 2 s on a 2-core machine.

    python bench/bench_hostile.py [--timeout 60] [--only phones,a.com] [--list]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1_000_000  # bytes: the largest ad `check` accepts


def fill(unit: str, limit: int = LIMIT) -> str:
    """``unit`` repeated as often as fits in ``limit`` UTF-8 bytes."""
    return unit * (limit // len(unit.encode("utf-8")))


def numbered(make: Callable[[int], str], limit: int = LIMIT) -> str:
    """``make(0) + make(1) + ...`` for as long as it fits in ``limit`` UTF-8 bytes."""
    parts, size, i = [], 0, 0
    while True:
        part = make(i)
        size += len(part.encode("utf-8"))
        if size > limit:
            return "".join(parts)
        parts.append(part)
        i += 1


def _huge_word(limit: int = LIMIT) -> str:
    """One word of letters that never repeats a short stretch (a linear congruential sequence)."""
    x, out = 12345, []
    for _ in range(limit):
        x = (1103515245 * x + 12345) % 2**31
        out.append("abcdefghijklmnopqrstuvwxyz"[x % 26])
    return "".join(out)


_WORDS = "zero one two three four five six seven eight nine".split()
_AD = (ROOT / "examples" / "hostess-abroad.txt")

CASES: dict[str, Callable[[], str]] = {
    "cyrillic a run": lambda: "\u0430" * (LIMIT // 2),
    "'a.com ' repeated": lambda: fill("a.com "),
    "same phone repeated": lambda: fill("+44 7700 900123 "),
    "distinct phones": lambda: numbered(lambda i: f"+44 7700 9{i % 100000:05d} "),
    "phones as words": lambda: numbered(lambda i: "call " + " ".join(_WORDS[int(d)] for d in f"0770090{i % 10000:04d}") + " "),
    "'t.me/x ' repeated": lambda: fill("t.me/x "),
    "spaced digits": lambda: fill("1 2 3 4 5 6 7 8 9 0 "),
    "'$1 ' repeated": lambda: fill("$1 "),
    "many e-mails": lambda: numbered(lambda i: f"jobs{i}@mail.com "),
    "obfuscated e-mails": lambda: numbered(lambda i: f"jane{i} [at] mail [dot] com "),
    "plain ' at ' prose": lambda: fill("work at home.net "),
    "many urls": lambda: numbered(lambda i: f"https://www.example{i}.com/apply?id={i} "),
    "many money amounts": lambda: numbered(lambda i: f"£{i % 900 + 100}-£{i % 900 + 200} pw "),
    "many ages": lambda: numbered(lambda i: f"girls {18 + i % 5}-{25 + i % 9} "),
    "many handles": lambda: numbered(lambda i: f"telegram: @agent_{i} "),
    "many nationalities": lambda: fill("Moldovan girls wanted from Ukraine "),
    "many keywords": lambda: fill("fee passport deposit visa "),
    "spaced letters": lambda: fill("f e e p a s s p o r t "),
    "one huge word": _huge_word,
    "one letter": lambda: "a" * LIMIT,
    "one digit": lambda: "7" * LIMIT,
    "dots": lambda: "." * LIMIT,
    "at signs": lambda: "@" * LIMIT,
    "newlines between words": lambda: fill("fee\n"),
    "zero-width between letters": lambda: fill("f\u200be\u200be "),
    "nested html": lambda: fill("<div>", LIMIT // 2) + fill("</div>", LIMIT // 2),
    "html tags around words": lambda: fill("<b>fee</b> "),
    "real ad repeated": lambda: fill(_AD.read_text(encoding="utf-8") + "\n"),
}


def redflag_command() -> list[str]:
    """The installed console script beside this interpreter, or the module."""
    script = Path(sys.executable).with_name("redflag")
    return [str(script)] if script.exists() else [sys.executable, "-m", "redflag.cli"]


def time_case(text: str, timeout: float) -> tuple[float | None, str]:
    """Wall seconds of one check of ``text`` in a fresh process (None on timeout), and what went wrong."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write(text)
    try:
        t0 = time.perf_counter()
        done = subprocess.run([*redflag_command(), "check", "--format", "json", f.name], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
        took = time.perf_counter() - t0
    except subprocess.TimeoutExpired:
        return None, ""
    finally:
        os.unlink(f.name)
    problem = "" if done.returncode in (0, 1) else done.stderr.decode(errors="replace").strip().splitlines()[-1:]
    return took, problem[0] if problem else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--only", default="", help="comma-separated words; a case runs when its name holds one")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    args = ap.parse_args()
    if args.list:
        print("\n".join(CASES))
        return
    wanted = [w for w in args.only.split(",") if w]
    print(f"redflag check --format json FILE, one fresh process each, on {os.cpu_count()} cores; timeout {args.timeout:g} s")
    worst: tuple[float, str] = (-1.0, "")
    for name, make in CASES.items():
        if wanted and not any(w in name for w in wanted):
            continue
        text = make()
        took, problem = time_case(text, args.timeout)
        shown = f"> {args.timeout:g} s" if took is None else f"{took:6.2f} s"
        print(f"  {name:30} {len(text.encode('utf-8')):>9,} bytes  {shown}" + (f"  ({problem})" if problem else ""), flush=True)
        key = args.timeout + 1 if took is None else took
        if key > worst[0]:
            worst = (key, f"{name}: {shown}")
    print(f"worst: {worst[1]}")


if __name__ == "__main__":
    main()
