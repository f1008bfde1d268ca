"""The risk levels, lowest first: the only definition of their names and order.

Where each level starts on the 0-100 score is a property of the fusion weights in use
(``FusionWeights.medium`` and ``.high``), since learned weights may move the bands.
"""

from __future__ import annotations

LEVELS: tuple[str, ...] = ("low", "medium", "high")
RANK: dict[str, int] = {level: i for i, level in enumerate(LEVELS)}


def at_least(level: str, floor: str) -> bool:
    """Whether ``level`` is ``floor`` or above."""
    return RANK[level] >= RANK[floor]
