"""Stand-in tokens for contact details: making them, reading them back, linking and redacting by them.

A redacted ad shows ``[phone:3f9a1c2e]`` where its number was: equal values give equal keyed
tokens, so redacted ads can still be linked, and a token read back from a redacted ad is the
same identifier again. A finished Result is redacted without moving any offset: contact-detail
spans are overwritten with ``*`` of the same length, so evidence is still ``masked[start:end]``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import Iterable

from redflag.entities.base import MESSAGING_KINDS, Context, Entity, Extractor, extract
from redflag.result import Evidence, Result

__all__ = [
    "REDACTED_KINDS", "IDENTIFIER_KINDS", "DEFAULT_SALT", "MASK", "TOKENS", "RedactedEntity",
    "redaction_token", "redact_entity", "redact", "link_key", "mask_text", "redact_result",
]

REDACTED_KINDS = frozenset({"phone", "email"}) | MESSAGING_KINDS
IDENTIFIER_KINDS = REDACTED_KINDS | {"url"}
DEFAULT_SALT = "redflag-v1"
MASK = "*"

# tokens left by other anonymisers ("#PHONE_abc123#") and by redaction_token
_ANON = re.compile(r"#(phone|email|url)_[0-9a-f]{6,64}#")
_REDACTED = re.compile(r"\[(" + "|".join(sorted(REDACTED_KINDS)) + r"):[0-9a-f]{8,16}\]")


def redaction_token(kind: str, value: str, salt: str = DEFAULT_SALT, size: int = 4) -> str:
    """A stable stand-in such as ``[phone:3f9a1c2e]``: equal values give equal tokens (``size`` bytes of keyed hash)."""
    if value.startswith("[") and value.endswith("]"):
        return value  # already a token
    digest = hashlib.blake2s(value.encode("utf-8"), key=salt.encode("utf-8")[:32], digest_size=size).hexdigest()
    return f"[{kind}:{digest}]"


def find_tokens(text: str, context: Context) -> list[Entity]:
    """Stand-in tokens in an already anonymised ad, each claimed as the identifier it replaced."""
    low, taken = context.low, context.taken
    out: list[Entity] = []
    if "#" in low:
        for m in _ANON.finditer(low):
            s, e = m.span()
            out.append(Entity(kind=m.group(1), value=text[s:e], text=text[s:e], start=s, end=e))
            taken.add(s, e)
    if "[" in low:
        for m in _REDACTED.finditer(low):
            s, e = m.span()
            out.append(Entity(kind=m.group(1), value=low[s:e], text=text[s:e], start=s, end=e))
            taken.add(s, e)
    return out


# tokens claim their spans before any other identifier is looked for
TOKENS = Extractor(kinds=("phone", "email", "url"), find=find_tokens, needed_for=IDENTIFIER_KINDS | {"messenger"})


def link_key(entity: Entity) -> tuple[str, str] | None:
    """What two ads must share to be linked by this entity (numbers match across messengers)."""
    kind, value = entity.kind, entity.value
    if kind not in IDENTIFIER_KINDS:
        return None
    if value.startswith("+") and value[1:].isdigit():
        return ("number", value)
    if value.startswith("[") and value.endswith("]") and ":" in value:
        return ("redacted", value[value.index(":") + 1:-1])  # equal values give equal hashes whatever the kind
    if kind == "url" and entity.domain:
        return ("domain", entity.domain)
    return (kind, value)


def redact_entity(entity: Entity, salt: str = DEFAULT_SALT) -> dict:
    """``entity.to_dict()`` with its text and value masked when it is a contact detail."""
    d = entity.to_dict()
    if entity.kind in REDACTED_KINDS:
        token = redaction_token(entity.kind, entity.value, salt)
        d["text"] = d["value"] = token
        if entity.kind != "email":
            d.pop("domain", None)
    return d


def redact(text: str, entities: Iterable[Entity] | None = None, salt: str = DEFAULT_SALT) -> str:
    """``text`` with phones, emails and messaging handles replaced by stable tokens."""
    if entities is None:
        entities = extract(text, kinds=REDACTED_KINDS)
    parts: list[str] = []
    pos = 0
    for ent in sorted(entities, key=lambda x: (x.start, -x.end)):
        if ent.kind not in REDACTED_KINDS or ent.start < pos:
            continue
        parts.append(text[pos:ent.start])
        parts.append(redaction_token(ent.kind, ent.value, salt))
        pos = ent.end
    parts.append(text[pos:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class RedactedEntity:
    """An entity whose JSON form hides the contact detail behind its token."""

    entity: Entity
    salt: str = DEFAULT_SALT

    def to_dict(self) -> dict:
        """The entity's JSON form with its token in place of the contact detail."""
        return redact_entity(self.entity, self.salt)


def mask_text(text: str, entities: Iterable[Entity]) -> str:
    """The text with every contact-detail span overwritten, same length."""
    chars = list(text)
    for ent in entities:
        if ent.kind in REDACTED_KINDS:
            for i in range(ent.start, ent.end):
                if not chars[i].isspace():
                    chars[i] = MASK
    return "".join(chars)


def redact_result(result: Result, text: str, salt: str = DEFAULT_SALT) -> tuple[Result, str]:
    """A copy of ``result`` and of its ad text with contact details masked."""
    entities = result.entities or extract(text, kinds=REDACTED_KINDS)
    masked = mask_text(text, entities)

    def ev(e: Evidence) -> Evidence:
        return Evidence(text=masked[e.start:e.end], start=e.start, end=e.end)

    flags = tuple(replace(f, evidence=tuple(ev(e) for e in f.evidence)) for f in result.flags)
    suppressed = tuple(replace(s, evidence=ev(s.evidence)) for s in result.suppressed)
    model = result.model
    if model is not None:
        terms = []
        for t in model.terms:
            spans = tuple(ev(s) for s in t.spans)
            hidden = any(MASK in s.text for s in spans)
            terms.append(replace(t, term=MASK * len(t.term) if hidden else t.term, spans=spans))
        model = replace(model, terms=tuple(terms))
    shown = tuple(RedactedEntity(e, salt) if e.kind in REDACTED_KINDS else e for e in result.entities)
    return replace(result, flags=flags, suppressed=suppressed, model=model, entities=shown), masked
