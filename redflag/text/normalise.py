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
import string
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from redflag.text.lookalikes import INVISIBLE, LEET, LOOKALIKES, PUNCTUATION

__all__ = ["LOOKALIKES", "Normalised", "normalise"]

# One pattern per kind of rewrite, each starting on a rare character so that re skips plain text
# quickly; every repetition is bounded, so no input can make matching slow.
_TAG = re.compile(r"<[/A-Za-z!][^<>]{0,400}>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,15});")
# a leet sign touching a letter (the signs are those of the LEET table)
_LEET_PAIR = re.compile("[" + "".join(map(re.escape, LEET)) + r"](?:(?<=[A-Za-z].)|(?=[A-Za-z]))")
# Letters spelled out one by one: the match starts at the first separator, one after the first letter.
_SPACED = re.compile(
    r"(?:[.\-_*·](?<=[A-Za-z].)(?<![A-Za-z0-9][A-Za-z].)(?:[A-Za-z][.\-_*·]){1,29}[A-Za-z]"
    r"| (?<=[A-Za-z] )(?<![A-Za-z0-9][A-Za-z] )(?:[A-Za-z] ){2,29}[A-Za-z])(?![A-Za-z0-9])"
)
# _SPACED needs at least "L.L.L" or "L L L L" (L a letter, . any of its separators); in a copy where
# every letter is "a" and every separator "." (non-ASCII becomes "?", hence "." too), a plain substring
# test rules most ads out before the regex, which would otherwise stop at every space.
_SPACED_SHAPE = bytes(
    ord("a") if chr(b).isascii() and chr(b).isalpha() else ord(" ") if b == ord(" ") else ord(".") if chr(b) in ".-_*?" else ord("#")
    for b in range(256)
)
_MAX_WORD = 32  # longer runs of letters and digits are codes or hashes, not disguised words
_TOKEN_CHARS = frozenset(string.ascii_letters + string.digits) | frozenset(LEET)  # what a disguised word is made of
# the ASCII copy with every character that cannot belong to a disguised word turned into a space
_TOKEN_SHAPE = bytes(b if chr(b) in _TOKEN_CHARS else ord(" ") for b in range(256))
_EMAILISH = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.")


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text plus a piecewise map from its characters back to the original.

    ``segments`` holds, in order of normalised position, ``(norm_start, orig_start, orig_end)``:
    a copied run has ``orig_end == -1`` and maps one to one; a rewritten piece maps every one of
    its characters to the whole original span it replaced. No segments means the text is unchanged.
    """

    original: str
    text: str
    segments: tuple[tuple[int, int, int], ...] = ()
    _keys: tuple[int, ...] = ()

    def _locate(self, pos: int, end_side: bool) -> int:
        seg = self.segments[bisect_right(self._keys, pos) - 1]
        if seg[2] == -1:
            return seg[1] + (pos - seg[0]) + (1 if end_side else 0)
        return seg[2] if end_side else seg[1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original text that produced it."""
        if not self.segments:
            return start, end
        if end <= start:
            pos = self._locate(start, False) if start < len(self.text) else len(self.original)
            return pos, pos
        return self._locate(start, False), self._locate(end - 1, True)

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
    decoded = "".join(LEET.get(c, c) for c in word)
    if decoded == word or not decoded.isalpha():
        return None
    return decoded


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@lru_cache(maxsize=4096)
def _wide(run: str, latin_context: bool) -> tuple[str, ...] | None:
    """NFKC-fold a run of non-ASCII characters, drop invisibles, map look-alikes beside Latin letters.

    One piece per character of ``run``, or None when nothing changes. Cached: the same few runs
    (curly quotes, dashes, bullets, accented words) recur in most ads.
    """
    out = []
    for ch in run:
        if ch in INVISIBLE:
            out.append("")
            continue
        if ch in LOOKALIKES and (latin_context or len(run) > 1 and all(c in LOOKALIKES for c in run)):
            out.append(LOOKALIKES[ch])
            continue
        out.append(PUNCTUATION.get(ch) or unicodedata.normalize("NFKC", ch))
    return None if "".join(out) == run else tuple(out)


def _wide_runs(original: str, ascii_copy: bytes) -> list[tuple[int, int, int, None]]:
    """Runs of non-ASCII characters, found through the '?' that stand for them in ``ascii_copy``.

    bytes.find skips plain text far faster than a regex tests every character.
    """
    runs: list[tuple[int, int, int, None]] = []
    n = len(original)
    i = ascii_copy.find(b"?")
    while i >= 0:
        if original[i] == "?":
            i = ascii_copy.find(b"?", i + 1)
            continue
        j = i + 1
        while j < n and not original[j].isascii():
            j += 1
        runs.append((i, 4, j, None))
        i = ascii_copy.find(b"?", j)
    return runs


def _edits(original: str) -> list[tuple[int, int, list[tuple[str, int, int]]]]:
    """Every rewrite as (start, end, replacement pieces), sorted and without overlaps."""
    found: list[tuple[int, int, int, object]] = []  # (start, priority, end, payload)
    if "<" in original:
        found += [(m.start(), 0, m.end(), None) for m in _TAG.finditer(original)]
    if "&" in original:
        found += [(m.start(), 1, m.end(), None) for m in _ENTITY.finditer(original)]
    ascii_copy = original.encode("ascii", "replace")  # one byte per character: offsets carry over
    shape = ascii_copy.translate(_SPACED_SHAPE)
    if b"a.a.a" in shape or b"a a a a" in shape:
        found += [(m.start() - 1, 2, m.end(), None) for m in _SPACED.finditer(original)]
    found += [(m.start(), 3, m.end(), None) for m in _LEET_PAIR.finditer(original)]
    if not original.isascii():
        found += _wide_runs(original, ascii_copy)
    found.sort()
    n = len(original)
    tokens = ascii_copy.translate(_TOKEN_SHAPE) if found else b""
    edits: list[tuple[int, int, list[tuple[str, int, int]]]] = []
    pos = 0
    examined = 0  # end of the last word rejected as leetspeak: its other digits would be rejected too
    for a, kind, b, _ in found:
        if a < pos or kind == 3 and a < examined:
            continue
        token = original[a:b]
        if kind == 0:
            pieces = [(" ", a, b)]  # a tag separates words even when it is inline
        elif kind == 1:
            decoded = html.unescape(token)
            if decoded == token:
                continue
            pieces = [("".join(_wide(decoded, False) or decoded) if not decoded.isascii() else decoded, a, b)]
        elif kind == 2:
            pieces = [(c, a + i, a + i + 1) for i, c in enumerate(token) if c.isalpha()]
        elif kind == 3:
            floor, ceiling = max(0, a - _MAX_WORD), min(n, b + _MAX_WORD)
            a = tokens.rfind(b" ", floor, a) + 1 or floor  # the word around the match, at most _MAX_WORD each way
            end = tokens.find(b" ", b, ceiling)
            b = ceiling if end < 0 else end
            if a < pos or b - a >= _MAX_WORD or (a > 0 and original[a - 1] == ".") or _EMAILISH.match(original, a):
                examined = b
                continue
            decoded = _leet_word(original[a:b])
            if decoded is None:
                examined = b
                continue
            pieces = [(c, a + i, a + i + 1) for i, c in enumerate(decoded)]
        else:
            folded = _wide(token, a > 0 and original[a - 1] in _ASCII_LETTERS or b < n and original[b] in _ASCII_LETTERS)
            if folded is None:
                continue
            pieces = [(f, a + i, a + i + 1) for i, f in enumerate(folded)]
        edits.append((a, b, pieces))
        pos = b
    return edits


def normalise(original: str) -> Normalised:
    """Rewrite disguises and markup into plain text, remembering where each character came from."""
    edits = _edits(original)
    if not edits:
        return Normalised(original, original)
    pieces: list[str] = []
    segments: list[tuple[int, int, int]] = []
    out = 0  # length of the normalised text so far
    pos = 0
    for a, b, replacement in edits:
        if a > pos:
            pieces.append(original[pos:a])
            segments.append((out, pos, -1))
            out += a - pos
        for text, s, e in replacement:
            if text:
                pieces.append(text)
                segments.append((out, s, e))
                out += len(text)
        pos = b
    if pos < len(original):
        pieces.append(original[pos:])
        segments.append((out, pos, -1))
    return Normalised(original, "".join(pieces), tuple(segments), tuple(s[0] for s in segments))
