"""The link package exports the linking API of link.clusters."""

from __future__ import annotations

import redflag.link as link
from redflag.link import clusters


def test_public_names_are_the_modules_own():
    for name in link.__all__:
        assert getattr(link, name) is getattr(clusters, name)
    assert "gmail.com" in link.COMMON_DOMAINS and "high" in link.HIGH_LEVELS and "low" in link.LOW_LEVELS
