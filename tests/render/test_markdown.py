"""Markdown reports: headings, lists and a table, with the ad's own text escaped."""

import pytest

from redflag.render.markdown import escape, render, render_details

ADS = ["hostess-abroad", "honest-farm"]


@pytest.mark.parametrize("ad", ADS)
def test_markdown_reports_match_golden(ad, example, rendered, golden_text, words):
    report, text = example(ad)
    options = dict(source=f"examples/{ad}.txt", original=text, words=words("en"))
    assert rendered(render, report, **options) == golden_text(f"check-{ad}.md")
    assert rendered(render_details, report, **options) == golden_text(f"check-{ad}-details.md")


def test_escape_makes_markup_literal():
    assert escape("*bold* _it_ [link](x) <b> a|b `code` #1 \\") == \
        "\\*bold\\* \\_it\\_ \\[link\\](x) \\<b\\> a\\|b \\`code\\` \\#1 \\\\"


def test_short_markdown_is_a_heading_a_numbered_list_and_bullets(example, rendered):
    report, text = example("hostess-abroad")
    out = rendered(render, report, original=text)
    assert out.startswith("## Risk score 100/100  **HIGH**\n\n")
    assert "\n1. **Employer or agent keeps the worker's passport or ID**\\\n   “Accommodation provided, the " \
           "**employer keeps your passport** for safety”\n" in out
    assert "\n2. **Worker asked to pay a recruitment, placement or processing fee**\\\n   “Free flight and visa, small " \
           "**processing fee** of 300 EUR before departure”\n" in out
    assert "\n### What to do\n\n- Never hand over your passport" in out and "\n### Where to get help\n\n- **" in out
    assert "\n\n\n" not in out and "\x1b" not in out


def test_markup_in_the_ad_stays_text(check_text, rendered):
    report, text = check_text("**FREE** job, <b>pay</b> the registration fee of 200 EUR [now](http://x) today.")
    for render_fn in (render, render_details):
        out = rendered(render_fn, report, original=text)
        assert "“\\*\\*FREE\\*\\* job, \\<b\\>pay\\</b\\> the **registration fee** of 200 EUR \\[now\\](http://x) today”" in out
        assert "**FREE**" not in out and "<b>" not in out
