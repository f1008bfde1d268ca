"""Read one ad from an argument, a file or standard input, refusing bad input with a clear reason."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from redflag.errors import InputError

MAX_BYTES = 1_000_000  # an ad is a few KB; anything near a megabyte is not one ad
_AD_SUFFIXES = (".txt", ".html", ".htm", ".md", ".markdown", ".text", ".eml")


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16/32 with a BOM; anything else is refused."""
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        encoding = "utf-32"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{name} looks like a binary file (it contains NUL bytes), not text")
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} is not valid {encoding.upper().replace('-SIG', '')} text (bad byte at offset {exc.start})") from None
    if "\x00" in text:
        raise InputError(f"{name} looks like a binary file (it contains NUL characters), not text")
    return text


def _check_text(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(f"{name} is empty: there is no ad text to check")
    return text


def read_ad(source: str, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """The ad text and a name for it: ``-`` is stdin, an existing path is a file, anything else is the ad itself."""
    if not source.strip():
        raise InputError("the ad text is empty: give the ad itself, a file, or - for standard input")
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"standard input is larger than {max_bytes:,} bytes; that is not a single ad")
        return _check_text(decode(data, "standard input"), "standard input"), "standard input"
    path = Path(source)
    looks_like_path = "\n" not in source and len(source) < 4096 and (
        source.lower().endswith(_AD_SUFFIXES) or "/" in source and " " not in source
    )
    try:
        exists = path.exists()
    except OSError:
        exists = False
    if exists:
        if path.is_dir():
            raise InputError(f"{source} is a directory, not an ad file")
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(f"{source} is {size:,} bytes, larger than the {max_bytes:,}-byte limit for one ad (use 'redflag scan' for many ads)")
            data = path.read_bytes()
        except PermissionError:
            raise InputError(f"{source} cannot be read: permission denied") from None
        except OSError as exc:
            raise InputError(f"{source} cannot be read: {exc.strerror}") from None
        return _check_text(decode(data, source), source), source
    if looks_like_path:
        raise InputError(f"file not found: {source}")
    if len(source.encode("utf-8", "surrogatepass")) > max_bytes:
        raise InputError(f"the ad text is larger than {max_bytes:,} bytes")
    return _check_text(source, "the ad text"), "the ad text"
