"""Shared inputs for the batch tests: three kinds of ad, a small table of them, and `redflag scan` in-process."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from typer.testing import CliRunner

RISKY = ("Hostess work abroad for girls 18-25. Small processing fee of 200 EUR before the flight. "
         "We keep your passport during the contract. Contact only on WhatsApp +44 7700 900123.")
MEDIUM = "Earn 5000 USD a week from home, no experience needed, start today."
PLAIN = "Line cook for our restaurant in Leeds. Day shifts, 11 GBP an hour, apply on our website."


@pytest.fixture
def texts() -> SimpleNamespace:
    """A high-risk, a medium-risk and a plain ad."""
    return SimpleNamespace(risky=RISKY, medium=MEDIUM, plain=PLAIN)


@pytest.fixture
def ads():
    """``ads(n)``: n ads cycling risky, plain, medium, with ids ad0.. and sites alpha/beta."""
    def make(n: int = 6) -> pd.DataFrame:
        cycle = [RISKY, PLAIN, MEDIUM]
        return pd.DataFrame({
            "ad_id": [f"ad{i}" for i in range(n)],
            "text": [cycle[i % 3] + f" Ref {i}." for i in range(n)],
            "site": [["alpha", "beta"][i % 2] for i in range(n)],
        })

    return make


@pytest.fixture
def csv_in(tmp_path, ads):
    """Six ads as a CSV file."""
    path = tmp_path / "ads.csv"
    ads().to_csv(path, index=False)
    return path


@pytest.fixture
def invoke():
    """Run `redflag scan ARGS... --no-progress` in-process."""
    from redflag.cli import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["scan", *map(str, args), "--no-progress"])
