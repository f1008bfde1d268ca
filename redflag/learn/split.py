"""The one stratified, seeded train/held-out split, for training and for fitting fusion weights."""

from __future__ import annotations

from typing import Any

from redflag.errors import InputError


def stratified_split(y: Any, test_size: float, seed: int) -> tuple[Any, Any]:
    """Indices of the training and held-out parts, in the order scikit-learn draws them."""
    import numpy as np
    from sklearn.model_selection import train_test_split

    try:
        return train_test_split(np.arange(len(y)), test_size=test_size, stratify=y, random_state=seed)
    except ValueError as exc:
        raise InputError(f"cannot make a stratified held-out split: {exc}") from None
