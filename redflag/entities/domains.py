"""Which words end a host name, and which part of a host a person registers, offline.

E-mail addresses and links are linked by their registered domain (``jobs.example.co.uk`` and
``www.example.co.uk`` are one site), and bare host names are recognised by their TLD.
"""

from __future__ import annotations

import re

from redflag.entities.data import word_list

__all__ = ["TLDS", "WORDY_TLDS", "MULTI_SUFFIXES", "registered_domain"]

TLDS = frozenset(word_list("tlds"))
# TLDs that are also English words: joined sentences ("taken.Work") look like domains
WORDY_TLDS = frozenset(word_list("wordy_tlds"))
# suffixes under which registrations happen at the third level
MULTI_SUFFIXES = frozenset(word_list("multi_suffixes"))


def registered_domain(host: str) -> str:
    """The domain a person registers (``jobs.example.co.uk`` -> ``example.co.uk``), offline."""
    host = host.strip(".").lower()
    if host.startswith("www.") or re.match(r"www\d\.", host):
        host = host.split(".", 1)[1]
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    n = 3 if ".".join(labels[-2:]) in MULTI_SUFFIXES else 2
    return ".".join(labels[-n:])
