"""Who an ad recruits: the nationalities and the gender it asks for ("Moldovan girls", "women only").

A country or demonym counts as targeting only next to a person noun or a "from"/"nationality"
cue, and a gender word only with a cue around it, never in equal-opportunity statements or
product names ("women's wear").
"""

from __future__ import annotations

import re

from redflag.entities.base import MAX_FOUND, Context, Entity, Extractor
from redflag.entities.data import table
from redflag.entities.folding import positions

__all__ = ["NATIONALITIES", "GENDERS", "find_nationalities", "find_genders"]

_PLACES = table("countries")
# demonym -> country, and country name (lower case) or alias -> country
_DEMONYM: dict[str, str] = {d: country for country, names in _PLACES["demonyms"].items() for d in names}
_COUNTRY: dict[str, str] = _PLACES["aliases"] | {country.lower(): country for country in _PLACES["demonyms"]}

_PERSON = (r"(?:women|woman|girls?|ladies|lady|females?|men|boys?|males?|workers?|nationals?|citizens?|"
           r"candidates?|applicants?|staff|people|nannies|nanny|maids?|housemaids?|caregivers?|carers?|"
           r"drivers?|labou?rers?|helpers?|models?|dancers?|hostess(?:es)?|waitress(?:es)?|cleaners?|"
           r"students?|nurses?|masseuses?|escorts?|brides?|wives|passport holders?|passports?)")
_ADJ = r"(?:young|pretty|beautiful|attractive|slim|single|sexy|hot|hard[ -]working|healthy|strong|female|male)"
_PERSON_AFTER = re.compile(r" (?:" + _ADJ + r" ){0,2}" + _PERSON + r"\b")
_FROM_BEFORE = re.compile(
    r"(?:(?:\b" + _PERSON + r"|\bnationality|\bcitizens? of|\bnationals? of)"
    r"\s{0,2}[:\-]?\s{0,2}(?:only |all )?(?:from |of |is )?|\bonly from )(?:the )?$"
)
# first word -> the names it may start, longest first
_NAME_STARTS: dict[bytes, list[str]] = {}
for _name in sorted(set(_COUNTRY) | set(_DEMONYM), key=lambda n: (-len(n), n)):
    _NAME_STARTS.setdefault(_name.split(" ")[0].encode(), []).append(_name)


def find_nationalities(text: str, context: Context) -> list[Entity]:
    """Countries and demonyms next to a person noun or a "from"/"nationality" cue."""
    low = context.low
    out: list[Entity] = []
    for first in sorted(context.words & _NAME_STARTS.keys()):  # in one order, so a capped list is always the same
        for p in positions(low, first.decode()):
            if len(out) >= MAX_FOUND:
                break
            for name in _NAME_STARTS[first]:
                e = p + len(name)
                if low[p:e] != name or (e < len(low) and low[e].isalnum()):
                    continue
                country = None
                if name in _DEMONYM and _PERSON_AFTER.match(low, e):
                    country = _DEMONYM[name]
                elif _FROM_BEFORE.search(low, max(0, p - 48), p):
                    before = low[max(0, p - 48):p]
                    country = _COUNTRY.get(name) or (_DEMONYM.get(name) if "nationalit" in before else None)
                elif name in _COUNTRY and re.match(r" (?:nationals?|citizens?|passport holders?|passports?)\b", low[e:e + 20]):
                    country = _COUNTRY[name]
                if country:
                    out.append(Entity(kind="nationality", value=country, text=text[p:e], start=p, end=e))
                break
    return out


_GENDER_WORDS = table("gender_words")
_FEMALE = frozenset(_GENDER_WORDS["female"])
_ALWAYS = frozenset(_GENDER_WORDS["always"])
_GENDER_CUES = {w.encode(): w for w in (*_GENDER_WORDS["female"], *_GENDER_WORDS["male"])}
_GENDER_PRE = re.compile(
    r"\b((?:young|pretty|beautiful|attractive|slim|sexy|hot|single|only|hiring|seeking|looking for|need|"
    r"needed|wanted|want|gender:?|sex:?)\s{1,2})$"
)
_GENDER_POST = re.compile(
    r"\s{1,2}(?:only|preferred|candidates?|applicants?|workers?|staff|models?|dancers?|hostess(?:es)?|"
    r"wanted|needed|required|welcome|from|aged?|between|\d{2}\b)"
)
_EEO = re.compile(r"equal opportunit|minorit|veteran|regardless|discriminat|disabilit|diversity|"
                  r"women-owned|protected|empower|inclusion|inclusive|affirmative")


def find_genders(text: str, context: Context) -> list[Entity]:
    """Gender words with a cue around them, outside equal-opportunity statements."""
    low = context.low
    out: list[Entity] = []
    for key in sorted(context.words & _GENDER_CUES.keys()):
        word = _GENDER_CUES[key]
        for s in positions(low, word):
            if len(out) >= MAX_FOUND:
                break
            e = s + len(word)
            if low[e:e + 1] in ("'", "’", "-", "_", "/", "#") or (s and low[s - 1] in "-_/#"):
                continue  # "women's wear", "girls' school", parts of links and names
            if _EEO.search(low, max(0, s - 120), min(len(low), e + 120)):
                continue
            pre = _GENDER_PRE.search(low, max(0, s - 16), s)
            post = _GENDER_POST.match(low, e)
            demonym = re.search(r"\b([a-z]+) $", low[max(0, s - 24):s])
            if not (word in _ALWAYS or pre or post or (demonym and demonym.group(1) in _DEMONYM)):
                continue
            if pre:
                s = pre.start()
            tail = post.group(0).strip() if post else ""
            if post and not tail[:1].isdigit() and tail not in ("from", "aged", "age", "between"):
                e = post.end()
            out.append(Entity(kind="gender", value="female" if word in _FEMALE else "male",
                              text=text[s:e], start=s, end=e))
    return out


NATIONALITIES = Extractor(kinds=("nationality",), find=find_nationalities)
GENDERS = Extractor(kinds=("gender",), find=find_genders)
