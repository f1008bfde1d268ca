"""Handles named with their messenger; words after a service's name in prose are not handles."""

from __future__ import annotations

from redflag.entities import extract, handles
from redflag.entities.base import Context


def test_messaging_handles_and_links():
    text = ("Telegram: @sweet_jobs or t.me/NightJobs. WeChat ID: abc_123. Viber +380501234567. "
            "instagram.com/Model.Agency, facebook.com/profile.php?id=1234, Signal: @anna.01")
    got = {(e.kind, e.value) for e in extract(text, "GB")}
    assert {("telegram", "sweet_jobs"), ("telegram", "nightjobs"), ("wechat", "abc_123"),
            ("viber", "+380501234567"), ("instagram", "model.agency"), ("facebook", "id:1234"),
            ("signal", "anna.01")} <= got


def test_social_words_are_not_handles():
    assert [e for e in extract("Manage our Instagram account and Facebook page marketing") if e.kind != "gender"] == []


def test_find_reads_the_handle_after_the_service_name():
    text = "insta: @model_01"
    got = handles.find(text, Context.of(text))
    assert [(e.kind, e.value, e.text) for e in got] == [("instagram", "model_01", "@model_01")]


def test_handles_never_report_whatsapp():
    assert "whatsapp" not in handles.HANDLES.kinds
    assert handles.HANDLES.wanted(frozenset({"telegram"}))
