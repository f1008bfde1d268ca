"""Linking: shared identifiers in any spelling, near-duplicate templates, common domains, risk counts and watch lists."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from redflag.entities import extract, redact
from redflag.errors import InputError
from redflag.link import HIGH_LEVELS, LOW_LEVELS, Cluster, link_frame, link_records
from redflag.link.run import cluster_row
from redflag.render.clusters import explanation, summary

WORDS = ("shift hotel kitchen cleaning warehouse driver care team hours week pay friendly experience apply "
         "contract start training accommodation transport visa bonus overtime flexible weekend night city "
         "office client service customer sales support manager assistant english reliable honest local").split()


def prose(seed: int, n: int = 60) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


TEMPLATE = prose(99, 150)


def variant(changes: dict[int, str]) -> str:
    words = TEMPLATE.split()
    for i, w in changes.items():
        words[i] = w
    return " ".join(words)


def batch() -> list[dict]:
    return [
        # one phone, three spellings, three sites; two ads are high risk, one looks harmless
        {"id": "p1", "text": prose(1) + " WhatsApp +44 7700 900123", "source": "a", "level": "high", "score": 85},
        {"id": "p2", "text": prose(2) + " call 07700 900 123 now", "source": "b", "level": "high", "score": 90},
        {"id": "p3", "text": prose(3) + " ring 0 7 7 0 0 9 0 0 1 2 3", "source": "c", "level": "low", "score": 10},
        # one email address at a free-mail domain
        {"id": "e1", "text": prose(4) + " send CV to Jobs.Agent77@gmail.com", "source": "a", "score": 40},
        {"id": "e2", "text": prose(5) + " contact jobs.agent77 [at] gmail [dot] com", "source": "a", "score": 50},
        # a template copied with a few words changed
        {"id": "d1", "text": TEMPLATE, "source": "a"},
        {"id": "d2", "text": variant({10: "London", 40: "Leeds"}), "source": "b"},
        {"id": "d3", "text": variant({70: "Cardiff", 100: "friday", 120: "monday"}), "source": "c"},
        # unrelated ads that only share big free-mail and social domains
        {"id": "u1", "text": prose(6) + " write to anna.k@gmail.com or facebook.com/jobs.page1"},
        {"id": "u2", "text": prose(7) + " write to olga.m@gmail.com or facebook.com/other.page2"},
        {"id": "u3", "text": prose(8) + " see www.linkedin.com/company/x and wa.me/447911123456"},
        {"id": "u4", "text": prose(9)},
    ]


def by_members(clusters: list[Cluster]) -> dict[frozenset, Cluster]:
    return {frozenset(c.ad_ids): c for c in clusters}


def test_known_clusters_are_recovered_and_nothing_else():
    clusters = by_members(link_records(batch()))
    assert set(clusters) == {frozenset({"p1", "p2", "p3"}), frozenset({"e1", "e2"}), frozenset({"d1", "d2", "d3"})}


def test_phone_cluster_details_and_watch_flag():
    c = by_members(link_records(batch()))[frozenset({"p1", "p2", "p3"})]
    assert [(i.kind, i.value, i.ads) for i in c.identifiers] == [("whatsapp", "+447700900123", 3)]
    assert c.link_kinds == ("identifier",)
    assert c.sources == ("a", "b", "c") and c.size == 3
    assert c.high_risk == 2 and c.max_score == 90 and c.mean_score == pytest.approx(61.67, abs=0.01)
    assert c.watch == ("p3",) and c.flagged
    assert summary(c) == ("one WhatsApp number in 3 ads across 3 sites, two of them high risk; "
                          "one low-risk ad shares an identifier with high-risk ads")
    assert "p3" in explanation(c) and "+447700900123" in explanation(c)
    assert "+447700900123" not in explanation(c, redact=True)


def test_identical_email_links_even_on_a_common_domain():
    c = by_members(link_records(batch()))[frozenset({"e1", "e2"})]
    assert [(i.kind, i.value) for i in c.identifiers] == [("email", "jobs.agent77@gmail.com")]
    assert not c.flagged and summary(c) == "one email address in 2 ads on one site, none of them high risk"


def test_near_duplicate_template():
    c = by_members(link_records(batch()))[frozenset({"d1", "d2", "d3"})]
    assert c.link_kinds == ("near-duplicate",) and c.identifiers == ()
    assert summary(c) == "near-identical text in 3 ads across 3 sites"
    # a strict threshold or switching the check off separates them
    assert frozenset({"d1", "d2", "d3"}) not in by_members(link_records(batch(), near_duplicates=False))


def test_shared_company_domain_links_but_blocklisted_domain_does_not():
    ads = [{"id": "a", "text": "apply at www.shady-jobs.co.uk/form"},
           {"id": "b", "text": "CV to hr@shady-jobs.co.uk please"},
           {"id": "c", "text": "see www.shady-jobs.co.uk"}]
    (c,) = link_records(ads)
    assert c.ad_ids == ("a", "b", "c") and [(i.kind, i.value) for i in c.identifiers] == [("domain", "shady-jobs.co.uk")]
    assert link_records(ads, common_domains={"shady-jobs.co.uk"}) == []


def test_cluster_id_is_stable_and_dict_is_complete():
    first = link_records(batch())
    again = link_records(list(reversed(batch())))
    assert sorted(c.id for c in first) == sorted(c.id for c in again)
    d = cluster_row(first[0], redact=True)
    assert set(d) >= {"id", "size", "ad_ids", "identifiers", "link_kinds", "sources", "max_score", "mean_score",
                      "high_risk", "watch", "explanation", "summary"}
    assert d["identifiers"][0]["value"].startswith("[whatsapp:")
    data = first[0].to_dict(redact=True)
    assert "explanation" not in data and "summary" not in data  # words are the renderer's
    assert data["identifiers"] == d["identifiers"] and data["identifiers"][0]["value"] == first[0].identifiers[0].shown(True)


def test_precomputed_and_redacted_entities_still_link():
    ads = batch()[:3]
    for a in ads:
        a["text"] = redact(a["text"], extract(a["text"], "GB"))
        a["entities"] = [e.to_dict() for e in extract(a["text"])]
    (c,) = link_records(ads)
    assert c.ad_ids == ("p1", "p2", "p3")


def test_link_frame_reads_columns():
    df = pd.DataFrame(batch()).rename(columns={"text": "body", "id": "ad", "source": "site"})
    clusters = link_frame(df, text_col="body", id_col="ad", source_col="site", score_col="score", level_col="level")
    assert {frozenset(c.ad_ids) for c in clusters} == {frozenset({"p1", "p2", "p3"}), frozenset({"e1", "e2"}),
                                                       frozenset({"d1", "d2", "d3"})}
    with pytest.raises(InputError):
        link_frame(df, text_col="missing")


def test_larger_batch_without_planted_links_stays_apart():
    ads = [{"id": str(i), "text": prose(1000 + i, 80)} for i in range(300)]
    assert link_records(ads) == []


def test_bad_similarity_is_refused():
    with pytest.raises(ValueError):
        link_records(batch(), similarity=0)


def test_levels_of_other_tools_count_and_scores_decide_without_a_level():
    assert {"low", "high"} <= LOW_LEVELS | HIGH_LEVELS and "critical" in HIGH_LEVELS and "none" in LOW_LEVELS
    ads = [{"id": "a", "text": "call +44 7700 900123", "level": "Critical"},
           {"id": "b", "text": "ring 07700 900123", "level": "clean"},
           {"id": "c", "text": "text 07700900123", "score": 75}]
    (c,) = link_records(ads, region="GB")
    assert c.high_risk == 2 and c.watch == ("b",) and c.max_score == 75
    assert c.identifiers[0].high_risk == 2 and c.identifiers[0].low_risk == 1


def test_max_key_ads_drops_identifiers_shared_too_widely():
    ads = batch()[:3]
    assert link_records(ads, max_key_ads=2) == []
    assert len(link_records(ads, max_key_ads=3)) == 1


def test_a_cluster_counts_the_kinds_of_harm_its_ads_point_to():
    from redflag.render.clusters import summary

    recs = [{"id": "a", "text": "Girls for a club abroad, WhatsApp +44 7700 900123", "score": 80, "level": "high", "harm": "sexual;scam"},
            {"id": "b", "text": "Hostess job in Dubai, WhatsApp +44 7700 900123", "score": 75, "level": "high", "harm": ("sexual",)},
            {"id": "c", "text": "Warehouse job, call +44 7700 900123", "score": 10, "level": "low", "harm": ""}]
    (cluster,) = link_records(recs)
    assert cluster.harms == (("sexual", 2), ("scam", 1)) and cluster.to_dict()["harms"] == {"sexual": 2, "scam": 1}
    assert "signs of sexual exploitation in two and job fraud in one" in summary(cluster)
