"""Shared inputs for the evaluate tests: a synthetic labelled table, its report, the tiny stand-in report."""

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from redflag.synth import generate

EMSCAD = Path(__file__).resolve().parents[3] / "shared" / "data" / "emscad_dev.csv"


def load_tiny():
    """tests/evaluate/tiny.py as a module (test folders are not packages)."""
    spec = importlib.util.spec_from_file_location("evaluate_tiny", Path(__file__).with_name("tiny.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def tiny():
    return load_tiny()


@pytest.fixture(scope="session")
def run():
    from redflag.cli import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory) -> Path:
    rows = generate(160, 11)
    path = tmp_path_factory.mktemp("eval") / "ads.csv"
    pd.DataFrame({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                  "label": [r["label"] for r in rows]}).to_csv(path, index=False)
    return path


@pytest.fixture(scope="session")
def report(run, synthetic) -> dict:
    """The JSON report of `redflag evaluate` on the synthetic table."""
    res = run("evaluate", synthetic, "--format", "json", "--bootstrap", "50", "--threshold", "50", "--prevalence", "0.05")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="session")
def typed_report(synthetic):
    """The same measurement through the Python API, as an EvalReport."""
    from redflag import evaluate as ev
    from redflag.config import Config
    from redflag.pipeline import Checker

    options = ev.EvalOptions(bootstrap=50, threshold=50.0, prevalence=0.05)
    return ev.evaluate_corpus(Checker(Config(entities=False)), ev.load_corpus(synthetic, options), options)
