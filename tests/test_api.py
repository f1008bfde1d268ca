"""The Python API: redflag.check(), Checker and Config, cheap to import and settled like the CLI."""

import json
import subprocess
import sys

import pytest

import redflag
from redflag.errors import RedflagError

AD = "Pay the processing fee of 300 EUR. The employer keeps your passport. Contact only on WhatsApp."


def test_check_and_import_cost_in_a_fresh_process(tmp_path):
    code = (
        "import json, sys, redflag\n"
        "after_import = sorted(m for m in ('pandas', 'sklearn', 'redflag.pipeline') if m in sys.modules)\n"
        f"result = redflag.check({AD!r})\n"
        "print(json.dumps({'after_import': after_import, 'level': result.level,\n"
        "                  'heavy': sorted(m for m in ('pandas', 'sklearn') if m in sys.modules)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    seen = json.loads(done.stdout)
    assert seen == {"after_import": [], "level": "high", "heavy": []}


def test_cli_check_imports_neither_pandas_nor_sklearn(tmp_path):
    code = (
        "import sys\n"
        "from redflag.cli import main\n"
        f"sys.argv = ['redflag', 'check', {AD!r}, '-q']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'sklearn') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.stdout.splitlines()[-1] == "[]", done.stderr


def test_check_takes_the_cli_options():
    result = redflag.check(AD, select="CON", no_model=True)
    assert result.model is None and result.flags and all(f.id.startswith("CON") for f in result.flags)


def test_check_reads_project_settings(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.redflag]\nselect = ["FEE"]\nno-model = true\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = redflag.check(AD)
    assert result.model is None and {f.id[:3] for f in result.flags} == {"FEE"}


def test_check_with_a_config_matches_the_checker():
    config = redflag.Config(use_model=False, select=("DOC",))
    expected = redflag.Checker(config).check(AD)
    assert redflag.check(AD, config=config).to_dict() == expected.to_dict()
    with pytest.raises(RedflagError):
        redflag.check(AD, config=config, select="FEE")


def test_lazy_names():
    from redflag.config import Config
    from redflag.pipeline import Checker

    assert redflag.Config is Config and redflag.Checker is Checker
    assert callable(redflag.score_frame)
    assert set(redflag.__all__) >= {"check", "Checker", "Config", "score_frame"}
    with pytest.raises(AttributeError):
        redflag.nothing_here
