"""Words broken up to slip past filters ("pass port", "whats-app", "fe e", "pa\\u200bss\\u200bport"):
found as the letters of a disguised word with separators between them, standing as a whole word."""

from __future__ import annotations

import re

from redflag.text.lookalikes import DISGUISED

# what may stand between the letters of a broken-up word: one blank, hyphen, dot, underscore,
# star, middle dot or invisible
SEPARATORS = " \\-_.*·\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SEP = f"[{SEPARATORS}]"
_VISIBLE_SEP = "[\\-_.*·]"
VOCABULARY = frozenset(DISGUISED)


def _spelled(word: str) -> str:
    return f"{_SEP}?".join(re.escape(c) for c in word)


# longest words first, so "fees" is preferred to "fee"; a word must not go on with more letters,
# nor with "-x" or ".x" (then it is part of a longer broken-up word such as "fe e-learning")
SPLIT = re.compile(
    rf"(?<![A-Za-z])(?<![A-Za-z]{_VISIBLE_SEP})"
    rf"(?:{'|'.join(_spelled(w) for w in sorted(VOCABULARY, key=len, reverse=True))})"
    rf"(?![A-Za-z])(?!{_VISIBLE_SEP}[A-Za-z])",
    re.IGNORECASE,
)


def joined(token: str, start: int) -> list[tuple[str, int, int]] | None:
    """The letters of a broken-up word found at ``start``, each mapped to itself; None if it was whole."""
    if token.isalpha():  # most matches are the word written whole: nothing to rejoin
        return None
    pieces = [(c, start + i, start + i + 1) for i, c in enumerate(token) if c.isalpha()]
    return pieces if len(pieces) < len(token) else None
