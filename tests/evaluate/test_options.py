"""EvalOptions: the defaults the command relies on, and options that cannot change under a measurement."""

import dataclasses

import pytest

from redflag.evaluate.options import SORTS, EvalOptions


def test_defaults():
    o = EvalOptions()
    assert (o.label_col, o.text_cols, o.threshold, o.prevalence) == (None, None, None, None)
    assert (o.model_threshold, o.bootstrap, o.seed, o.sort) == (0.5, 1000, 0, "lift")
    assert o.sort in SORTS and SORTS == ("lift", "false-alarms", "hits", "id")


def test_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        EvalOptions().seed = 3
