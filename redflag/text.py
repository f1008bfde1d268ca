"""Normalise an ad for matching while keeping a map back to the characters the user supplied.

Rules and the model read the normalised text; every span they report is mapped back through
``Normalised.original_span`` so that evidence is always an exact substring of the input.
Handled: HTML tags and entities, Unicode NFKC (full-width letters, ligatures), zero-width and
soft-hyphen characters, Cyrillic/Greek look-alike letters inside Latin words, words spelled out
letter by letter ("W h a t s A p p", "f.e.e") and leetspeak inside words ("p@ssport", "pa$$port").
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# Cyrillic and Greek letters that render like Latin ones; mapped only inside words that also hold Latin letters.
_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "ԛ": "q",
    "ԝ": "w", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "α": "a", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "ν": "v", "ι": "i", "κ": "k", "χ": "x", "ε": "e",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u180e")
_LEET = {"@": "a", "$": "s", "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"}

# One scan finds every place that needs rewriting; the branches are bounded so no input makes it slow.
_SPECIAL = re.compile(
    r"(?P<tag></?[A-Za-z!][^<>]{0,400}>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,15});)"
    r"|(?P<spaced>(?<![A-Za-z0-9])(?:[A-Za-z][.\-_*·]){2,30}[A-Za-z](?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9])(?:[A-Za-z] ){3,30}[A-Za-z](?![A-Za-z0-9]))"
    r"|(?P<leet>(?<![A-Za-z0-9@$.])[A-Za-z@$0-9]{0,12}(?:[A-Za-z][@$013457]|[@$013457][A-Za-z])[A-Za-z@$0-9]{0,20}(?![A-Za-z0-9@$]))"
    r"|(?P<wide>[^\x00-\x7f]+)"
)
_EMAILISH = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.")


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text plus, for each of its characters, the original span it came from."""

    original: str
    text: str
    starts: tuple[int, ...] | None  # None means the text is unchanged (identity map)
    ends: tuple[int, ...] | None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original text that produced it."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        """The exact original substring behind a normalised span."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


def _leet_word(word: str) -> str | None:
    """Decode leetspeak inside a word, or None when the token is not a disguised word."""
    letters = sum(c.isalpha() for c in word)
    if letters < 3 or re.match(r"^[0-9]{2,}|[0-9]{2,}$", word) and not re.search(r"[@$]", word):
        return None
    if "@" in word and re.search(r"@[A-Za-z0-9-]+$", word) and word.index("@") > 0 and letters == len(word) - 1:
        # "name@domain" without a dot could be a handle or address; only decode clear in-word use.
        if not re.fullmatch(r"[A-Za-z]+@[A-Za-z]+", word):
            return None
    decoded = "".join(_LEET.get(c, c) for c in word)
    if decoded == word or not decoded.isalpha():
        return None
    return decoded


def _wide(run: str, before: str, after: str) -> list[str]:
    """NFKC-fold a run of non-ASCII characters, drop invisibles, map look-alikes beside Latin letters."""
    latin_context = before.isascii() and before.isalpha() or after.isascii() and after.isalpha()
    out = []
    for ch in run:
        if ch in _INVISIBLE:
            out.append("")
            continue
        if ch in _LOOKALIKES and (latin_context or len(run) > 1 and all(c in _LOOKALIKES for c in run)):
            out.append(_LOOKALIKES[ch])
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if ch in "\u2018\u2019\u201b\u2032":
            folded = "'"
        elif ch in "\u201c\u201d\u201e\u2033":
            folded = '"'
        elif ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":
            folded = "-"
        elif ch in "\u00a0\u2007\u202f":
            folded = " "
        out.append(folded)
    return out


def normalise(original: str) -> Normalised:
    """Rewrite disguises and markup into plain text, remembering where each character came from."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    changed = False
    pos = 0
    for m in _SPECIAL.finditer(original):
        kind = m.lastgroup
        a, b = m.span()
        token = m.group()
        per_char: list[tuple[str, int, int]] | None = None
        if kind == "tag":
            per_char = [(" ", a, b)]  # a tag separates words even when it is inline

        elif kind == "entity":
            decoded = html.unescape(token)
            if decoded == token:
                continue
            folded = "".join(_wide(decoded, "", "")) if not decoded.isascii() else decoded
            per_char = [(folded, a, b)]
        elif kind == "spaced":
            per_char = [(c, a + i, a + i + 1) for i, c in enumerate(token) if c.isalpha()]
        elif kind == "leet":
            if _EMAILISH.match(original, a):
                continue
            decoded = _leet_word(token)
            if decoded is None:
                continue
            per_char = [(c, a + i, a + i + 1) for i, c in enumerate(decoded)]
        else:
            before = original[a - 1] if a > 0 else ""
            after = original[b] if b < len(original) else ""
            folded = _wide(token, before, after)
            if "".join(folded) == token:
                continue
            per_char = [(f, a + i, a + i + 1) for i, f in enumerate(folded)]
        changed = True
        if a > pos:
            pieces.append(original[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
        for text, s, e in per_char:
            if text:
                pieces.append(text)
                starts.extend([s] * len(text))
                ends.extend([e] * len(text))
        pos = b
    if not changed:
        return Normalised(original, original, None, None)
    if pos < len(original):
        pieces.append(original[pos:])
        starts.extend(range(pos, len(original)))
        ends.extend(range(pos + 1, len(original) + 1))
    return Normalised(original, "".join(pieces), tuple(starts), tuple(ends))
