"""The stratified split shared by training and weight fitting."""

import numpy as np
import pytest

from redflag.errors import InputError
from redflag.learn.split import stratified_split


def test_split_is_stratified_seeded_and_complete():
    y = np.array([0] * 70 + [1] * 30)
    train, test = stratified_split(y, 0.2, seed=3)
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(100))
    assert len(test) == 20 and int(y[test].sum()) == 6  # the classes keep their shares
    again = stratified_split(y, 0.2, seed=3)
    assert train.tolist() == again[0].tolist() and test.tolist() == again[1].tolist()
    assert stratified_split(y, 0.2, seed=4)[1].tolist() != test.tolist()


def test_a_class_too_small_to_split_is_a_clear_error():
    with pytest.raises(InputError, match="stratified held-out split"):
        stratified_split(np.array([0] * 9 + [1]), 0.2, seed=0)
