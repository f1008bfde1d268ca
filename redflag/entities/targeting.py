"""Who an ad recruits: the nationalities and the gender it asks for ("Moldovan girls", "women only",
"девушки из Украины", "chicas paraguayas", "Ukrainki", "lao động nữ Việt Nam").

A country or demonym counts as targeting only next to a person noun or a "from"/"nationality"
cue, with short modifiers (ages, numbers, adjectives) allowed in between; a noun that names the
people of a country ("украинки", "moldovence") counts by itself. A gender word counts only with a
cue around it, never in equal-opportunity or both-genders statements ("m/w/d", "мужчины и женщины")
nor in product names ("women's wear", "moda donna"), nor after a negation.

The words of every supported language are in ``data/targeting_<lang>.toml`` (English also in
``countries.toml`` and ``gender_words.toml``), folded like the ad. An ad is read once: the ASCII
fragments of each listed word are checked against ``context.words`` before any text search, so an
ad pays only for the words it may hold, whatever its language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files

from redflag.entities.base import MAX_FOUND, Context, Entity, Extractor
from redflag.entities.data import table
from redflag.entities.folding import fold, positions, whole_word_at, words

__all__ = ["NATIONALITIES", "GENDERS", "LANGUAGES", "find_nationalities", "find_genders", "origin_words"]

LANGUAGES: tuple[str, ...] = tuple(sorted(
    p.name[len("targeting_"):-len(".toml")] for p in (files("redflag.entities") / "data").iterdir()
    if p.name.startswith("targeting_") and p.name.endswith(".toml")
))
_TABLES = {lang: table("targeting_" + lang) for lang in LANGUAGES}


# Devanagari letters with a nukta are typed either as one character or as the letter and the nukta
_NUKTA = {chr(0x0958 + i): unicodedata.normalize("NFD", chr(0x0958 + i)) for i in range(8)}


def _variants(word: str) -> set[str]:
    """A folded word with the spellings ads use for the same letters (’ for ', ş/ţ for ș/ț, ड़ as one
    character, two, or without its nukta)."""
    w = fold(word)
    out = {w, w.replace("'", "’"), w.replace("’", "'"), w.replace("ș", "ş").replace("ț", "ţ")}
    if any("\u0900" <= c <= "\u097f" for c in w):
        one = w
        for single, pair in _NUKTA.items():
            one = one.replace(pair, single)
        two = unicodedata.normalize("NFD", one)
        out |= {one, two, two.replace("\u093c", "")}  # and without it, as many type "लडकी"
    return {v for v in out if v}


@dataclass(slots=True)
class _Roles:
    """What one listed word may be: a country's name or demonym, a people noun, a gender word."""

    country: str | None = None  # a country name: counts after "from" or a nationality cue
    after_noun: bool = False  # the name also counts right after a person noun ("граждане Украины")
    demonym: str | None = None  # counts next to a person noun or after a nationality cue
    people: str | None = None  # a noun naming the people of a country: counts by itself
    gender: str | None = None  # "female" or "male"
    always: bool = False  # the gender word counts without a cue ("girls", "девушек")
    equal: bool = False  # an equal-opportunity or both-genders phrase: no gender word near it counts


_LEX: dict[str, _Roles] = {}


# an article or preposition before a place name belongs to the cue ("from the Philippines", "de l'Ukraine"):
# names are listed without it, so no common little word has to be searched for in every ad
_LEAD = re.compile(r"^(?:(?:the|la|le|der|den|de|do|o)\s+|l['’])(?=\w{4})")


def _add(words_: list[str], **roles) -> None:
    place = any(roles.get(k) for k in ("country", "demonym", "people"))
    for word in words_:
        for w in _variants(word):
            if place:
                w = _LEAD.sub("", w)
            r = _LEX.setdefault(w, _Roles())
            for k, v in roles.items():
                if v is not None and not getattr(r, k):
                    setattr(r, k, v)


_EN_PLACES = table("countries")
for _country, _names in _EN_PLACES["demonyms"].items():
    _add([_country.lower()], country=_country)
    _add(_names, demonym=_country)
for _alias, _country in _EN_PLACES["aliases"].items():
    _add([_alias], country=_country)
_EN_GENDER = table("gender_words")
for _sex in ("female", "male"):
    _add(_EN_GENDER[_sex], gender=_sex)
_add(_EN_GENDER["always"], always=True)

for _t in _TABLES.values():
    _after_noun = bool(_t["people"].get("country_after_noun"))
    for _country, _names in _t.get("countries", {}).items():
        _add(_names, country=_country, after_noun=_after_noun or None)
    for _country, _names in _t.get("genitive", {}).items():
        _add(_names, country=_country, after_noun=True)
    for _country, _names in _t.get("demonyms", {}).items():
        _add(_names, demonym=_country)
    for _country, _names in _t.get("nationals", {}).items():
        _add(_names, people=_country)
    for _country, _names in _t.get("women", {}).items():
        _add(_names, people=_country, gender="female", always=True)
    for _sex in ("female", "male"):
        _add(_t["gender"][_sex], gender=_sex)
    _add(_t["gender"]["always"], always=True)
    for _phrase in _t["people"].get("not_places", []):
        _LEX.setdefault(fold(_phrase), _Roles())  # found like a name, so the name inside it is not


def _cue(key: str, section: str = "people") -> set[str]:
    return {w for t in _TABLES.values() for item in t[section].get(key, []) for w in _variants(item)}


# equal-opportunity phrases that start with a distinctive word are listed words like the rest; the
# others ("m/w/d", "(h/f)", "all genders") are one pattern, read only around a gender word that counts
_COMMON_FIRST = frozenset({"all", "any", "the", "non", "les", "and", "for", "not", "who", "dla", "pour", "para"})
_EQUAL_SHORT: list[str] = []
for _item in _cue("equal", "gender"):
    _first = re.match(r"[^\W_]+", _item)
    if _first and _item[0].isalnum() and len(_first.group()) >= 3 and _first.group() not in _COMMON_FIRST:
        _add([_item], equal=True)
    else:
        _EQUAL_SHORT.append(_item)
_CODES = frozenset(w.strip("()") for w in _EQUAL_SHORT if "/" in w)  # "m/w/d", "h/f", "k/m", "м/ж"
_CODE = re.compile(r"(?<![\w/])[^\W\d_]{1,3}(?:/[^\W\d_]{1,3}){1,3}(?![\w/])")
_EQUAL = re.compile("|".join(
    r"(?<!\w)" + re.escape(w).replace(r"\ ", r"\s{1,2}") + (r"(?!\w)" if w[-1].isalnum() else "")
    for w in sorted((w for w in _EQUAL_SHORT if "/" not in w), key=lambda w: (-len(w), w))
))


def origin_words() -> frozenset[str]:
    """Every language's folded words for "from" after a person noun, for the age window."""
    return frozenset(_cue("from"))


def _equal_near(low: str, s: int, e: int) -> bool:
    """Whether an equal-opportunity code or short phrase stands within reach of ``low[s:e]``."""
    lo, hi = max(0, s - 120), min(len(low), e + 120)
    if "/" in low[lo:hi] and any(m.group() in _CODES for m in _CODE.finditer(low, lo, hi)):
        return True
    return bool(_EQUAL.search(low, lo, hi))


# Cues are read word by word around a hit (sets, not big alternations tried at every offset):
# a word is compared without the punctuation that clings to it, but a full stop ends a phrase.
_CLING = ",;:()[]\"'’“”«»„!?*•-–—"
_TOKEN = re.compile(r"\S+")
_NUMBER = re.compile(r"\d{1,2}(?:[-/]\d{2})?\+?")


def _norm(word: str) -> str:
    return word.strip(_CLING)


@dataclass(frozen=True, slots=True)
class _Phrases:
    """Cue phrases as normalised words, matched at the end or the start of a run of words."""

    items: frozenset[str]
    longest: int

    @classmethod
    def of(cls, phrases: set[str]) -> _Phrases:
        normed = {" ".join(w for w in map(_norm, p.split()) if w) for p in phrases}
        normed.discard("")
        return cls(frozenset(normed), max((n.count(" ") + 1 for n in normed), default=0))

    def ending(self, words_: list[str], end: int) -> int:
        """Start of the longest phrase that ends at ``words_[end - 1]``, or -1."""
        for n in range(min(self.longest, end), 0, -1):
            if " ".join(words_[end - n:end]) in self.items:
                return end - n
        return -1

    def starting(self, words_: list[str], start: int) -> int:
        """End of the longest phrase that starts at ``words_[start]``, or -1."""
        for n in range(min(self.longest, len(words_) - start), 0, -1):
            if " ".join(words_[start:start + n]) in self.items:
                return start + n
        return -1


_NOUNS = _Phrases.of(_cue("nouns"))
_AFTER_COUNTRY = _Phrases.of(_cue("after_country"))
_FROM = _Phrases.of(_cue("from"))
_NATIONALITY = _Phrases.of(_cue("nationality"))
_FILLER = frozenset({"only", "all", "is", "the", "solo", "sólo", "nur", "только", "тільки", "tylko", "doar", "chỉ"})
_MODIFIERS = frozenset(w for p in _cue("modifiers") for w in map(_norm, p.split()) if w)
_JOINERS = frozenset(_norm(w) for w in _cue("joiners"))
_NOT = _Phrases.of(_cue("not_before", "gender"))
_GENDER_BEFORE = _Phrases.of(_cue("before", "gender"))
_GENDER_AFTER = _Phrases.of(_cue("after", "gender"))
# after-cues that open an age or an origin rather than finish the phrase ("girls from", "девушки от 18")
_OPENS = _FROM.items | {_norm(fold(w)) for w in (
    "aged", "age", "between", "entre", "zwischen", "tra i", "dai", "tussen", "între", "intre", "w wieku",
    "в возрасте", "возраст", "у віці", "віком", "на възраст", "từ", "tuổi", "độ tuổi", "usia", "umur", "edad",
    "na may edad", "cu vârsta", "cu varsta", "im alter", "dưới", "trên", "max", "min", "maksimal")}


def _words_before(low: str, p: int, reach: int = 80) -> tuple[list[str], list[int]]:
    """The normalised words before ``p`` (nearest last) and where each starts."""
    base = max(0, p - reach)
    found = [(m.start() + base, _norm(m.group())) for m in _TOKEN.finditer(low[base:p])]
    if base and found and found[0][0] == base:
        found = found[1:]  # cut mid-word by the reach
    found = [(s, w) for s, w in found if w]
    return [w for _, w in found], [s for s, _ in found]


def _words_after(low: str, e: int, reach: int = 64) -> list[str]:
    """The normalised words after ``e``; a full stop may close the last word of a phrase here."""
    return [w for w in (_norm(x).rstrip(".") for x in low[e:e + reach].split()[:10]) if w]


def _is_modifier(word: str) -> bool:
    return word in _MODIFIERS or bool(_NUMBER.fullmatch(word))


def _modifier_ends(words_: list[str], end: int, limit: int):
    """``end`` and each earlier end reached by skipping up to ``limit`` modifiers."""
    yield end
    while limit and end and _is_modifier(words_[end - 1]):
        end, limit = end - 1, limit - 1
        yield end


def _noun_before(words_: list[str], end: int) -> bool:
    return any(_NOUNS.ending(words_, j) >= 0 for j in _modifier_ends(words_, end, 5))


def _noun_after(low: str, e: int) -> bool:
    after = _words_after(low, e)
    i = 0
    while True:
        if _NOUNS.starting(after, i) >= 0:
            return True
        if i >= 2 or i >= len(after) or not _is_modifier(after[i]):
            return False
        i += 1


def _cue_before(words_: list[str]) -> bool:
    """A "from" cue after a person noun, or a nationality cue, ends ``words_``."""
    ends = [len(words_)]
    if words_ and words_[-1] in _FILLER:
        ends.append(len(words_) - 1)
    for end in ends:
        if _NATIONALITY.ending(words_, end) >= 0:
            return True
        i = _FROM.ending(words_, end)
        if i >= 0 and _noun_before(words_, i):
            return True
    return False


# Each listed name is found through its longest word (its anchor), and that word through its
# ASCII fragments in ``context.words``: a word whose every fragment is in the ad is searched for,
# names whose anchor is not ASCII only in an ad that is not. Anchors with no ASCII letter at all
# once folded are looked for directly.
_ANCHORED: dict[str, list[tuple[str, int]]] = {}  # anchor -> (name, offset of the anchor), longest first
for _name in sorted(_LEX, key=lambda n: (-len(n), n)):
    _tokens = list(re.finditer(r"[^\W_]+", _name))
    if _tokens:
        _a = max(_tokens, key=lambda m: len(m.group()))
        _ANCHORED.setdefault(_a.group(), []).append((_name, _a.start()))
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_EXT = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
# fragment -> (anchor, its other fragments, its script); an anchor's script must be in the ad
_BY_FRAGMENT: dict[bytes, list[tuple[str, frozenset[bytes], str]]] = {}
_BARE: list[str] = []
for _anchor in sorted(_ANCHORED):
    _frags = words(_anchor)
    if not _frags:
        _BARE.append(_anchor)
        continue
    _script = "ascii" if _anchor.isascii() else "cyrillic" if _CYRILLIC.search(_anchor) else "latin"
    _key = max(sorted(_frags), key=len)
    _BY_FRAGMENT.setdefault(_key, []).append((_anchor, _frags - {_key}, _script))
_FRAGMENTS = frozenset(_BY_FRAGMENT)


_last: tuple[str, list[tuple[int, int, str]]] = ("", [])


def _anchors(context: Context) -> list[str]:
    """The anchors that may stand in the ad, by the pre-check on its ASCII words and its scripts."""
    ws, low = context.words, context.low
    scripts = {"ascii"}
    if not low.isascii():
        scripts |= {name for name, rx in (("cyrillic", _CYRILLIC), ("latin", _LATIN_EXT)) if rx.search(low)}
    found = [a for k in ws & _FRAGMENTS for a, rest, script in _BY_FRAGMENT[k]
             if script in scripts and (not rest or rest <= ws)]
    if not low.isascii():  # names with no ASCII letter (Cyrillic, Devanagari) are looked for directly
        found += [a for a in _BARE if a in low]
    return sorted(found)  # in one order, so a capped list is always the same


def _hits(context: Context) -> list[tuple[int, int, str]]:
    """The listed names in the ad as (start, end, name), the longest where several overlap;
    read once per ad for both targeting kinds."""
    global _last
    low = context.low
    if _last[0] is low:
        return _last[1]
    found: list[tuple[int, int, str]] = []
    for anchor in _anchors(context):
        for q in positions(low, anchor):
            if len(found) >= 4 * MAX_FOUND:
                break
            for name, offset in _ANCHORED[anchor]:
                p = q - offset
                e = p + len(name)
                if p >= 0 and low.startswith(name, p) and whole_word_at(low, p, name):
                    found.append((p, e, name))
                    break
    found.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, str]] = []
    for h in found:
        if out and h[0] < out[-1][1]:
            if h[1] - h[0] > out[-1][1] - out[-1][0]:
                out[-1] = h  # a longer name that starts inside a shorter one ("việt nam" over "nam")
            continue
        out.append(h)
    _last = (low, out)
    return out


def _country_at(low: str, p: int, e: int, r: _Roles) -> str | None:
    """The country a name at ``low[p:e]`` targets, or None when nothing around it makes it targeting."""
    if r.people:
        return r.people
    before, _ = _words_before(low, p)
    if r.demonym and (_noun_after(low, e) or _noun_before(before, len(before))
                      or _NATIONALITY.ending(before, len(before)) >= 0):
        return r.demonym
    if r.country and (_cue_before(before) or _AFTER_COUNTRY.starting(_words_after(low, e), 0) >= 0
                      or (r.after_noun and _noun_before(before, len(before)))):
        return r.country
    return None


def _negated(low: str, p: int) -> bool:
    before, _ = _words_before(low, p, 32)
    return _NOT.ending(before, len(before)) >= 0


def _joined(low: str, end: int, p: int) -> bool:
    """Whether only a comma, a slash or a joining word stands between a found origin and ``low[p:]``."""
    between = low[end:p]
    if len(between) > 12 or "." in between:
        return False
    ws = [w for w in between.replace("/", " ").split() if _norm(w)]
    return len(ws) <= 1 and all(_norm(w) in _JOINERS for w in ws) and (bool(ws) or "," in between or "/" in between)


def find_nationalities(text: str, context: Context) -> list[Entity]:
    """Countries and demonyms next to a person noun or a "from"/"nationality" cue, and nouns for a country's people."""
    low = context.low
    out: list[Entity] = []
    for p, e, name in _hits(context):
        if len(out) >= MAX_FOUND:
            break
        r = _LEX[name]
        if not (r.country or r.demonym or r.people):
            continue
        country = _country_at(low, p, e, r)
        if country is None and out and _joined(low, out[-1].end, p):
            country = r.people or r.country or r.demonym  # "из Украины и Молдовы", "z Ukrainy i Białorusi"
        if country and not _negated(low, p):
            out.append(Entity(kind="nationality", value=country, text=text[p:e], start=p, end=e))
    return out


def _demonym_next_to(low: str, s: int, e: int) -> bool:
    """Whether a demonym or a people noun stands right before or after the word at ``low[s:e]``."""
    before = re.search(r"([^\W\d_]+)\s{1,2}$", low[max(0, s - 32):s])
    after = re.match(r"\s{1,2}([^\W\d_]+)", low[e:e + 32])
    for m in (before, after):
        r = _LEX.get(m.group(1)) if m else None
        if r and (r.demonym or r.people):
            return True
    return False


def _gender_before(low: str, s: int) -> int:
    """Where a cue before the gender word at ``s`` starts ("hiring", "ищем молодых"), or -1."""
    before, starts = _words_before(low, s, 48)
    if before and not low[s - 1:s].isspace() and not low[s - 1:s] in ":,(":
        return -1
    for j in _modifier_ends(before, len(before), 2):
        i = _GENDER_BEFORE.ending(before, j)
        if i >= 0:
            return starts[i]
    return -1


def _gender_after(low: str, e: int) -> tuple[bool, int]:
    """Whether a cue follows the gender word ending at ``e``, and where the phrase it finishes ends."""
    m = re.match(r"(,?)\s{1,2}(\S+)", low[e:e + 48])
    if not m:
        return False, e
    if re.match(r"\d{2}(?![\d%])", m.group(2)):
        return True, e
    if m.group(1):
        return False, e  # past a comma only an age tells who is wanted ("girls, 18-25")
    after = _words_after(low, e, 48)[:4]
    n = _GENDER_AFTER.starting(after, 0)
    if n < 0:
        return False, e
    tail = " ".join(after[:n])
    if tail in _OPENS or re.search(r"\d", tail):
        return True, e
    # the cue's last word ends where its text ends, trailing punctuation left out
    last = after[n - 1]
    end = low.find(last, e, e + 48 + len(last))
    return True, (end + len(last) if end >= 0 else e)


def find_genders(text: str, context: Context) -> list[Entity]:
    """Gender words with a cue around them, outside equal-opportunity statements and after no negation."""
    low = context.low
    hits = _hits(context)
    equal = [(p, e) for p, e, name in hits if _LEX[name].equal]
    out: list[Entity] = []
    for s, e, name in hits:
        if len(out) >= MAX_FOUND:
            break
        r = _LEX[name]
        if not r.gender:
            continue
        if low[e:e + 1] in ("'", "’", "-", "_", "/", "#") or (s and low[s - 1] in "-_/#"):
            continue  # "women's wear", "girls' school", parts of links and names
        if any(p < e + 120 and q > s - 120 for p, q in equal) or _negated(low, s):
            continue
        pre = _gender_before(low, s)
        post, end = _gender_after(low, e)
        if not (r.always or pre >= 0 or post or _demonym_next_to(low, s, e)):
            continue
        if _equal_near(low, s, e):
            continue
        out.append(Entity(kind="gender", value=r.gender, text=text[pre if pre >= 0 else s:end],
                          start=pre if pre >= 0 else s, end=end))
    return out


NATIONALITIES = Extractor(kinds=("nationality",), find=find_nationalities)
GENDERS = Extractor(kinds=("gender",), find=find_genders)
