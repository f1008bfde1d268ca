"""The app as a whole: commands registered, usage and input errors are one line with exit code 2."""

import importlib
import sys

import pytest

from redflag.errors import InputError

COMMANDS = ["check", "rules", "explain", "synth", "train", "scan", "link", "evaluate"]


def test_every_command_is_registered(cli):
    res = cli("--help")
    assert res.exit_code == 0
    for name in COMMANDS:
        assert name in res.stdout


@pytest.mark.parametrize("args", [["check", ""], ["check", "missing-file.txt"], ["check", "/"], ["explain", "NOPE999"]])
def test_errors_are_one_line_exit_2(cli, args):
    res = cli(*args)
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("redflag: error: ")


def test_bad_option_value_is_usage_error(cli):
    assert cli("check", "x", "--fail-on", "extreme").exit_code == 2


def test_unknown_setting_is_exit_2(cli, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.redflag]\nselct = ["CON"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = cli("check", "hello there", "-q")
    assert res.exit_code == 2 and "selct" in res.output


def test_main_turns_an_error_into_exit_2(monkeypatch, capsys):
    app_module = importlib.import_module("redflag.cli.app")

    def boom() -> None:
        raise InputError("no such ad")

    monkeypatch.setattr(app_module, "app", boom)
    with pytest.raises(SystemExit) as exit_:
        app_module.main()
    assert exit_.value.code == 2
    assert capsys.readouterr().err == "redflag: error: no such ad\n"


def test_main_interrupted_is_exit_130(monkeypatch, capsys):
    app_module = importlib.import_module("redflag.cli.app")

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(app_module, "app", interrupted)
    with pytest.raises(SystemExit) as exit_:
        app_module.main()
    assert exit_.value.code == 130 and capsys.readouterr().err == "redflag: interrupted\n"


def test_fail_and_errors_exit_2_are_one_line(capsys):
    import typer

    from redflag.cli.app import errors_exit_2, fail

    with pytest.raises(typer.Exit) as exit_:
        fail("bad option")
    assert exit_.value.exit_code == 2 and capsys.readouterr().err == "redflag: error: bad option\n"

    @errors_exit_2
    def command() -> None:
        raise InputError("unreadable")

    with pytest.raises(typer.Exit) as exit_:
        command()
    assert exit_.value.exit_code == 2 and capsys.readouterr().err == "redflag: error: unreadable\n"


def test_main_runs_the_app(monkeypatch, capsys):
    from redflag import cli

    monkeypatch.setattr(sys, "argv", ["redflag", "check", "--no-model", "-q", "hello there"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 0
    assert capsys.readouterr().out.split()[1] == "low"


def test_python_dash_m_runs_the_cli(tmp_path):
    import subprocess

    done = subprocess.run([sys.executable, "-m", "redflag.cli", "check", "--no-model", "-q", "hello there"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.split()[1] == "low", done.stderr


@pytest.mark.parametrize("args, names", [
    (["check", "x", "--frmat", "json"], "--frmat"),
    (["check"], "source"),
    (["check", "x", "--fail-on", "extreme"], "--fail-on"),
    (["scan"], "input"),
    (["nope"], "nope"),
])
def test_usage_errors_are_one_line_exit_2(cli, args, names):
    res = cli(*args)
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1, res.output
    assert lines[0].startswith("redflag: error: ") and names in lines[0]


def test_no_arguments_still_prints_the_help(cli):
    res = cli()
    assert "check" in res.output and "Usage" in res.output
