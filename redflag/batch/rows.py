"""Row validation shared by every batch command: which table cells can be checked as one ad."""

from __future__ import annotations

import re

MAX_AD_CHARS = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


def bad_text(text: str) -> str | None:
    """Why a row's text cannot be an ad, or None when it can."""
    if not text.strip():
        return "empty text"
    if len(text) > MAX_AD_CHARS:
        return f"text longer than {MAX_AD_CHARS:,} characters; not one ad"
    if _CONTROL.search(text) is not None:
        if "\x00" in text:
            return "binary-looking text (NUL bytes)"
        if len(_CONTROL.findall(text)) * 10 >= len(text) * 3:
            return "binary-looking text (mostly control characters)"
    return None
