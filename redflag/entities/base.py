"""What every entity kind shares: the Entity, the Extractor interface and the order they run in.

Extractors run in registry order over one folded copy of the ad. Identifiers claim their spans
as they are found, so a later extractor never reports a number inside an e-mail address or a
handle inside a link; the result is sorted by position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Collection

from redflag.entities.folding import fold, words

__all__ = ["Entity", "Extractor", "Context", "Spans", "MESSAGING_KINDS", "MAX_FOUND", "extractors", "all_kinds", "extract"]

# contacts on a messaging or social service: phones, links and handles may each report them
MESSAGING_KINDS = frozenset({"whatsapp", "telegram", "wechat", "viber", "signal", "instagram", "facebook", "zalo",
                             "line", "imo"})
# entities one extractor reports per ad: a real ad holds a handful, and past this a text is a list,
# whose every further entry would cost time without telling a reader anything new
MAX_FOUND = 1000


@dataclass(frozen=True, kw_only=True, slots=True)
class Entity:
    """One identifier or targeting cue: ``text == input[start:end]``, ``value`` is normalised."""

    kind: str
    value: str
    text: str
    start: int
    end: int
    domain: str | None = None

    def to_dict(self) -> dict:
        """The JSON form results and tables carry."""
        d = {"kind": self.kind, "value": self.value, "text": self.text, "start": self.start, "end": self.end}
        if self.domain is not None:
            d["domain"] = self.domain
        return d

    def redacted(self, salt: str | None = None) -> dict:
        """The JSON form with contact details replaced by their stable token."""
        from redflag.entities.redaction import DEFAULT_SALT, redact_entity  # redaction builds on Entity

        return redact_entity(self, DEFAULT_SALT if salt is None else salt)


class Spans:
    """Claimed spans as a mask of the characters they cover: each query and claim costs its own length,
    whatever else is claimed, and spans may overlap."""

    __slots__ = ("mask",)

    def __init__(self) -> None:
        self.mask = bytearray()

    def overlaps(self, s: int, e: int) -> bool:
        """Whether ``[s, e)`` shares a character with a claimed span."""
        return self.mask.find(1, s, e) >= 0

    def covers(self, p: int) -> bool:
        """Whether the character at ``p`` lies in a claimed span."""
        return p < len(self.mask) and self.mask[p] == 1

    def add(self, s: int, e: int) -> None:
        """Claim ``[s, e)``."""
        if e > len(self.mask):
            self.mask.extend(bytes(e - len(self.mask)))
        self.mask[s:e] = b"\x01" * (e - s)


@dataclass(slots=True)
class Context:
    """What extractors read besides the text: its folded copy and words, the phone region, claimed spans."""

    low: str
    words: frozenset[bytes]
    region: str | None = None
    taken: Spans = field(default_factory=Spans)

    @classmethod
    def of(cls, text: str, region: str | None = None) -> Context:
        """The context of one ad, with nothing claimed yet."""
        low = fold(text)
        return cls(low=low, words=words(low), region=region)


@dataclass(frozen=True, slots=True)
class Extractor:
    """One kind of entity: the kinds it reports, how to find them, and which wanted kinds need it.

    ``needed_for`` defaults to ``kinds``; an identifier extractor whose claims keep others off its
    spans lists those kinds too, so asking for fewer kinds never changes what is found.
    """

    kinds: tuple[str, ...]
    find: Callable[[str, Context], list[Entity]]
    needed_for: frozenset[str] = frozenset()

    def wanted(self, want: frozenset[str]) -> bool:
        """Whether this extractor must run when ``want`` are the kinds asked for."""
        return not want.isdisjoint(self.needed_for or self.kinds)


@cache
def extractors() -> tuple[Extractor, ...]:
    """The registry, in the order extractors run: stand-in tokens and e-mails claim their spans
    before links, links before handles and phones; messengers named with no contact after them are
    read from what those claimed; targeting cues claim nothing."""
    # the kind modules build on this one, so they are imported when the registry is first read
    from redflag.entities import ages, emails, handles, messengers, money, phones, redaction, targeting, urls

    return (redaction.TOKENS, emails.EMAILS, urls.URLS, handles.HANDLES, phones.PHONES, messengers.MESSENGERS,
            money.MONEY, ages.AGES, targeting.NATIONALITIES, targeting.GENDERS)


@cache
def all_kinds() -> tuple[str, ...]:
    """Every kind an extractor reports, in registry order."""
    return tuple(dict.fromkeys(k for x in extractors() for k in x.kinds))


def extract(text: str, region: str | None = None, *, kinds: Collection[str] | None = None) -> tuple[Entity, ...]:
    """Every identifier and targeting cue in ``text``, sorted by position; ``kinds`` limits the search."""
    if not text:
        return ()
    want = frozenset(kinds) if kinds is not None else frozenset(all_kinds())
    context = Context.of(text, region)
    found: list[Entity] = []
    for extractor in extractors():
        if extractor.wanted(want):
            found += extractor.find(text, context)
    if kinds is not None:
        found = [e for e in found if e.kind in want]
    found.sort(key=lambda e: (e.start, e.end, e.kind))
    return tuple(found)
