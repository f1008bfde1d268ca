"""Read one ad from an argument, a file or standard input, refusing bad input with a clear reason."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from redflag.errors import InputError

MAX_BYTES = 1_000_000  # an ad is a few KB; anything near a megabyte is not one ad
_AD_SUFFIXES = (".txt", ".html", ".htm", ".md", ".markdown", ".text", ".eml")
# files people may hand over as "the ad" that redflag does not read: a missing one is a mistyped path, not ad text
_FILE_SUFFIXES = _AD_SUFFIXES + (".pdf", ".doc", ".docx", ".odt", ".rtf", ".csv", ".tsv", ".json", ".jsonl", ".xlsx",
                                 ".xls", ".parquet", ".gz", ".zip", ".png", ".jpg", ".jpeg")
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
# A BOM is kept as the text's first character (U+FEFF), so offsets count every character of the file.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or utf-16-be when the NUL bytes sit where mostly-ASCII UTF-16 puts them, else None."""
    head = data[:8192]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.3 and nul_even < 0.05:
        return "utf-16-le"
    if nul_even > 0.3 and nul_odd < 0.05:
        return "utf-16-be"
    return None


def _encoding(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" not in data[:8192]:
        return "utf-8"
    found = _utf16_without_bom(data)
    if found is None:
        raise InputError(f"{name} looks like a binary file (it contains NUL bytes), not text")
    return found


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8, UTF-16/32 with a BOM, or UTF-16 without one; anything else is refused.

    A BOM stays in the text as its first character, so evidence offsets point into the file as it is.
    """
    encoding = _encoding(data, name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} is not valid {encoding.upper()} text (bad byte at offset {exc.start})") from None
    if "\x00" in text:
        raise InputError(f"{name} looks like a binary file (it contains NUL characters), not text")
    return text


def looks_like_path(source: str) -> bool:
    """An argument meant as a file name (``missing-ad.pdf``, ``ads/x``), not as the words of an ad."""
    if "\n" in source or len(source) > 4096:
        return False
    if source.lower().endswith(_FILE_SUFFIXES) and len(source) < 260:
        return True
    return not any(c.isspace() for c in source) and ("/" in source or "\\" in source or bool(_EXTENSION.search(source)))


def _check_text(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(f"{name} is empty: there is no ad text to check")
    return text


def read_ad(source: str, max_bytes: int = MAX_BYTES, as_text: bool = False) -> tuple[str, str]:
    """The ad text and a name for it: ``-`` is stdin, an existing path is a file, anything else is the ad itself.

    ``as_text`` takes the argument as the ad's words even when it looks like (or is) a file name.
    """
    if not source.strip():
        raise InputError("the ad text is empty: give the ad itself, a file, or - for standard input")
    if as_text:
        return _literal(source, max_bytes)
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"standard input is larger than {max_bytes:,} bytes; that is not a single ad")
        return _check_text(decode(data, "standard input"), "standard input"), "standard input"
    path = Path(source)
    try:
        exists = path.exists()
    except OSError:
        exists = False
    if exists:
        return _check_text(decode(_read_file(path, source, max_bytes), source), source), source
    if looks_like_path(source):
        raise InputError(f"file not found: {source} (to check these words as the ad itself, add --text)")
    return _literal(source, max_bytes)


def _literal(source: str, max_bytes: int) -> tuple[str, str]:
    return ad_from_text(source, max_bytes), "the ad text"


def ad_from_text(text: str, max_bytes: int = MAX_BYTES) -> str:
    """Ad words typed or pasted (an argument, a form field), refused when empty or over ``max_bytes`` in UTF-8."""
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise InputError(f"the ad text is larger than {max_bytes:,} bytes")
    return _check_text(text, "the ad text")


def ad_from_bytes(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> str:
    """The text of an ad file received as bytes (an upload), decoded and refused as ``read_ad`` refuses a file."""
    if len(data) > max_bytes:
        raise InputError(f"{name} is {len(data):,} bytes, larger than the {max_bytes:,}-byte limit for one ad")
    return _check_text(decode(data, name), name)


def _read_file(path: Path, source: str, max_bytes: int) -> bytes:
    if path.is_dir():
        raise InputError(f"{source} is a directory, not an ad file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{source} is {size:,} bytes, larger than the {max_bytes:,}-byte limit for one ad (use 'redflag scan' for many ads)")
        return path.read_bytes()
    except PermissionError:
        raise InputError(f"{source} cannot be read: permission denied") from None
    except OSError as exc:
        raise InputError(f"{source} cannot be read: {exc.strerror}") from None
