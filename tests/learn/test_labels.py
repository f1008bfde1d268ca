"""Labels of every kind map to 0/1 with a named positive class; ambiguous or broken labels are refused."""

from __future__ import annotations

import pandas as pd
import pytest

from redflag.errors import InputError
from redflag.learn.labels import encode_labels


@pytest.mark.parametrize(
    "labels, positive, expected, n_positive",
    [
        ([0, 1] * 10, None, "1", 10),
        ([True, False] * 10, None, "true", 10),
        (["yes", "no"] * 10, None, "yes", 10),
        (["fraud", "legit"] * 10, "fraud", "fraud", 10),
        ([1.0, 0.0] * 10, None, "1", 10),
        (["a", "b", "c", "c"] * 5, "a", "a", 5),
    ],
)
def test_label_kinds(labels, positive, expected, n_positive):
    y, pos, _ = encode_labels(pd.Series(labels), "y", positive)
    assert pos == expected
    assert sum(y) == n_positive and set(y) == {0, 1}


def test_named_classes_need_positive():
    with pytest.raises(InputError, match="choose one with --positive"):
        encode_labels(pd.Series(["fraud", "legit"] * 5), "y")
    with pytest.raises(InputError, match="--positive 'scam' is not a class"):
        encode_labels(pd.Series(["fraud", "legit"] * 5), "y", positive="scam")


def test_empty_and_single_class_labels_are_refused():
    with pytest.raises(InputError, match="1 empty value"):
        encode_labels(pd.Series([0, 1, None, 1]), "y")
    with pytest.raises(InputError, match="single class"):
        encode_labels(pd.Series(["1", "1"]), "y")


def test_more_than_two_classes_are_one_against_the_rest():
    y, pos, neg = encode_labels(pd.Series(["scam", "ok", "spam", "ok"]), "y", positive="scam")
    assert y == [1, 0, 0, 0] and pos == "scam" and neg == "rest"


def test_text_and_typed_labels_read_alike():
    assert encode_labels(pd.Series(["0", "1", " 1 "]), "y") == encode_labels(pd.Series([0.0, 1.0, 1]), "y")
