"""The evaluate report laid out: golden table and Markdown of a tiny fixed report, JSON, files and stdout."""

import importlib.util
import io
import json
from pathlib import Path

import pytest

from redflag.errors import InputError
from redflag.render.evaluate import FORMATS, format_for, render_json, render_markdown, render_table, write_report
from redflag.render.options import RenderOptions

GOLDEN = Path(__file__).with_name("golden")
TINY = Path(__file__).resolve().parents[1] / "evaluate" / "tiny.py"


def _tiny():
    spec = importlib.util.spec_from_file_location("evaluate_tiny", TINY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tiny = _tiny()


def _render(render, report, **options) -> str:
    stream = io.StringIO()
    render(report, stream, RenderOptions(**options))
    return stream.getvalue()


@pytest.mark.parametrize("name, build", [("report", tiny.report), ("fit", tiny.fitted_report)])
def test_golden_table_and_markdown(name, build):
    report = build()
    assert _render(render_table, report, width=140, color=False) == (GOLDEN / f"evaluate-{name}.txt").read_text(encoding="utf-8")
    assert _render(render_markdown, report) == (GOLDEN / f"evaluate-{name}.md").read_text(encoding="utf-8")


def test_files_get_the_golden_text(tmp_path):
    report = tiny.fitted_report()
    for suffix, golden in ((".txt", "evaluate-fit.txt"), (".md", "evaluate-fit.md")):
        out = tmp_path / f"report{suffix}"
        write_report(report, None, out)
        assert out.read_text(encoding="utf-8") == (GOLDEN / golden).read_text(encoding="utf-8")
    write_report(report, "json", tmp_path / "report.txt")
    assert json.loads((tmp_path / "report.txt").read_text(encoding="utf-8")) == report.to_dict()
    with pytest.raises(InputError, match="cannot write"):
        write_report(report, "json", tmp_path / "missing" / "report.json")


def test_json_is_the_report_dict():
    report = tiny.report()
    text = _render(render_json, report)
    assert text.endswith("}\n") and json.loads(text) == report.to_dict()
    assert list(json.loads(text)) == ["schema", "provenance", "data", "settings", "scorers", "rules", "gates", "fit", "languages", "harms"]


def test_stdout(capsys):
    write_report(tiny.report(), "markdown", None)
    assert capsys.readouterr().out == (GOLDEN / "evaluate-report.md").read_text(encoding="utf-8")
    write_report(tiny.report(), None, None)
    assert "Ranking (threshold-free)" in capsys.readouterr().out


def test_format_for():
    assert format_for(None) == "table" and format_for(Path("r.JSON")) == "json"
    assert format_for(Path("r.md")) == format_for(Path("r.markdown")) == "markdown" and format_for(Path("r.txt")) == "table"
    assert set(FORMATS) == {"table", "json", "markdown"}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    import pandas as pd

    from redflag.synth import generate

    rows = generate(160, 11)
    path = tmp_path_factory.mktemp("eval") / "ads.csv"
    pd.DataFrame({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                  "label": [r["label"] for r in rows]}).to_csv(path, index=False)
    return path


def run(*args):
    from typer.testing import CliRunner

    from redflag.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_markdown_and_table_render(synthetic, tmp_path):
    from redflag.config import Config
    from redflag.evaluate import EvalOptions, evaluate_corpus, load_corpus
    from redflag.pipeline import Checker

    options = EvalOptions(bootstrap=50, threshold=50.0, prevalence=0.05)
    report = evaluate_corpus(Checker(Config(entities=False)), load_corpus(synthetic, options), options)
    md = _render(render_markdown, report)
    assert md.startswith("## redflag evaluate") and "### Ranking" in md and "### Rules (by lift)" in md
    assert all(f"| {r.id} |" in md for r in report.rules)
    assert json.loads(_render(render_json, report)) == report.to_dict()
    res = run("evaluate", synthetic, "--bootstrap", "20", "--out", tmp_path / "report.md")
    assert res.exit_code == 0 and (tmp_path / "report.md").read_text().startswith("## redflag evaluate")
    table = run("evaluate", synthetic, "--bootstrap", "20", "--sort", "false-alarms")
    assert table.exit_code == 0 and "ROC-AUC" in table.stdout and "Rules (by false-alarms)" in table.stdout


def test_languages_golden_markdown_and_table():
    report = tiny.languages_report()
    md = _render(render_markdown, report)
    assert md == (GOLDEN / "evaluate-languages.md").read_text(encoding="utf-8")
    assert "### Languages (fused score; Wilson intervals; – under 10 ads of a class)" in md
    assert "| language | ads | in 1 | in 0 | recall@medium | FPR@medium | recall@high | FPR@high | recall@threshold | FPR@threshold |" in md
    table = _render(render_table, report, width=160, color=False)
    assert "Languages" in table and "│ en " in table and "│ und " in table


def test_no_languages_no_section():
    assert "Languages" not in _render(render_markdown, tiny.report())
