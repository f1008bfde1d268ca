"""The package's public names: what the pipeline, link and the CLI import from redflag.entities."""

from __future__ import annotations

import redflag.entities as entities
from redflag.entities import base, domains, redaction


def test_public_names_come_from_their_modules():
    assert entities.extract is base.extract and entities.Entity is base.Entity
    assert entities.registered_domain is domains.registered_domain
    assert entities.link_key is redaction.link_key and entities.redaction_token is redaction.redaction_token
    assert entities.DEFAULT_SALT == "redflag-v1"
    assert entities.IDENTIFIER_KINDS == entities.REDACTED_KINDS | {"url"}
    assert set(entities.__all__) <= set(dir(entities))


def test_docstring_says_how_to_add_a_kind():
    assert "A new kind" in entities.__doc__ and "base.extractors()" in entities.__doc__
