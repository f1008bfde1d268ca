"""The terminal report: verdict, evidence quoted in its sentence, advice; and the quiet line."""

import io
from pathlib import Path

import pytest

from redflag.config import Config
from redflag.pipeline import checker_for
from redflag.render.options import RenderOptions
from redflag.render.terminal import render

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def checked(name: str):
    """(Result, original text) of an example ad, checked with the shipped rules and model."""
    text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    return checker_for(Config()).check(text), text


def _render(result, **options) -> str:
    stream = io.StringIO()
    render(result, stream, RenderOptions(**{"width": 100, "color": False, **options}))
    return stream.getvalue()


@pytest.mark.parametrize("ad", ["hostess-abroad", "honest-farm"])
def test_report_matches_golden(ad):
    result, text = checked(ad)
    golden = (GOLDEN / f"check-{ad}.txt").read_text(encoding="utf-8")
    assert _render(result, source=f"examples/{ad}.txt", original=text) == golden


def test_quiet_is_score_and_level():
    result, text = checked("hostess-abroad")
    golden = (GOLDEN / "check-quiet.txt").read_text(encoding="utf-8")
    assert _render(result, original=text, quiet=True) == golden == f"{result.score:.0f} high\n"


def test_without_colour_the_evidence_is_bracketed_and_with_colour_it_is_styled(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    result, text = checked("hostess-abroad")
    plain = _render(result, original=text)
    assert "[processing fee]" in plain and "\x1b[" not in plain
    coloured = _render(result, original=text, color=True)
    assert "\x1b[" in coloured and "[processing fee]" not in coloured


def test_inline_text_has_no_ad_line():
    result, text = checked("honest-farm")
    assert "Ad: " not in _render(result, source="the ad text", original=text)
    assert "Ad: farm.txt" in _render(result, source="farm.txt", original=text)


def test_width_is_honoured():
    result, text = checked("honest-farm")
    assert max(map(len, _render(result, original=text).splitlines())) == 100
    assert max(map(len, _render(result, original=text, width=60).splitlines())) == 60
