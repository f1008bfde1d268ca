"""A real `redflag serve` on 127.0.0.1, started once for these tests on a free port and stopped after."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def server() -> str:
    """The base URL of a running server (``http://127.0.0.1:PORT``)."""
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "redflag", "serve", "--port", "0"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not found:
            proc.kill()
            pytest.fail(f"redflag serve did not start: {line!r} {proc.stderr.read()!r}")
        yield f"http://127.0.0.1:{found.group(1)}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def hostess() -> str:
    return (ROOT / "examples" / "hostess-abroad.txt").read_text(encoding="utf-8")
