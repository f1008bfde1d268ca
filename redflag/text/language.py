"""Which languages an ad is written in: the main one, and those of its parts.

Detection is Google's Compact Language Detector 2 (``pycld2``): its tables are compiled into the
library, so it loads in about a millisecond and reads an ad in tens of microseconds, and it
reports the language of each stretch of a mixed ad (an English title over a Russian body,
Taglish). Short chat messages are often ambiguous, so every language CLD2 gives a fair share to
is kept, not only the first.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

UNKNOWN = "und"  # ISO 639-2 "undetermined"
MIN_SHARE = 15  # percent of the text a second or third language needs to count
# CLD2's codes where they differ from ISO 639-1 (or from the packs' folder names)
_CODES = {"iw": "he", "jw": "jv", "zh-Hant": "zh", "tl": "tl", "fil": "tl", "mo": "ro", "sh": "sr"}
# control characters (but tab and line breaks) and lone surrogates make CLD2 refuse the whole text
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Languages:
    """The main language of an ad (ISO 639-1, or "und"), every language read in it, and its parts."""

    main: str
    all: tuple[str, ...]
    parts: tuple[tuple[str, int, int], ...] = ()  # (language, start, end) in characters of the text given
    reliable: bool = True  # CLD2's own judgement: False for a few words it could only guess at

    def to_dict(self) -> dict:
        """Plain JSON-ready values."""
        return {"lang": self.main, "langs": list(self.all)}


def _code(cld: str) -> str:
    return _CODES.get(cld, cld.split("-")[0]) if cld not in ("un", "xxx") else UNKNOWN


def detect(text: str) -> Languages:
    """The languages of ``text``; "und" when it holds too few letters to tell."""
    try:
        import pycld2
    except ImportError:  # a minimal install still checks, reading every pack
        return Languages(UNKNOWN, (), reliable=False)
    clean = _UNREADABLE.sub(" ", text)
    try:
        reliable, _, details, vectors = pycld2.detect(clean, bestEffort=True, returnVectors=True)
    except pycld2.error:
        return Languages(UNKNOWN, (), reliable=False)
    found = [(_code(code), share) for _, code, share, _ in details if code != "un"]
    langs = [lang for i, (lang, share) in enumerate(found) if lang != UNKNOWN and (i == 0 or share >= MIN_SHARE)]
    parts = _parts(clean, vectors)
    for lang, _, _ in parts:
        if lang not in langs and lang != UNKNOWN:
            langs.append(lang)
    main = langs[0] if langs and reliable else UNKNOWN
    romanised = _romanised(clean)
    if romanised and romanised not in langs:  # all of it: CLD2's stretches named another language
        return Languages(romanised, (romanised, *langs), ((romanised, 0, len(text)),), True)
    return Languages(main, tuple(langs), parts, bool(reliable))


@lru_cache(maxsize=1)
def _markers() -> dict[str, tuple[frozenset[str], int, float]]:
    raw = tomllib.loads((resources.files("redflag.text") / "data" / "romanised.toml").read_text(encoding="utf-8"))
    return {lang: (frozenset(t["markers"]), int(t["least"]), float(t["share"])) for lang, t in raw.items()}


_LATIN_WORD = re.compile(r"[a-z]{2,}")


def _romanised(text: str) -> str | None:
    """The language a Latin-script chat is written in when CLD2 cannot know it ("ghar baithe kamaye
    500 rupaye roz, WhatsApp karein" is Hindi, which CLD2 reads only in Devanagari), or None."""
    words = _LATIN_WORD.findall(text.lower())
    if len(words) < 3:
        return None
    for lang, (markers, least, share) in _markers().items():
        hits = [w for w in words if w in markers]
        if len(set(hits)) >= least and len(hits) >= share * len(words):
            return lang
    return None


def _parts(text: str, vectors) -> tuple[tuple[str, int, int], ...]:
    """CLD2's stretches (byte offsets into the UTF-8 text) as character spans."""
    if not vectors:
        return ()
    raw = text.encode("utf-8")
    out = []
    for start, length, _, code in vectors:
        a = len(raw[:start].decode("utf-8", "ignore"))
        b = a + len(raw[start:start + length].decode("utf-8", "ignore"))
        lang = _code(code)
        if out and out[-1][0] == lang:
            out[-1] = (lang, out[-1][1], b)
        else:
            out.append((lang, a, b))
    return tuple(out)
