"""Ages and age limits an ad asks for ("girls 18-25", "under 30", "21 years old", "18+").

A two-digit number is an age only with an age word, a person noun or "years old" around it,
and never when a unit follows ("18 months", "5 years experience", "30 minutes"). The other
languages' words ("de 18 a 25 años", "от 18 до 25 лет", "tuổi từ 18-25", "usia 18-25 tahun") are
in ``data/age_words.toml``, folded like the ad so Cyrillic words match its folded copy.
"""

from __future__ import annotations

import re

from redflag.entities.base import MAX_FOUND, Context, Entity, Extractor
from redflag.entities.data import table
from redflag.entities.folding import alternation, cues, fold
from redflag.entities.targeting import origin_words

__all__ = ["AGES", "find"]

_AGE_NOUN = (r"(?:girls?|women|woman|ladies|lady|boys?|men|man|females?|males?|models?|candidates?|"
             r"applicants?|students?|hostess(?:es)?|dancers?|waitress(?:es)?|workers?|people|persons?)")
_UNIT_AFTER = re.compile(
    r" ?(?:%|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|km|miles?|kg|kilos?|lbs?|pounds?|"
    r"dollars?|euros?|feet|ft|inches|words|wpm|k\b|,\d|employees|people|"
    r"staff|years? (?:of )?(?:experience|exp)|years? in|\+? ?years? (?:of )?exp|\+? ?yrs)"
)
_TWO_DIGITS = re.compile(r"\d\d(?!\d)")
_RANGE_AFTER = re.compile(r"\s{0,2}(?:-|to|and)\s{0,2}(\d{2})\b(?![.,]\d)")
_OLD_AFTER = re.compile(r"\s{0,2}(?:years?\s?old|y\.?\s?o\b\.?|yrs?\.?\s?old|years of age)")
_AGE_WORD_BEFORE = re.compile(
    r"(?:\baged?|\bages|\bage (?:range|group|limit)|between the ages of|from the age of)\s{0,2}[:\-]?\s{0,3}"
    r"(?:from |between )?$"
)
# "girls from Ukraine 18-21": an origin may stand between the person and the age
_ORIGIN = r"(?:\s{1,2}(?:from|of)\s{1,2}(?:the\s{1,2})?[a-z]+(?:[\s-][a-z]+)?)?,?"
_NOUN_BEFORE = re.compile(r"\b" + _AGE_NOUN + _ORIGIN + r"\s{1,2}(?:aged?\s{0,2})?$")
_BOUND_BEFORE = re.compile(
    r"\b(under|below|younger than|less than|not older than|no older than|max(?:imum)?|up to|over|above|"
    r"older than|at least|min(?:imum)?)\s{1,2}(?:the age of\s{1,2}|age\s{1,2})?$"
)
_AGE_CUE = re.compile(
    r"(?:\bage[ds]?\b|\b(?:girls?|women|woman|ladies|lady|boys?|men|females?|males?|models?|candidates?|"
    r"applicants?|hostess(?:es)?|dancers?|waitress(?:es)?)\b|must be|should be)[^.\n]{0,24}$"
)
_BOUND_AFTER_OK = re.compile(
    r"\s{0,2}(?:$|[.,;:!)\n•*]|years?\b|yrs?\b|y\.?o\b|only\b|and\b|or\b|please\b|are\b|is\b|need|welcome|"
    r"apply|wanted|preferred|can\b|may\b|should\b|will\b|with\b)"
)
_BOUND_VALUE = {"under": "<{}", "below": "<{}", "younger than": "<{}", "less than": "<{}",
                "not older than": "<={}", "no older than": "<={}", "max": "<={}", "maximum": "<={}",
                "up to": "<={}", "over": ">{}", "above": ">{}", "older than": ">{}", "at least": "{}+",
                "min": "{}+", "minimum": "{}+"}


def _age_ok(*ages: str) -> bool:
    return all(14 <= int(a) <= 80 for a in ages)


def find(text: str, context: Context) -> list[Entity]:
    """Ages and age ranges or bounds, each with the words that make it one."""
    low = context.low
    out: list[Entity] = []
    if not context.words & _AGE_CUES and low.isascii():
        return out
    skip_to = 0
    for m in _TWO_DIGITS.finditer(low):
        if len(out) >= MAX_FOUND:
            break
        s, e = m.span()
        if s < skip_to or (s and (low[s - 1].isalnum() or low[s - 1] in ".,:/$£€#")) or not _age_ok(m.group()):
            continue
        n = m.group()
        lo_win = max(0, s - 48)
        value = None
        rng = _RANGE_AFTER.match(low, e)
        if rng and _age_ok(rng.group(1)) and int(n) < int(rng.group(1)):
            old = _OLD_AFTER.match(low, rng.end())
            cue = _AGE_WORD_BEFORE.search(low, lo_win, s)
            if (old or cue or _NOUN_BEFORE.search(low, lo_win, s)) and not _UNIT_AFTER.match(low, rng.end()):
                value = f"{n}-{rng.group(1)}"
                s = cue.start() if cue else s
                e = old.end() if old else rng.end()
        if value is None:
            old = _OLD_AFTER.match(low, e)
            if old:
                value, e = n, old.end()
        if value is None:
            bound = _BOUND_BEFORE.search(low, lo_win, s)
            if bound and not _UNIT_AFTER.match(low, e) and _BOUND_AFTER_OK.match(low, e) and (
                "age" in bound.group(0) or _AGE_CUE.search(low, max(0, bound.start() - 40), bound.start())
            ):
                value, s = _BOUND_VALUE[bound.group(1)].format(n), bound.start()
        if value is None and low[e:e + 2].lstrip(" ")[:1] == "+":
            plus = low.index("+", e) + 1
            if _AGE_CUE.search(low, max(0, s - 30), s) and not _UNIT_AFTER.match(low, plus) \
                    and not re.match(r"\s?(?:years?|yrs?)\s?(?:of\s)?(?:exp|in)", low[plus:plus + 20]):
                value, e = n + "+", plus
        if value is None:
            local = _local(low, m.start(), e)
            if local:
                value, s, e = local
        if value is not None:
            out.append(Entity(kind="age", value=value, text=text[s:e], start=s, end=e))
            skip_to = e
    return out


_WORDS = table("age_words")
_L_RANGE = re.compile(r"(?:\s{0,2}[-/]\s{0,2}|\s{1,2}" + alternation(_WORDS["ranges"]) + r"\s{1,2})(\d{2})(?!\d|[.,]\d)")
_L_YEARS = re.compile(r"\s{0,2}(?:(?P<old>" + alternation(_WORDS["old"]) + r")|(?P<years>" + alternation(_WORDS["years"]) + r"))")
_L_NOT_AFTER = re.compile(r"\s{0,2}(?:de\s)?" + alternation(_WORDS["not_after"]))
_L_PLUS = re.compile(r"\s{1,2}" + alternation(_WORDS["plus_after"]))
_L_ORIGIN = (r"(?:\s{1,2}" + alternation(origin_words()) + r"\s{0,2}[^\W\d_]+(?:[\s-][^\W\d_]+)?)?,?")
_L_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<cue>" + alternation(_WORDS["cues"]) + r")\s{0,2}[:\-]?\s{0,3}|(?P<person>" + alternation(_WORDS["persons"])
    + r")" + _L_ORIGIN + r"\s{1,2})(?:" + alternation(_WORDS["intros"]) + r"\s{1,2})?$"
)
_L_INTRO = re.compile(r"(?<!\w)" + alternation(_WORDS["intros"]) + r"\s{1,2}$")
_BOUNDS = {**{fold(k): v for k, v in _WORDS["bounds"].items()}, **{fold(k): v for k, v in _WORDS["age_bounds"].items()}}
_AGE_BOUNDS = frozenset(fold(k) for k in _WORDS["age_bounds"])
_L_BOUND = re.compile(r"(?<!\w)(" + alternation(_BOUNDS) + r")\s{1,2}$")


_LETTER = re.compile(r"[^\W\d_]")
# the ASCII words of every cue, for the check that skips an ad with none of them
_AGE_CUES = cues("age", "aged", "ages", "old", "yo", "o", "under", "below", "younger", "over", "above", "older",
                  "least", "max", "maximum", "min", "minimum", "up", "girls", "girl", "women", "woman", "ladies",
                  "lady", "boys", "men", "females", "female", "males", "male", "models", "hostesses",
                  *(w for group in _WORDS.values() for item in group for w in fold(item).split() if w.isascii()))


def _local(low: str, s: int, e: int) -> tuple[str, int, int] | None:
    """An age written in another supported language at the number ``low[s:e]``: value, start, end."""
    n = low[s:e]
    win = max(0, s - 40)
    rng = _L_RANGE.match(low, e)
    if rng and _age_ok(rng.group(1)) and int(n) < int(rng.group(1)):
        years = _L_YEARS.match(low, rng.end())
        if years and _L_NOT_AFTER.match(low, years.end()):
            return None
        before = _L_BEFORE.search(low, win, s) if _LETTER.search(low, win, s) else None
        if years or before:
            start = s
            if before and before.group("cue"):
                start = before.start()
            elif (intro := _L_INTRO.search(low, win, s)):
                start = intro.start()
            return f"{n}-{rng.group(1)}", start, years.end() if years else rng.end()
        return None
    years = _L_YEARS.match(low, e)
    if years and _L_NOT_AFTER.match(low, years.end()):
        return None
    end = years.end() if years else e
    plus = _L_PLUS.match(low, end) if years else None
    if plus:
        return n + "+", s, plus.end()
    if not _LETTER.search(low, win, s):
        return (n, s, end) if years and years.group("old") else None
    bound = _L_BOUND.search(low, win, s)
    if bound and (years or bound.group(1) in _AGE_BOUNDS or _L_BEFORE.search(low, max(0, bound.start() - 40), bound.start())):
        return _BOUNDS[bound.group(1)].format(n), bound.start(), end
    if years and years.group("old"):
        return n, s, end
    before = _L_BEFORE.search(low, win, s) if years else None
    if before:
        return n, before.start() if before.group("cue") else s, end
    return None


AGES = Extractor(kinds=("age",), find=find)
