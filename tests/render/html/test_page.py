"""The local page's HTML: the report's blocks, the marked ad, escaping, and the page's words in every language."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from importlib.resources import files

from redflag.render.doc import Block, Span, heading, item, line
from redflag.render.html.page import Checked, Form, country_names, groups, render_page
from redflag.render.page_words import PageWords, page_languages, page_words
from redflag.render.reader import reader_report, report_words
from redflag.help import all_lines, INTERNATIONAL
from redflag.pipeline import checker_for
from redflag.config import Config

HOSTILE = ("<script>alert('x')</script> Pay a processing fee of 300 EUR before departure. "
           "The employer keeps your passport. \"quotes\" & ampersands")


def _checked(text: str) -> Checked:
    result = checker_for(Config()).check(text)
    return Checked(report=reader_report(result), original=text, words=report_words(result.ui_lang))


def test_consecutive_items_are_one_list_numbered_by_their_markers():
    blocks = [heading("Red flags"), item(line("a"), marker="1."), item(line("b"), marker="2."),
              heading("What to do"), item(line("c"), marker="•")]
    out = groups(blocks)
    assert [(g.kind, len(g.blocks), g.ordered) for g in out] == [
        ("heading", 1, False), ("list", 2, True), ("heading", 1, False), ("list", 1, False)]


def test_ad_text_is_escaped_and_every_mark_is_the_text_at_its_offsets():
    checked = _checked(HOSTILE)
    html = render_page(PageWords(), Form(text=HOSTILE), checked=checked)
    assert "<script>" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<mark class=\"bad\"" in html
    flags = checked.report.result.red_flags
    assert any(f.id.startswith("FEE") for f in flags)
    for flag in flags:
        for ev in flag.evidence:
            assert HOSTILE[ev.start:ev.end] == ev.text


def test_an_error_is_an_alert_and_the_form_keeps_the_text():
    html = render_page(PageWords(), Form(text="half an <ad>", limit="1 MB"), error="the ad text is empty")
    assert 'role="alert"' in html and "the ad text is empty" in html
    assert "half an &lt;ad&gt;</textarea>" in html and "Up to 1 MB per ad." in html
    assert "<script" not in html and "http" not in html.split("<footer>")[0].lower().replace("http-equiv", "")


def test_every_input_has_a_label():
    html = render_page(PageWords(), Form())
    for field in ("text", "file", "ui_lang", "region"):
        assert f'<label for="{field}">' in html and f'id="{field}"' in html


def test_page_words_exist_in_every_language_with_their_blanks():
    data = tomllib.loads(files("redflag.render").joinpath("data/page_words.toml").read_text(encoding="utf-8"))
    english = PageWords()
    for lang in page_languages():
        assert set(data[lang]) == {f.name for f in fields(PageWords)}, lang
        words = page_words(lang)
        assert "{size}" in words.limit
        if lang != "en":
            assert words.submit != english.submit, lang
    assert page_words("xx") == english


def test_every_help_country_has_its_own_name():
    countries = {line.country for line in all_lines()} - {INTERNATIONAL}
    assert countries == set(country_names())
