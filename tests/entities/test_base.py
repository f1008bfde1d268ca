"""The registry and extract(): order, kind filtering, claimed spans, speed on adversarial input."""

from __future__ import annotations

import time

import pytest

from redflag.entities import KINDS, extract
from redflag.entities.base import MESSAGING_KINDS, Context, Entity, Extractor, Spans, all_kinds, extractors


@pytest.mark.parametrize("text", [
    "1 " * 50000, "a@" * 50000, "£1 " * 30000, "one " * 30000, "telegram: @x" * 8000, "girls " * 20000,
    "x at y." * 20000, "+" * 100000, "1" * 100000, "18-" * 30000, "www." * 30000, "[at] " * 20000,
])
def test_adversarial_input_finishes_fast(text):
    t0 = time.perf_counter()
    extract(text, "GB")
    assert time.perf_counter() - t0 < 5.0


def test_empty_and_plain_text():
    assert extract("") == ()
    assert extract("A friendly team looking for a cook.") == ()


def test_entities_are_sorted_by_position():
    text = "girls 18-25, £450 per week, call +44 7700 900123, see www.foo.com"
    got = extract(text, "GB")
    assert [e.start for e in got] == sorted(e.start for e in got)
    assert [e.kind for e in got] == ["gender", "age", "money", "phone", "url"]


def test_kinds_limit_the_search_without_changing_what_is_found():
    text = "Telegram: @sweet_jobs, mail jane@mail.com, call 07700 900123, girls 18-25"
    every = extract(text, "GB")
    for kind in KINDS:
        assert extract(text, "GB", kinds=[kind]) == tuple(e for e in every if e.kind == kind)
    assert extract(text, "GB", kinds=[]) == ()


def test_registry_reports_every_kind_once():
    assert KINDS == all_kinds()
    assert len(KINDS) == len(set(KINDS)) == 18
    assert MESSAGING_KINDS <= set(KINDS)
    assert all(isinstance(x, Extractor) for x in extractors())


def test_extractor_runs_for_its_kinds_or_the_kinds_it_serves():
    plain = Extractor(kinds=("age",), find=lambda text, context: [])
    assert plain.wanted(frozenset({"age", "money"})) and not plain.wanted(frozenset({"money"}))
    serving = Extractor(kinds=("email",), find=lambda text, context: [], needed_for=frozenset({"url"}))
    assert serving.wanted(frozenset({"url"})) and not serving.wanted(frozenset({"email"}))


def test_spans_report_overlaps_only():
    spans = Spans()
    spans.add(10, 20)
    spans.add(30, 40)
    assert spans.overlaps(15, 16) and spans.overlaps(5, 11) and spans.overlaps(39, 50)
    assert not spans.overlaps(20, 30) and not spans.overlaps(0, 10) and not spans.overlaps(40, 41)


def test_context_starts_with_nothing_claimed():
    context = Context.of("Call ME", "GB")
    assert context.low == "call me" and context.words == frozenset({b"call", b"me"})
    assert context.region == "GB" and not context.taken.overlaps(0, 7)


def test_entity_dict_has_domain_only_when_known():
    e = Entity(kind="age", value="21", text="21", start=0, end=2)
    assert e.to_dict() == {"kind": "age", "value": "21", "text": "21", "start": 0, "end": 2}
    assert Entity(kind="url", value="a.com", text="a.com", start=0, end=5, domain="a.com").to_dict()["domain"] == "a.com"


def test_spans_answer_for_overlapping_claims_and_single_characters():
    from redflag.entities.base import Spans

    spans = Spans()
    spans.add(10, 20)
    spans.add(5, 30)  # overlapping claims are allowed and both count
    assert spans.overlaps(29, 40) and spans.overlaps(0, 6) and not spans.overlaps(30, 40) and not spans.overlaps(0, 5)
    assert spans.covers(5) and spans.covers(29) and not spans.covers(30) and not spans.covers(10_000)


def test_each_extractor_reports_at_most_max_found_entities():
    from redflag.entities.base import MAX_FOUND

    found = extract("$1 " * (MAX_FOUND + 500), kinds=["money"])
    assert len(found) == MAX_FOUND and found[-1].start < 3 * MAX_FOUND
