"""The space between words: runs of blanks and HTML tags read as one space, or as one line break
where they end a paragraph, so that patterns written with single spaces still match and the
sentence boundaries context handling relies on survive."""

from __future__ import annotations

import re

TAG = r"<[/A-Za-z!][^<>]{0,400}>"
_TAG = re.compile(TAG)
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # str.isalnum() as a class: \w less the underscore
# A gap worth rewriting holds a tag, a blank other than a single space, or two spaces in a row;
# a lone space, the commonest gap, never matches.
GAP = re.compile(rf"(?:\s|{TAG})*(?:{TAG}|[^\S ]|  )(?:\s|{TAG})*")
_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9]*)")
# tags that start a new block of text: a boundary, never a space inside a sentence
_BLOCK = frozenset(
    "address article aside blockquote body br dd div dl dt footer form h1 h2 h3 h4 h5 h6 head header hr "
    "html li main nav ol option p pre section table tbody td tfoot th thead title tr ul".split()
)


def _breaks(gap: str) -> int:
    """Line breaks in a gap's blanks (a CR LF pair counts once)."""
    return gap.count("\n") or gap.count("\r")


def gap_text(original: str, a: int, b: int) -> str:
    """What the gap ``original[a:b]`` reads as: "" (inline tags inside a word), " " or "\\n"."""
    gap = original[a:b]
    blanks = gap
    if "<" in gap:
        names = {m.group(1).lower() for m in _NAME.finditer(gap)}
        if names & _BLOCK:
            return "\n"
        blanks = _TAG.sub("", gap)
        if not blanks:
            return ""
    breaks = _breaks(blanks)
    if breaks == 0:
        return " "
    if breaks == 1 and a > 0 and b < len(original):
        # one line break inside a sentence: the line goes on with a small letter or a number,
        # not with a bullet such as "o Airfare"
        before, after = original[a - 1], original[b]
        bullet = b + 1 < len(original) and original[b + 1] == " " and after in "ox"
        if (before.isalnum() or before == ",") and (after.islower() or after.isdigit()) and not bullet:
            return " "
    return "\n"


# A lone line break between two words of one sentence reads as a space (gap_text's rule: a
# letter, digit or comma before it; a small letter or a digit after it, not an "o "/"x " bullet).
# It is the commonest gap of all and keeps the length, so it is replaced up front with no map entry.
_LINE_IN_SENTENCE = re.compile(r"\n(?<=[^\W_]\n|,\n)(?=[a-z0-9])(?![ox] )")  # the literal first: re jumps to it
_LINE_BEFORE_WIDE = re.compile(r"\n(?<=[^\W_]\n|,\n)(?=[^\x00-\x7f])")


def join_lines(original: str) -> str:
    """``original`` with every line break inside a sentence made a space (same length, same offsets)."""
    if "\n" not in original:
        return original
    text = _LINE_IN_SENTENCE.sub(" ", original)
    if not text.isascii():
        text = _LINE_BEFORE_WIDE.sub(lambda m: " " if _small_or_digit(text, m.end()) else "\n", text)
    return text


def _small_or_digit(text: str, i: int) -> bool:
    return text[i].islower() or text[i].isdigit()


def has_words(text: str) -> bool:
    """Whether ``text`` holds a letter or a digit once its tags are left out: an ad needs one."""
    return _LETTER_OR_DIGIT.search(_TAG.sub(" ", text) if "<" in text else text) is not None
