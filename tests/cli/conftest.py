"""Shared fixtures for the command tests: a CliRunner at a fixed width and the golden outputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "render" / "golden"
# a fixed width and no colour, so rich lays out every output the same way on every machine
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


@pytest.fixture
def cli():
    """Run `redflag ARGS...` in-process; returns click's Result (stdout, output, exit_code)."""
    from redflag.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, env=ENV, prog_name="redflag")

    return run


@pytest.fixture
def golden():
    """The text of one golden file."""
    return lambda name: (GOLDEN / name).read_text(encoding="utf-8")


@pytest.fixture
def examples(monkeypatch) -> Path:
    """Run from the project root so example ads are named by their relative path."""
    monkeypatch.chdir(ROOT)
    return Path("examples")
