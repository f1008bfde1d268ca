"""Clusters in words: explanation and summary sentences, and the table `redflag link` prints."""

from __future__ import annotations

import io

from redflag.link.clusters import Cluster, SharedIdentifier
from redflag.link.run import LinkReport
from redflag.render.clusters import explanation, render, sentences, summary
from redflag.render.options import RenderOptions

PHONE = SharedIdentifier(kind="whatsapp", value="+447700900123", ads=3, high_risk=2, low_risk=1)
WATCHED = Cluster(id="c-1", ad_ids=("a", "b", "c"), identifiers=(PHONE,), link_kinds=("identifier",),
                  sources=("x", "y"), max_score=90.0, mean_score=60.0, high_risk=2, watch=("c",))
COPIES = Cluster(id="c-2", ad_ids=("d", "e"), identifiers=(), link_kinds=("near-duplicate",))


def test_summary_counts_kinds_sites_and_risk():
    assert summary(WATCHED) == ("one WhatsApp number in 3 ads across 2 sites, two of them high risk; "
                                "one low-risk ad shares an identifier with high-risk ads")
    assert summary(COPIES) == "near-identical text in 2 ads"
    many = Cluster(id="c-3", ad_ids=tuple("abcdefghijkl"), link_kinds=("identifier", "near-duplicate"), sources=("s",),
                   identifiers=tuple(SharedIdentifier(kind=k, value=v, ads=2) for k, v in
                                     [("email", "a@b.co"), ("email", "c@d.co"), ("domain", "d.co"), ("telegram", "@x")]),
                   max_score=20.0)
    assert summary(many) == "two email addresses, one website, one Telegram account and more in 12 ads on one site, none of them high risk"


def test_explanation_names_the_shared_identifier_and_the_ads():
    assert explanation(WATCHED) == "one ad looks low risk but shares WhatsApp number +447700900123 with high-risk ads: c"
    hidden = explanation(WATCHED, redact=True)
    assert "+447700900123" not in hidden and "[whatsapp:" in hidden
    assert explanation(COPIES) == ""


def test_sentences_are_what_the_clusters_file_adds():
    assert sentences(WATCHED) == {"explanation": explanation(WATCHED), "summary": summary(WATCHED)}


def test_render_prints_counts_table_and_watch_lines():
    stream = io.StringIO()
    render(LinkReport([WATCHED, COPIES], ads=9, skipped=1, top=5), stream, RenderOptions(width=200, color=False))
    text = stream.getvalue()
    assert text.startswith("9 ads read, 1 skipped; 2 clusters hold 5 ads\n")
    assert "Largest and riskiest clusters (top 2)" in text and "c-1" in text and "near-identical text in 2 ads" in text
    assert "worth a look: one WhatsApp number" in text and "\x1b[" not in text


def test_render_names_the_output_and_hides_contacts_when_redacted(tmp_path):
    stream = io.StringIO()
    render(LinkReport([WATCHED], ads=3, skipped=0, top=5, redact=True), stream, RenderOptions(out=tmp_path / "c.jsonl", width=200))
    text = stream.getvalue()
    assert f"; written to {tmp_path / 'c.jsonl'}" in text and "+447700900123" not in text


def test_render_without_clusters_or_top_is_one_line():
    for report in (LinkReport([], ads=2, skipped=0), LinkReport([WATCHED], ads=3, skipped=0, top=0)):
        stream = io.StringIO()
        render(report, stream, RenderOptions(width=200))
        assert len(stream.getvalue().splitlines()) == 1
