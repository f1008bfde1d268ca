"""Phones: every spelling of a number gives one E.164 value; reference numbers and dates are not phones."""

from __future__ import annotations

import pytest

from redflag.entities import phones
from redflag.entities import extract
from redflag.entities.base import Context


@pytest.mark.parametrize("text", [
    "Call 07700 900123 today",
    "Call +44 7700 900123 today",
    "Call 0 7 7 0 0 9 0 0 1 2 3 today",
    "Tel: 077.009.001.23",
    "phone 0044 7700 900123",
    "ring +44 seven 7 00 9 00 123 now",
    "Mob: 07700-900-123",
])
def test_phone_spellings_normalise_to_one_e164(text, values):
    assert values(text, "phone") == ["+447700900123"]


def test_phone_without_region_needs_international_prefix_or_cue(values):
    assert values("+1 (212) 555-0199 or 0207 946 0958", "phone", None) == ["+12125550199"]
    assert values("call 07911 123456", "phone", None) == ["+447911123456"]


@pytest.mark.parametrize("text", [
    "Order #123456789 shipped",
    "Start date 12.03.2024, interview 2024-03-12",
    "Founded in 1998, 2019-2023 growth",
    "Salary 45,000 - 55,000 per year",
    "Office at SW1A 1AA, London",
    "Ref: 20230415",
    "Job ID 77009001234",
    "Invoice no. 0770090012",
    "£1 500 000 budget",
])
def test_not_phones(text, found):
    assert found(text, "phone") == []


def test_whatsapp_numbers_and_links(values):
    text = "WhatsApp +44 7700 900123, w.h.a.t.s.a.p.p 07911 123456, WA: 07911123457, wa.me/447700900124"
    assert values(text, "whatsapp") == ["+447700900123", "+447911123456", "+447911123457", "+447700900124"]
    assert values("call 07911 123456 (WhatsApp only)", "whatsapp") == ["+447911123456"]
    assert values("Seattle, WA 98101", "whatsapp") == []


def test_zero_width_split_number(values, found):
    text = "call 07700\u200b900\u200b123"
    assert values(text, "phone") == ["+447700900123"]
    assert found(text, "phone")[0].text == "07700\u200b900\u200b123"


def test_messenger_named_after_the_number(values):
    assert values("07911 123456 on Viber", "viber") == ["+447911123456"]
    assert values("Signal: +44 7911 123456", "signal") == ["+447911123456"]


def test_find_claims_its_spans_and_skips_claimed_ones():
    text = "call 07700 900123"
    context = Context.of(text, "GB")
    got = phones.find(text, context)
    assert [(e.kind, e.value, e.start, e.end) for e in got] == [("phone", "+447700900123", 5, 17)]
    assert context.taken.overlaps(5, 17)
    again = Context.of(text, "GB")
    again.taken.add(5, 17)
    assert phones.find(text, again) == []


def test_number_words_come_from_the_data_file():
    assert phones._NUM_WORDS["zero"] == "0" and phones._NUM_WORDS["nine"] == "9"
    assert len(phones._NUM_WORDS) == 10


def test_a_number_cut_from_a_longer_run_ends_where_its_digits_end():
    text = "WhatsApp +44 7700 900123 2024 thanks, see you"
    (phone,) = extract(text, kinds=["whatsapp"])
    assert phone.text == "+44 7700 900123" == text[phone.start:phone.end] and phone.value == "+447700900123"


@pytest.mark.parametrize("text,value", [
    ("liên hệ sđt 0912 345 678", "+84912345678"),
    ("hubungi 0812-3456-7890", "+6281234567890"),
    ("hubungi +62 812 3456 7890", "+6281234567890"),
    ("tawag sa 0917 123 4567", "+639171234567"),
    ("tumawag +63 917 123 4567", "+639171234567"),
    ("ligue (11) 91234-5678", "+5511912345678"),
    ("звоните 8 (912) 345-67-89", "+79123456789"),
    ("телефонуйте 067 123 4567", "+380671234567"),
    ("тел. +380 67 123 4567", "+380671234567"),
])
def test_local_formats_without_a_region(text, value, found):
    assert [e.value for e in found(text, "phone", None)] == [value]
