"""Levels: one order, ranks that follow it, default bands the fusion weights start from."""

import pytest

from redflag.levels import HIGH_FROM, LEVELS, MEDIUM_FROM, RANK, at_least, level_of


def test_order_and_ranks():
    assert LEVELS == ("low", "medium", "high")
    assert [RANK[level] for level in LEVELS] == [0, 1, 2]


def test_at_least():
    assert at_least("high", "medium") and at_least("medium", "medium")
    assert not at_least("low", "medium")
    with pytest.raises(KeyError):
        at_least("severe", "low")


def test_level_of_uses_the_bands():
    assert MEDIUM_FROM < HIGH_FROM
    assert level_of(MEDIUM_FROM - 0.01) == "low" and level_of(MEDIUM_FROM) == "medium" and level_of(HIGH_FROM) == "high"
    assert level_of(50, medium=10, high=40) == "high"
