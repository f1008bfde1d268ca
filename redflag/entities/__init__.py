"""Contact identifiers and targeting cues in ad text, with offsets into the original string.

Investigators link ads through the phones, handles, e-mails and sites they share, and read who
an ad targets from its ages, nationalities and genders; this package finds all of them, undoing
the usual obfuscations while keeping every span on the text the user gave.

Layout: ``base`` (Entity, the Extractor interface, the registry and ``extract``), ``folding``
(the same-length folded copy every extractor reads), one module per kind (``phones``,
``emails``, ``urls``, ``handles``, ``messengers``, ``money``, ``ages``, ``targeting``), ``domains`` (TLDs and
registered domains), ``redaction`` (stand-in tokens, link keys, redacting text and results) and
``data/`` (the word lists, one file each with its source, read by ``data``).

A new kind is one module that defines ``find(text, context) -> list[Entity]`` and an
``Extractor(kinds=(...), find=find)``, plus its line in ``base.extractors()``; its word lists
go in ``data/`` and are read with ``data.word_list`` or ``data.table``.
"""

from __future__ import annotations

from redflag.entities.base import MESSAGING_KINDS, Context, Entity, Extractor, all_kinds, extract
from redflag.entities.domains import registered_domain
from redflag.entities.redaction import (
    DEFAULT_SALT,
    IDENTIFIER_KINDS,
    REDACTED_KINDS,
    link_key,
    redact,
    redact_entity,
    redaction_token,
)

__all__ = [
    "Entity",
    "Extractor",
    "Context",
    "KINDS",
    "MESSAGING_KINDS",
    "IDENTIFIER_KINDS",
    "REDACTED_KINDS",
    "DEFAULT_SALT",
    "extract",
    "redact",
    "redact_entity",
    "redaction_token",
    "registered_domain",
    "link_key",
]

KINDS = all_kinds()
