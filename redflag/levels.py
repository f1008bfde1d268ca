"""The risk levels, lowest first: the only definition of their names, order and default bands.

Where each level starts on the 0-100 score is a property of the fusion weights in use
(``FusionWeights.medium`` and ``.high``), since learned weights may move the bands; the
defaults below apply when a weights file does not say.
"""

from __future__ import annotations

LEVELS: tuple[str, ...] = ("low", "medium", "high")
RANK: dict[str, int] = {level: i for i, level in enumerate(LEVELS)}
MEDIUM_FROM = 30.0  # default score at which an ad is `medium`
HIGH_FROM = 60.0  # default score at which an ad is `high`


def at_least(level: str, floor: str) -> bool:
    """Whether ``level`` is ``floor`` or above."""
    return RANK[level] >= RANK[floor]


def level_of(score: float, medium: float = MEDIUM_FROM, high: float = HIGH_FROM) -> str:
    """The level band a 0-100 score falls in, given where `medium` and `high` start."""
    low_name, medium_name, high_name = LEVELS
    if score >= high:
        return high_name
    if score >= medium:
        return medium_name
    return low_name
