"""Helpers every entity test uses: extract, check each span against the text, keep one kind."""

from __future__ import annotations

from typing import Callable

import pytest

from redflag.entities import Entity, extract


def _found(text: str, kind: str, region: str | None = "GB") -> list[Entity]:
    ents = extract(text, region)
    for e in ents:
        assert text[e.start:e.end] == e.text, e
    return [e for e in ents if e.kind == kind]


@pytest.fixture
def found() -> Callable[..., list[Entity]]:
    """The entities of one kind in a text, after checking every span is exact."""
    return _found


@pytest.fixture
def values() -> Callable[..., list[str]]:
    """The values of the entities of one kind in a text."""
    return lambda text, kind, region="GB": [e.value for e in _found(text, kind, region)]
