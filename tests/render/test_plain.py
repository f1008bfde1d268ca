"""Plain text to paste into a chat or an e-mail: no frames, no colour codes, no wrapping."""

import re

import pytest

from redflag.render.plain import render, render_details

ADS = ["hostess-abroad", "honest-farm"]
BOX = re.compile("[\u2500-\u257f]")  # box-drawing characters


@pytest.mark.parametrize("ad", ADS)
def test_plain_reports_match_golden(ad, example, rendered, golden_text, words):
    report, text = example(ad)
    options = dict(source=f"examples/{ad}.txt", original=text, words=words("en"))
    assert rendered(render, report, **options) == golden_text(f"check-{ad}-plain.txt")
    assert rendered(render_details, report, **options) == golden_text(f"check-{ad}-details-plain.txt")


@pytest.mark.parametrize("render_fn", [render, render_details])
def test_no_box_drawing_no_escape_codes_and_lines_are_not_wrapped(render_fn, example, rendered):
    report, text = example("hostess-abroad")
    out = rendered(render_fn, report, original=text, color=True, width=40)
    assert not BOX.search(out) and "\x1b" not in out
    assert out.startswith("Risk score 100/100  HIGH\n")
    assert any(len(ln) > 100 for ln in out.splitlines())  # a chat wraps the lines itself
    assert "[processing fee]" in out


def test_short_plain_report_shows_up_to_five_reasons_and_the_help_sites(example, rendered):
    report, text = example("hostess-abroad")
    out = rendered(render, report, original=text)
    assert re.findall(r"^  (\d)\. ", out, re.M) == ["1", "2", "3", "4", "5"]
    assert "Modern Slavery & Exploitation Helpline: 08000 121 700 · modernslaveryhelpline.org" in out
    assert "--details" not in out  # the person it is pasted to cannot run it


def test_quiet(example, rendered):
    report, text = example("hostess-abroad")
    assert rendered(render, report, original=text, quiet=True) == f"{report.result.score:.0f} high\n"
    assert rendered(render_details, report, original=text, quiet=True) == f"{report.result.score:.0f} high\n"
