"""Surface noise that real postings carry: typos, HTML debris, run-on text and obfuscated keywords."""

from __future__ import annotations

import random
import re

Segment = tuple[str, "str | None"]

HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С"}
LEET = {"a": "@", "o": "0", "e": "3", "i": "1", "s": "$"}
KEYWORDS = re.compile(r"whatsapp|telegram|viber|passport|fee|deposit|visa|gmail|money|cash|girls|escort|massage|hostess|signal", re.I)


def typo_word(rng: random.Random, w: str) -> str:
    """One keyboard-style slip in a word."""
    if len(w) < 4 or not w.isalpha():
        return w
    i = rng.randrange(1, len(w) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    if kind == 1:
        return w[:i] + w[i + 1 :]
    if kind == 2:
        return w[:i] + w[i] + w[i:]
    return w.lower() if w[0].isupper() else w


def add_typos(rng: random.Random, text: str, rate: float) -> str:
    if rate <= 0:
        return text
    parts = re.split(r"(\s+)", text)
    return "".join(typo_word(rng, p) if p and not p.isspace() and rng.random() < rate else p for p in parts)


def obfuscate(rng: random.Random, text: str) -> str:
    """Disguise keywords the way evasive posters do (spacing, symbols, look-alike letters)."""
    m = KEYWORDS.search(text)
    style = rng.randrange(4)
    if m is None or style == 3:
        chars = list(text)
        for i, ch in enumerate(chars):
            if ch in HOMOGLYPHS and rng.random() < 0.35:
                chars[i] = HOMOGLYPHS[ch]
        return "".join(chars)
    word = m.group(0)
    if style == 0:
        new = " ".join(word)
    elif style == 1:
        new = "".join(LEET.get(ch.lower(), ch) if rng.random() < 0.5 else ch for ch in word)
        if new == word:
            new = word[0] + "." + word[1:]
    else:
        new = ".".join(word) if len(word) <= 5 else word[:2] + "*" + word[3:]
    return text[: m.start()] + new + text[m.end() :]


def html_debris(rng: random.Random, text: str) -> str:
    """Leftovers of scraped HTML in plain text."""
    text = text.replace("&", "&amp;")
    if rng.random() < 0.5:
        text = text.replace("'", rng.choice(("&rsquo;", "&#39;", "’")))
    choice = rng.randrange(4)
    if choice == 3:
        return text.replace("\n", "")
    if choice == 0:
        text = text.replace("\n", "<br>\n")
    elif choice == 1:
        text = text.replace("\n", "<br/>")
    else:
        text = text.replace("\n\n", "</p><p>")
    return text


def apply_noise(rng: random.Random, segs: list[Segment], suspicious: bool) -> list[Segment]:
    """Apply ad-level noise decisions to every segment, keeping span boundaries intact."""
    typo_rate = rng.choice((0.0, 0.0, 0.0, 0.004, 0.01, 0.02, 0.04))
    html = rng.random() < 0.18
    runon = rng.random() < 0.12
    lower = rng.random() < 0.02
    nbsp = rng.random() < 0.04
    obf = suspicious and rng.random() < 0.12
    out: list[Segment] = []
    for text, cat in segs:
        if cat is None:
            text = add_typos(rng, text, typo_rate)
            if runon:
                text = re.sub(r"\n+", "", text)
            if html:
                text = html_debris(rng, text)
            if nbsp:
                text = text.replace(". ", ".&nbsp; ", 1)
        else:
            text = add_typos(rng, text, typo_rate / 2)
            if obf and rng.random() < 0.6:
                text = obfuscate(rng, text)
            if html:
                text = text.replace("&", "&amp;")
        if lower:
            text = text.lower()
        out.append((text, cat))
    return out
