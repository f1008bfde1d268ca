"""Search: every filter alone and together, identifiers normalised as at ingest, bad values refused."""

from __future__ import annotations

import pytest

from redflag.cases import StoreError, count, make_filters, search


def _texts(store, **filters) -> list[str]:
    return [r["snippet"] for r in search(store, make_filters(**filters))]


@pytest.mark.parametrize("typed", ["+44 7700 900123", "07700900123", "0044 7700-900-123", "(07700) 900 123"])
def test_a_phone_number_is_found_however_it_is_written(filled, typed):
    from redflag.cases import ad

    _, store = filled
    found = [ad(store, r["id"])["text"] for r in search(store, make_filters(phone=typed))]
    assert len(found) == 2 and all("7700" in t for t in found)  # the hostess ad (both sites) and the task scam


def test_a_handle_email_and_domain_are_found(filled):
    _, store = filled
    assert len(_texts(store, handle="@Anna_Jobs")) == 2  # English and Russian ads
    assert len(_texts(store, handle="https://t.me/anna_jobs")) == 2
    assert _texts(store, email="Careers@Northfield-Farms.co.uk")[0].startswith("Warehouse")
    assert _texts(store, domain="northfield-farms.co.uk")[0].startswith("Warehouse")


def test_targeting_filters(filled):
    _, store = filled
    under_21 = _texts(store, age_below=21)
    assert len(under_21) == 2 and all("18-2" in t for t in under_21)  # 18-21 and 18-25 both name someone under 21
    assert _texts(store, age_below=18) == []
    assert len(_texts(store, nationality="ukraine")) == 1
    women = _texts(store, gender="women")
    assert women[0].startswith("UKRAINIAN GIRLS") and any(t.startswith("Ищем девушек") for t in women)  # every language
    assert len(_texts(store, level="high", gender="female", age_below=21)) == len([t for t in women if "18-2" in t])


def test_level_score_type_rule_and_language(filled):
    _, store = filled
    rows = search(store, make_filters(level="high"))
    assert rows and all(r["level"] == "high" for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert all(r["score"] <= 10 for r in search(store, make_filters(max_score=10)))
    assert _texts(store, harm="labour", rules="DOC")[0].startswith("Construction")
    assert all("DOC001" in r["flags"] for r in search(store, make_filters(rules="DOC001")))
    assert [r["lang"] for r in search(store, make_filters(lang="ru"))] == ["ru"]


def test_source_and_dates(filled):
    _, store = filled
    assert len(_texts(store, source="site-a")) == 3
    assert len(_texts(store, source="SITE-B", since="2026-11-04")) == 2
    assert len(_texts(store, until="2026-10-05")) == 2
    assert _texts(store, since="2027-01-01") == []


def test_full_text_in_any_script(filled):
    _, store = filled
    assert len(_texts(store, words="hostess Dubai")) == 1
    assert _texts(store, words="HOSTESS dubai") == _texts(store, words="hostess Dubai")
    assert _texts(store, words="хостес")[0].startswith("Ищем")
    assert _texts(store, words="hostess nowhere-to-be-found") == []


def test_verdicts_sort_and_limit(filled):
    from redflag.cases import review

    _, store = filled
    top = search(store, make_filters(limit=1))
    assert len(top) == 1
    review(store, top[0]["id"], "confirmed", "seen before", "analyst")
    assert [r["id"] for r in search(store, make_filters(verdict="confirmed"))] == [top[0]["id"]]
    assert count(store, make_filters(verdict="unreviewed")) == 4
    by_sightings = search(store, make_filters(sort="sightings"))
    assert by_sightings[0]["sightings"] == 2 and sorted(by_sightings[0]["sources"]) == ["site-a", "site-b"]


@pytest.mark.parametrize("bad, message", [
    ({"level": "extreme"}, "--level"), ({"min_score": 120}, "between 0 and 100"), ({"since": "last tuesday"}, "not a date"),
    ({"phone": "12"}, "not a phone number"), ({"email": "nobody"}, "not an e-mail"), ({"verdict": "guilty"}, "--verdict"),
    ({"rules": "FEE-001;DROP"}, "not a rule code"), ({"age_below": 500}, "not an age"), ({"harm": "other"}, "--type"),
    ({"min_score": 80, "max_score": 20}, "above"), ({"limit": 0}, "--limit"), ({"domain": "not a domain"}, "not a domain"),
])
def test_malformed_filters_are_one_line_errors(bad, message):
    with pytest.raises(StoreError, match=message) as info:
        make_filters(**bad)
    assert "\n" not in str(info.value)


def test_hostile_words_are_only_words(filled):
    _, store = filled
    for words in ['"; DROP TABLE ads; --', "NEAR(a b)", "hostess OR *", "' OR 1=1 --"]:
        search(store, make_filters(words=words))
    assert count(store, make_filters()) == 5
