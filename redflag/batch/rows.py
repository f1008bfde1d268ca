"""Row validation shared by every batch command: which table cells can be checked as one ad."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from redflag.text.gaps import has_words

MAX_AD_CHARS = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


@dataclass(frozen=True)
class RowError:
    """A row that was reported and skipped: its 0-based row number, its id and why."""

    row: int
    id: Any
    reason: str

    def to_dict(self) -> dict:
        """The row as the errors file and the summary JSON list it."""
        return {"row": self.row, "id": self.id, "reason": self.reason}


def bad_text(text: str) -> str | None:
    """Why a row's text cannot be an ad, or None when it can."""
    if not text.strip():
        return "empty text"
    if len(text) > MAX_AD_CHARS:
        return f"text longer than {MAX_AD_CHARS:,} characters; not one ad"
    if not has_words(text):
        return "no letters or digits once markup and invisible characters are removed"
    if _CONTROL.search(text) is not None:
        if "\x00" in text:
            return "binary-looking text (NUL bytes)"
        if len(_CONTROL.findall(text)) * 10 >= len(text) * 3:
            return "binary-looking text (mostly control characters)"
    return None
