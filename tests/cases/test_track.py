"""Track: one identifier's timeline across sites, and the identifiers it travels with."""

from __future__ import annotations

import pytest

from redflag.cases import StoreError, track
from redflag.cases.track import classify


def test_a_number_is_tracked_across_sites_in_time_order(filled):
    _, store = filled
    found = track(store, "07700 900123")
    assert found["kind"] == "phone" and found["ads"] == 2 and found["sightings"] == 3
    assert [p["source"] for p in found["platforms"]] == ["site-a", "site-b"]
    times = [t["seen_at"] for t in found["timeline"]]
    assert times == sorted(times) and found["first_seen"].startswith("2026-10-01")
    assert found["last_seen"].startswith("2026-11-03")
    assert found["levels"].get("high", 0) >= 1


def test_co_occurring_identifiers_hop_by_hop(filled):
    _, store = filled
    one = {(c["kind"], c["value"]) for c in track(store, "+447700900123", hops=1)["co_occurring"]}
    assert ("handle", "telegram:anna_jobs") in one
    two = track(store, "+447700900123", hops=2)
    assert {c["hop"] for c in two["co_occurring"]} <= {1, 2}
    assert one <= {(c["kind"], c["value"]) for c in two["co_occurring"]}
    assert track(store, "+447700900123", hops=0)["co_occurring"] == []


def test_a_template_is_tracked(filled):
    from redflag.cases import make_filters, search

    _, store = filled
    first = search(store, make_filters(words="Dubai hostess"))[0]
    found = track(store, f"template:{first['id']}")
    assert found["kind"] == "template" and found["ads"] >= 1


def test_an_unknown_identifier_is_not_found_and_a_bad_one_is_an_error(filled):
    _, store = filled
    assert track(store, "+33 6 12 34 56 78")["found"] is False
    with pytest.raises(StoreError):
        track(store, "template:999999")
    with pytest.raises(StoreError, match="--hops"):
        track(store, "@anna_jobs", hops=9)


@pytest.mark.parametrize("typed, kind", [("+44 7700 900123", "phone"), ("jobs@example.org", "email"), ("@anna", "handle"),
                                         ("t.me/anna", "handle"), ("vip-hostess.biz", "domain"), ("template:12", "template")])
def test_identifiers_are_recognised_by_their_shape(typed, kind):
    assert classify(typed)[0] == kind
