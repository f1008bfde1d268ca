"""JSON of a check: the Result's dict, with the source named, one object per result."""

import io
import json
from pathlib import Path

from redflag.config import Config
from redflag.pipeline import checker_for
from redflag.render.jsonfmt import render, result_json
from redflag.render.options import RenderOptions

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def checked(name: str):
    """(Result, original text) of an example ad, checked with the shipped rules and model."""
    text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    return checker_for(Config()).check(text), text


def test_json_is_the_result_dict_with_its_source():
    result, text = checked("hostess-abroad")
    stream = io.StringIO()
    render(result, stream, RenderOptions(source="examples/hostess-abroad.txt"))
    out = stream.getvalue()
    assert out.endswith("}\n") and out.startswith('{\n  "')
    data = json.loads(out)
    assert data == {**result.to_dict(), "source": "examples/hostess-abroad.txt"}
    for flag in data["flags"]:
        for ev in flag["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]


def test_without_a_source_there_is_no_source_key():
    result, _ = checked("honest-farm")
    assert "source" not in result_json(result)
    stream = io.StringIO()
    render(result, stream, RenderOptions())
    assert json.loads(stream.getvalue()) == result.to_dict()


def test_non_ascii_is_kept_as_written():
    result = checker_for(Config(use_model=False)).check("Pay the processing fee – only 200 €.")
    stream = io.StringIO()
    render(result, stream, RenderOptions(source="Anzeige – München.txt"))
    assert '"source": "Anzeige – München.txt"' in stream.getvalue() and "\\u" not in stream.getvalue()
