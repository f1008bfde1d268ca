"""Money: amount, currency and period; weights in pounds are not money."""

from __future__ import annotations

import pytest

from redflag.entities import money
from redflag.entities.base import Context


@pytest.mark.parametrize("text,value", [
    ("Earn £450 per week", "450 GBP/week"),
    ("a 300 EUR fee", "300 EUR"),
    ("$25/hr", "25 USD/hour"),
    ("1.500 € monthly", "1500 EUR/month"),
    ("£400-£500 pw", "400-500 GBP/week"),
    ("salary 30k GBP", "30000 GBP"),
    ("pay 2,500.50 USD a month", "2500.50 USD/month"),
])
def test_money(text, value, values):
    assert values(text, "money") == [value]


def test_weights_are_not_money(values):
    assert values("must lift up to 50 pounds", "money") == []


def test_currency_names_and_prefixed_dollars(values):
    assert values("earn 900 pounds weekly", "money") == ["900 GBP/week"]
    assert values("NZ$30 per hour", "money") == ["30 NZD/hour"]


def test_find_without_a_currency_finds_nothing():
    text = "450 per week"
    assert money.find(text, Context.of(text)) == []
