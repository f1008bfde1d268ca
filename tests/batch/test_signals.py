"""`redflag scan` stopped by SIGINT, SIGTERM or a killed worker: a clean end, no traceback, no .part file, no hang."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from redflag.batch.signals import TERMINATED_EXIT, Terminated, sigterm_stops

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to find the workers")


def _start(tmp_path: Path, texts, rows: int) -> tuple[subprocess.Popen, Path]:
    src, out = tmp_path / "ads.csv", tmp_path / "res.csv"
    cycle = [texts.risky, texts.plain, texts.medium]
    pd.DataFrame({"text": [cycle[i % 3] + f" Ref {i}." for i in range(rows)]}).to_csv(src, index=False)
    proc = subprocess.Popen([sys.executable, "-m", "redflag.cli", "scan", str(src), "--out", str(out), "--workers", "2",
                             "--no-progress"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return proc, out


def _workers(proc: subprocess.Popen, timeout: float = 30) -> list[int]:
    """The worker pids, once both have started (the scan is then under way)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            kids = [int(k) for k in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        except OSError:
            kids = []
        if len(kids) >= 2:
            return kids
        time.sleep(0.05)
    pytest.fail("the scan ended or never started its workers")


def _ends_cleanly(proc: subprocess.Popen, out: Path, code: int, timeout: float = 45) -> str:
    t0 = time.monotonic()
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the scan hung")
    stderr = err.decode()
    assert proc.returncode == code, f"exit {proc.returncode} after {time.monotonic() - t0:.1f} s: {stderr[-2000:]}"
    assert "Traceback" not in stderr and "Error" not in stderr.replace("redflag: error", "")
    assert not list(out.parent.glob(".*.part"))
    assert time.monotonic() - t0 < timeout
    return stderr


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, TERMINATED_EXIT)])
def test_a_signal_stops_the_scan_and_leaves_nothing(tmp_path, texts, signum, code):
    proc, out = _start(tmp_path, texts, 40_000)
    _workers(proc)
    time.sleep(0.3)
    assert proc.poll() is None, "the scan finished before the signal"
    os.kill(proc.pid, signum)
    _ends_cleanly(proc, out, code)
    assert not out.exists()


def test_a_killed_worker_does_not_hang_the_scan(tmp_path, texts):
    proc, out = _start(tmp_path, texts, 6_000)
    worker = _workers(proc)[-1]
    time.sleep(0.8)  # past loading the model: the worker holds tasks now
    assert proc.poll() is None, "the scan finished before the worker was killed"
    os.kill(worker, signal.SIGKILL)
    _ends_cleanly(proc, out, 0)
    assert len(pd.read_csv(out)) == 6_000  # its tasks ran again in a fresh pool


def test_sigterm_raises_terminated_only_inside_the_block():
    with pytest.raises(Terminated) as info, sigterm_stops():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)
    assert info.value.code == 143
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_a_killed_scan_leaves_no_worker_and_the_next_run_removes_its_part_file(tmp_path, texts):
    proc, out = _start(tmp_path, texts, 40_000)
    kids = _workers(proc)
    proc.kill()
    proc.wait()
    parts = list(tmp_path.glob(".res.csv.*.part"))
    assert len(parts) == 1
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{k}").exists() and "Z" not in _state(k) for k in kids):
        time.sleep(0.05)
    assert not [k for k in kids if Path(f"/proc/{k}").exists() and "Z" not in _state(k)], "orphaned workers"
    small = tmp_path / "one.csv"
    pd.DataFrame({"text": [texts.plain]}).to_csv(small, index=False)
    done = subprocess.run([sys.executable, "-m", "redflag.cli", "scan", str(small), "--out", str(out), "--no-progress"],
                          cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not parts[0].exists() and len(pd.read_csv(out)) == 1


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
