"""Mask contact details in a finished result so it can be shared with people who must not see them.

Phones, e-mails and messaging handles are overwritten with ``*`` of the same length, so every
offset stays valid and evidence is still ``masked[start:end]``; entities carry a stable keyed
token instead of their value, so redacted results can still be linked to each other.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from redflag.entities import DEFAULT_SALT, REDACTED_KINDS, Entity, extract
from redflag.result import Evidence, Result

MASK = "*"


@dataclass(frozen=True, slots=True)
class RedactedEntity:
    """An entity whose JSON form hides the contact detail behind its token."""

    entity: Entity
    salt: str = DEFAULT_SALT

    def to_dict(self) -> dict:
        return self.entity.redacted(self.salt)


def mask_text(text: str, entities) -> str:
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
