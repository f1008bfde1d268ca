"""Entities as the store keeps them, and search terms normalised the same way.

A number is one identifier whether the ad says "phone", "WhatsApp" or "Viber", so every number is
kept as kind ``phone`` (E.164) with the messenger beside it; its search key is the national
number, so "07700 900123" finds "+44 7700 900123" even without a region. Handles are kept per
messenger (``telegram:anna_jobs``) and found by the bare handle. With redaction, identifiers are
kept only as keyed tokens, and a search term is turned into the same token before it is looked up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redflag.cases.location import StoreError
from redflag.entities.base import MESSAGING_KINDS
from redflag.entities.data import word_list
from redflag.entities.redaction import redaction_token

IDENTIFIER_KINDS = ("phone", "email", "handle", "domain", "url")
TARGET_KINDS = ("age", "nationality", "gender")
_MAIL_PROVIDERS = frozenset(word_list("mail_providers"))
_AGE = re.compile(r"^(<=|<|>=|>)?(\d{1,3})(?:-(\d{1,3}))?(\+)?$")
TOKEN_BYTES = 8  # 64-bit keyed tokens: no collisions to speak of among millions of identifiers


@dataclass(frozen=True, slots=True)
class Stored:
    """One entity row: what it is, its normalised value, what a search matches, and the messenger named."""

    kind: str
    value: str
    key: str
    messenger: str | None = None


def token(kind: str, value: str, secret: str) -> str:
    """The keyed token a redacted store keeps instead of ``value``."""
    return redaction_token(kind, value, secret, TOKEN_BYTES)


def national(e164: str) -> str:
    """The national significant number of an E.164 number (its search key)."""
    import phonenumbers

    try:
        return str(phonenumbers.parse(e164, None).national_number)
    except phonenumbers.NumberParseException:
        return e164.lstrip("+")


def _is_number(value: str) -> bool:
    return value.startswith("+") and value[1:].isdigit()


def stored(entity: dict, secret: str | None = None) -> list[Stored]:
    """The rows one extracted entity (``Entity.to_dict()``) becomes; ``secret`` redacts identifiers."""
    kind, value = str(entity.get("kind", "")), str(entity.get("value", ""))
    if not kind or not value:
        return []
    out: list[Stored] = []
    if kind == "phone" or (kind in MESSAGING_KINDS and _is_number(value)):
        out.append(Stored("phone", value, national(value) if _is_number(value) else value,
                          kind if kind != "phone" else None))
    elif kind in MESSAGING_KINDS:
        handle = value.lower().lstrip("@")
        out.append(Stored("handle", f"{kind}:{handle}", handle, kind))
    elif kind == "email":
        out.append(Stored("email", value.lower(), value.lower()))
        domain = str(entity.get("domain") or value.rpartition("@")[2]).lower()
        if domain and domain not in _MAIL_PROVIDERS:
            out.append(Stored("domain", domain, domain))
    elif kind == "url":
        out.append(Stored("url", value, value.lower()))
        if entity.get("domain"):
            out.append(Stored("domain", str(entity["domain"]).lower(), str(entity["domain"]).lower()))
    elif kind in ("nationality", "age", "gender", "money"):
        out.append(Stored(kind, value, value.lower()))
    if secret is not None:
        out = [Stored(s.kind, token(s.kind, s.value, secret), token(s.kind, s.key, secret), s.messenger)
               if s.kind in IDENTIFIER_KINDS else s for s in out]
    return out


def age_bounds(value: str) -> tuple[int | None, int | None]:
    """The youngest and oldest age an age entity value names (``18-25``, ``18+``, ``<=25``)."""
    m = _AGE.match(value.replace(" ", ""))
    if not m:
        return None, None
    op, a, b, plus = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    if b is not None:
        return min(a, int(b)), max(a, int(b))
    if plus or op in (">=", ">"):
        return a + (op == ">"), None
    if op in ("<=", "<"):
        return None, a - (op == "<")
    return a, a


def phone_keys(term: str, region: str | None) -> list[str]:
    """Search keys for a phone number as a user types it: the national number, with or without a region."""
    import phonenumbers

    raw = term.strip()
    digits = re.sub(r"[^\d+]", "", raw)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if len(re.sub(r"\D", "", digits)) < 6:
        raise StoreError(f"--phone {term!r}: not a phone number")
    if digits.startswith("+") or region:
        try:
            parsed = phonenumbers.parse(digits, None if digits.startswith("+") else region.upper())
            return [str(parsed.national_number)]
        except phonenumbers.NumberParseException:
            raise StoreError(f"--phone {term!r}: not a phone number") from None
    return [digits.lstrip("0")]  # a national number typed with its trunk prefix


def phone_values(term: str, region: str | None) -> list[str]:
    """E.164 forms of ``term`` (for redacted stores, which keep only tokens of E.164 values)."""
    import phonenumbers

    digits = re.sub(r"[^\d+]", "", term.strip())
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not digits.startswith("+") and not region:
        raise StoreError(f"--phone {term!r}: give the number with its country code, or --region, for a redacted store")
    try:
        parsed = phonenumbers.parse(digits, None if digits.startswith("+") else region.upper())
    except phonenumbers.NumberParseException:
        raise StoreError(f"--phone {term!r}: not a phone number") from None
    return [phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)]


def handle_key(term: str) -> str:
    """A handle as typed (``@Anna_Jobs``, ``t.me/anna_jobs``) reduced to its search key."""
    t = term.strip().lower()
    t = re.sub(r"^(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|instagram\.com|wa\.me|m\.me|facebook\.com)/", "", t)
    t = t.lstrip("@").strip("/")
    if not t or not re.fullmatch(r"[\w.\-]{2,64}", t):
        raise StoreError(f"--handle {term!r}: not a handle")
    return t


def email_key(term: str) -> str:
    """An e-mail address as the store keeps it."""
    t = term.strip().lower()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", t):
        raise StoreError(f"--email {term!r}: not an e-mail address")
    return t


def domain_key(term: str) -> str:
    """A domain (or a URL, whose domain is taken) as the store keeps it."""
    from redflag.entities.domains import registered_domain

    t = re.sub(r"^(?:https?://)?", "", term.strip().lower()).split("/", 1)[0].split("@")[-1]
    if not re.fullmatch(r"[a-z0-9\-.]+\.[a-z0-9\-]{2,}", t):
        raise StoreError(f"--domain {term!r}: not a domain")
    return registered_domain(t)
