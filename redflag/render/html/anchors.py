"""Fragment ids for ads: stable, valid in HTML whatever the ad id holds, and distinct for distinct ids."""

from __future__ import annotations

import string

_SAFE = frozenset(string.ascii_letters + string.digits + "-")


def ad_anchor(ad_id: str) -> str:
    """``ad-<id>``; characters that an id attribute or a URL fragment would mangle become ``_xx`` (UTF-8 hex)."""
    out = []
    for ch in ad_id:
        if ch in _SAFE:
            out.append(ch)
        else:
            out.extend(f"_{b:02x}" for b in ch.encode("utf-8"))
    return "ad-" + "".join(out)
