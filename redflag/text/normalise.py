"""Normalise an ad for matching while keeping a map back to the characters the user supplied.

Rules and the model read the normalised text; every span they report is mapped back through
``Normalised.original_span`` so that evidence is always an exact substring of the input.
Handled: HTML tags and entities, runs of blanks (one space, or one line break where a paragraph
ends; see ``gaps``), Unicode NFKC (full-width letters, ligatures), zero-width and soft-hyphen
characters, emoji inside words, look-alike letters of other scripts inside Latin words, words
spelled out letter by letter ("W h a t s A p p", "f.e.e"), disguised words broken up ("pass port",
"fe e"; see ``splits``) and leetspeak inside words ("p@ssport", "pa$$port", "f3e").
Every step is one pass over the text, so the time taken grows linearly with its length.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from redflag.text.gaps import GAP, gap_text, join_lines
from redflag.text.lookalikes import INVISIBLE, LEET, LOOKALIKES, PUNCTUATION
from redflag.text.splits import SPLIT, VOCABULARY, joined

__all__ = ["LOOKALIKES", "Normalised", "normalise"]

# One pattern per kind of rewrite, each starting on a rare character so that re skips plain text
# quickly; every repetition is bounded, so no input can make matching slow.
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,15});")
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
    _gaps: frozenset[int] = frozenset()  # norm_start of the pieces that stand for a gap between words

    def _locate(self, pos: int, end_side: bool) -> int:
        seg = self.segments[bisect_right(self._keys, pos) - 1]
        if seg[2] == -1:
            return seg[1] + (pos - seg[0]) + (1 if end_side else 0)
        if seg[0] in self._gaps:  # a gap at the edge of a span is left out of it, tags and all
            return seg[1] if end_side else seg[2]
        return seg[2] if end_side else seg[1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original text that produced it."""
        if not self.segments:
            return start, end
        if end <= start:
            pos = self._locate(start, False) if start < len(self.text) else len(self.original)
            return pos, pos
        a, b = self._locate(start, False), self._locate(end - 1, True)
        return (a, b) if a <= b else (b, b)  # a span of nothing but a gap

    def original_text(self, start: int, end: int) -> str:
        """The exact original substring behind a normalised span."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


def _leet_word(word: str) -> str | None:
    """Decode leetspeak inside a word, or None when the token is not a disguised word."""
    decoded = "".join(LEET.get(c, c) for c in word)
    if decoded == word or not decoded.isalpha():
        return None
    if decoded.lower() in VOCABULARY:  # "f3e", "f33": short, but spelling a word disguisers hide
        return decoded
    letters = sum(c.isalpha() for c in word)
    if letters < 3 or re.match(r"^[0-9]{2,}|[0-9]{2,}$", word) and not re.search(r"[@$]", word):
        return None
    if "@" in word and re.search(r"@[A-Za-z0-9-]+$", word) and word.index("@") > 0 and letters == len(word) - 1:
        # "name@domain" without a dot could be a handle or address; only decode clear in-word use.
        if not re.fullmatch(r"[A-Za-z]+@[A-Za-z]+", word):
            return None
    return decoded


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ZERO_WIDTH_SPACE = "\u200b"


@lru_cache(maxsize=4096)
def _wide(run: str, latin_context: bool, inside_word: bool = False) -> tuple[str, ...] | None:
    """NFKC-fold a run of non-ASCII characters, drop invisibles, map look-alikes beside Latin letters.

    ``inside_word``: Latin letters on both sides, where an emoji is dropped and a zero-width space
    reads as a space. One piece per character of ``run``, or None when nothing changes. Cached:
    the same few runs (curly quotes, dashes, bullets, accented words) recur in most ads.
    """
    out = []
    for ch in run:
        if ch in INVISIBLE:
            out.append(" " if ch == _ZERO_WIDTH_SPACE and inside_word and len(run) == 1 else "")
            continue
        # only beside Latin letters: a word wholly in Cyrillic or Greek is a word of that script
        # ("сок", "такса", "не"), not a disguise, however many of its letters look Latin
        if ch in LOOKALIKES and latin_context:
            out.append(LOOKALIKES[ch])
            continue
        if inside_word and unicodedata.category(ch) == "So":
            out.append("")
            continue
        out.append(PUNCTUATION.get(ch) or unicodedata.normalize("NFKC", ch))
    return None if "".join(out) == run else tuple(out)


def _wide_runs(original: str, ascii_copy: bytes) -> list[tuple[int, int, int, None]]:
    """Runs of non-ASCII characters, found through the '?' that stand for them in ``ascii_copy``.

    bytes.find skips plain text far faster than a regex tests every character.
    """
    runs: list[tuple[int, int, int, None]] = []
    i = ascii_copy.find(b"?")
    while i >= 0:
        if original[i] == "?":
            i = ascii_copy.find(b"?", i + 1)
            continue
        j = i + 1
        while j < len(ascii_copy) and ascii_copy[j] == 63 and original[j] != "?":  # 63 is "?"
            j += 1
        runs.append((i, K_WIDE, j, None))
        i = ascii_copy.find(b"?", j)
    return runs


# kinds of rewrite, in the order they win when two start at the same place
K_GAP, K_ENTITY, K_SPLIT, K_SPACED, K_LEET, K_WIDE = range(6)
_GAP_HINT = re.compile(r"[<\t\n\r\f\v]|  ")
def _found(original: str, ascii_copy: bytes) -> list[tuple[int, int, int, object]]:
    """Every candidate rewrite as (start, kind, end, payload), sorted; overlaps are settled later."""
    found: list[tuple[int, int, int, object]] = []
    if _GAP_HINT.search(original):
        found += [(m.start(), K_GAP, m.end(), None) for m in GAP.finditer(original)]
    if "&" in original:
        found += [(m.start(), K_ENTITY, m.end(), None) for m in _ENTITY_RE.finditer(original)]
    # a disguised word written whole needs no rejoining: only broken-up ones are candidates
    found += [(m.start(), K_SPLIT, m.end(), None) for m in SPLIT.finditer(original) if not m.group().isalpha()]
    shape = ascii_copy.translate(_SPACED_SHAPE)
    if b"a.a.a" in shape or b"a a a a" in shape:
        found += [(m.start() - 1, K_SPACED, m.end(), None) for m in _SPACED.finditer(original)]
    found += [(m.start(), K_LEET, m.end(), None) for m in _LEET_PAIR.finditer(original)]
    if not original.isascii():
        found += _wide_runs(original, ascii_copy)
    found.sort()
    return found


def _leet_edit(original: str, tokens: bytes, a: int, b: int) -> tuple[int, int, list[tuple[str, int, int]] | None]:
    """The word around a leet sign at ``a:b`` and its decoding (None when it is no disguised word)."""
    n = len(original)
    floor, ceiling = max(0, a - _MAX_WORD), min(n, b + _MAX_WORD)
    a = tokens.rfind(b" ", floor, a) + 1 or floor  # the word around the match, at most _MAX_WORD each way
    end = tokens.find(b" ", b, ceiling)
    b = ceiling if end < 0 else end
    if b - a >= _MAX_WORD or (a > 0 and original[a - 1] == ".") or _EMAILISH.match(original, a):
        return a, b, None
    decoded = _leet_word(original[a:b])
    if decoded is None:
        return a, b, None
    return a, b, [(c, a + i, a + i + 1) for i, c in enumerate(decoded)]


def _wide_edit(original: str, a: int, b: int) -> list[tuple[str, int, int]] | None:
    """A run of non-ASCII characters folded, one piece per character, or None when it stays."""
    n = len(original)
    left = a > 0 and original[a - 1] in _ASCII_LETTERS
    right = b < n and original[b] in _ASCII_LETTERS
    folded = _wide(original[a:b], left or right, left and right)
    if folded is None:
        return None
    return [(f, a + i, a + i + 1) for i, f in enumerate(folded)]


def _edits(original: str) -> list[tuple[int, int, list[tuple[str, int, int]], bool]]:
    """Every rewrite as (start, end, replacement pieces, whether it is a gap), sorted and without overlaps."""
    ascii_copy = original.encode("ascii", "replace")  # one byte per character: offsets carry over
    found = _found(original, ascii_copy)
    tokens = ascii_copy.translate(_TOKEN_SHAPE) if found else b""
    edits: list[tuple[int, int, list[tuple[str, int, int]], bool]] = []
    pos = 0
    examined = 0  # end of the last word rejected as leetspeak: its other digits would be rejected too
    for a, kind, b, _ in found:
        if a < pos or kind == K_LEET and a < examined:
            continue
        token = original[a:b]
        pieces: list[tuple[str, int, int]] | None
        if kind == K_GAP:
            text = gap_text(original, a, b)
            pieces = None if text == token else [(text, a, b)] if text else []
        elif kind == K_ENTITY:
            decoded = html.unescape(token)
            pieces = None if decoded == token else [(_fold_entity(decoded), a, b)]
        elif kind == K_SPLIT:
            pieces = joined(token, a)
        elif kind == K_SPACED:
            pieces = [(c, a + i, a + i + 1) for i, c in enumerate(token) if c.isalpha()]
        elif kind == K_LEET:
            a, b, pieces = _leet_edit(original, tokens, a, b)
            if a < pos or pieces is None:
                examined = b
                continue
        else:
            pieces = _wide_edit(original, a, b)
        if pieces is None:
            continue
        edits.append((a, b, pieces, kind == K_GAP))
        pos = b
    return edits


def _fold_entity(decoded: str) -> str:
    """A decoded HTML entity as normalised text: "&nbsp;" is a space, "&eacute;" stays "é"."""
    return decoded if decoded.isascii() else "".join(_wide(decoded, False) or decoded)


def normalise(original: str) -> Normalised:
    """Rewrite disguises and markup into plain text, remembering where each character came from."""
    prepared = join_lines(original)
    edits = _edits(prepared)
    if not edits:
        return Normalised(original, prepared)  # the same length either way: no map needed
    pieces: list[str] = []
    segments: list[tuple[int, int, int]] = []
    gaps: list[int] = []
    out = 0  # length of the normalised text so far
    pos = 0
    def one_to_one(start: int) -> None:
        # a character that maps to the very next original one continues the current run: runs of
        # look-alikes or emoji add no segments, so the map stays as small as the text allows
        last = segments[-1] if segments else None
        if last is None or last[2] != -1 or last[1] + (out - last[0]) != start:
            segments.append((out, start, -1))

    for a, b, replacement, gap in edits:
        if a > pos:
            pieces.append(prepared[pos:a])
            one_to_one(pos)
            out += a - pos
        for text, s, e in replacement:
            if not text:
                continue
            pieces.append(text)
            if len(text) == 1 and e == s + 1:
                one_to_one(s)
            else:
                if gap:
                    gaps.append(out)
                segments.append((out, s, e))
            out += len(text)
        pos = b
    if pos < len(original):
        pieces.append(prepared[pos:])
        one_to_one(pos)
    return Normalised(original, "".join(pieces), tuple(segments), tuple(s[0] for s in segments), frozenset(gaps))
