"""Messaging services in every language: the handle or number after a name, or the name alone."""

from __future__ import annotations

import pytest

from redflag.entities import extract
from redflag.entities.base import MESSAGING_KINDS


def _contacts(text: str, region: str | None = None) -> list[tuple[str, str, str]]:
    got = [e for e in extract(text, region) if e.kind not in ("money", "age", "gender", "nationality")]
    for e in got:
        assert text[e.start:e.end] == e.text, e
    return [(e.kind, e.value, e.text) for e in got]


@pytest.mark.parametrize("text,want", [
    ("Ganhe R$ 200 por dia, chama no zap", [("messenger", "whatsapp", "zap")]),
    ("manda no wpp (11) 91234-5678", [("whatsapp", "+5511912345678", "(11) 91234-5678")]),
    ("liên hệ Zalo 0912345678", [("zalo", "+84912345678", "0912345678")]),
    ("liên hệ zalo", [("messenger", "zalo", "zalo")]),
    ("пишите в Телеграм @rabota_eu", [("telegram", "rabota_eu", "@rabota_eu")]),
    ("пишите в телегу", [("messenger", "telegram", "телегу")]),
    ("тг @rabota_eu", [("telegram", "rabota_eu", "@rabota_eu")]),
    ("ватсап +380 67 123 4567", [("whatsapp", "+380671234567", "+380 67 123 4567")]),
    ("вотсап 067 123 4567", [("whatsapp", "+380671234567", "067 123 4567")]),
    ("вайбер 067 123 4567", [("viber", "+380671234567", "067 123 4567")]),
    ("hubungi WA 081234567890", [("whatsapp", "+6281234567890", "081234567890")]),
    ("message sa Viber", [("messenger", "viber", "Viber")]),
    ("pm mo ako sa messenger", [("messenger", "facebook", "messenger")]),
    ("LINE ID: sweet_job", [("line", "sweet_job", "sweet_job")]),
    ("add me on LINE @jobs88", [("line", "jobs88", "@jobs88")]),
    ("contact on Signal", [("messenger", "signal", "Signal")]),
    ("m.me/jobs.agency", [("facebook", "jobs.agency", "m.me/jobs.agency")]),
])
def test_messengers_in_each_corridor(text, want):
    assert _contacts(text) == want


@pytest.mark.parametrize("text", ["Seattle, WA 98101", "Bottom line: good pay", "bike messenger wanted",
                                  "zap the bugs", "a line of text", "Manage our Instagram account"])
def test_weak_names_in_prose_are_not_messengers(text):
    assert _contacts(text) == []


def test_new_services_are_identifiers_that_redaction_hides():
    from redflag.entities import REDACTED_KINDS

    assert {"zalo", "line", "imo"} <= MESSAGING_KINDS <= REDACTED_KINDS
    assert "messenger" not in REDACTED_KINDS  # a service's name identifies no one


def test_kinds_limit_the_search_without_changing_mentions():
    text = "chama no zap ou Telegram: @x_01, liên hệ Zalo 0912345678, message sa Viber"
    every = extract(text)
    for kind in ("messenger", "telegram", "zalo"):
        assert extract(text, kinds=[kind]) == tuple(e for e in every if e.kind == kind)
