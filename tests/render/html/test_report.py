"""render_report on really scanned ads: hostile text stays text, marks sit on the evidence, nothing is fetched."""

from __future__ import annotations

import html
import io
import re

import pytest
from plotly.offline import get_plotlyjs

from redflag.render.html import render_report
from redflag.render.html.view import BadRow

from .conftest import RUSSIAN


def _render(rows, **kw) -> str:
    buf = io.StringIO()
    render_report(rows, buf, **kw)
    return buf.getvalue()


@pytest.fixture(scope="module")
def page(scanned_rows) -> str:
    clusters = [{"id": "C1", "size": 3, "ad_ids": ["hostile-1", "ru 2", "elsewhere"],
                 "identifiers": [{"kind": "phone", "value": "+44 <7700>", "ads": 2}], "link_kinds": ["phone"],
                 "explanation": "<img src=x onerror=alert(1)> share a phone"}]
    return _render(scanned_rows, clusters=clusters, title="Week <1>")


@pytest.fixture(scope="module")
def body(page) -> str:
    """The page without the plotly bundle, so assertions look at what the report itself writes."""
    return page.replace(get_plotlyjs(), "")


def _marks(body: str, anchor: str) -> list[str]:
    section = body[body.index(f'id="{anchor}"'):]
    section = section[: section.index("</article>")]
    return [html.unescape(m) for m in re.findall(r"<mark [^>]*>(.*?)</mark>", section, flags=re.S)]


def test_hostile_text_is_escaped(body):
    assert "<script>alert(" not in body and "&lt;script&gt;alert(" in body
    assert "<img src=x" not in body and "&lt;img src=x onerror" in body
    assert "<b>board</b>" not in body and "<title>Week &lt;1&gt;</title>" in body


def test_marks_hold_the_evidence_of_the_scan(scanned_rows, body):
    row = next(r for r in scanned_rows if r["id"] == "ru 2")
    phrases = {e["text"] for f in row["evidence"] for e in f["evidence"]}
    assert phrases and set(_marks(body, "ad-ru_202")) == phrases
    assert all(RUSSIAN[e["start"]:e["end"]] == e["text"] for f in row["evidence"] for e in f["evidence"])


def test_overlapping_evidence_is_one_mark(scanned_rows, body):
    row = next(r for r in scanned_rows if r["id"] == "hostile-1")
    spans = sorted((e["start"], e["end"]) for f in row["evidence"] for e in f["evidence"])
    assert any(b[0] < a[1] for a, b in zip(spans, spans[1:])), "fixture should overlap"
    marks = _marks(body, "ad-hostile-1")
    text = row["text"]
    assert all(m in text for m in marks) and len(marks) < len(set(spans))
    # every evidence phrase lies inside one mark
    assert all(any(text[s:e] in m for m in marks) for s, e in spans)


def test_plotly_is_inline_once_and_nothing_is_fetched(page, body):
    assert page.count(get_plotlyjs()) == 1
    assert page.count("<script") == body.count("<script")
    for pattern in (r'src\s*=\s*["\']?\s*(https?:)?//', r'href\s*=\s*["\']?\s*(https?:)?//', r"@import", r"url\("):
        assert not re.search(pattern, body, flags=re.I), pattern
    assert "<link" not in body and "cdn" not in body.lower()


def test_page_has_lang_headings_and_table_headers(body):
    assert body.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert body.count("<h1>") == 1 and '<th scope="col" class="n">Score</th>' in body
    assert 'lang="ru"' in body


def test_table_links_every_listed_ad_to_its_section(scanned_rows, body):
    links = re.findall(r'<a class="ad-link" href="#([^"]+)">', body)
    assert links == ["ad-hostile-1", "ad-ru_202", "ad-clean-3"]  # riskiest first
    assert all(re.search(f'<article class="ad level-\\w+" id="{a}"', body) for a in links)


def test_clusters_link_their_members_and_show_identifiers(body):
    assert '<a href="#ad-hostile-1">hostile-1</a>' in body and "elsewhere <span class=\"note\">(not in this report)" in body
    assert "<code>+44 &lt;7700&gt;</code>" in body


def test_charts_drawn_from_escaped_json(body):
    ids = re.findall(r'class="chart" role="img"', body)
    assert len(ids) == 5  # levels, flags, harms, languages, time
    assert "chart-time" in body and "\\u2039b\\u203aboard" in body  # no tag plotly would read


def test_top_limits_the_table_not_the_sections(scanned_rows):
    body = _render(scanned_rows, top=1).replace(get_plotlyjs(), "")
    assert len(re.findall(r'class="ad-link"', body)) == 1 and body.count('<article class="ad ') == 3


def test_rows_without_text_or_dates_list_phrases_and_chart_sources(scanned_rows):
    rows = [{k: v for k, v in r.items() if k not in ("text", "date")} for r in scanned_rows]
    body = _render(rows).replace(get_plotlyjs(), "")
    assert "<mark" not in body and "Quoted phrases" in body and "chart-sources" in body and "chart-time" not in body


def test_a_bad_row_is_an_error(scanned_rows):
    with pytest.raises(BadRow):
        _render([*scanned_rows, {"id": 9, "score": "?", "level": "low"}])
