"""Redaction: stable tokens, tokens read back as identifiers, link keys and masked results."""

from __future__ import annotations

from redflag.entities import extract, link_key, redact, redact_entity, redaction_token
from redflag.entities.redaction import MASK, RedactedEntity, mask_text, redact_result
from redflag.result import Evidence, Flag, Result


def test_anonymisation_tokens_are_identifiers():
    text = "Call #PHONE_abc123def0# or mail #EMAIL_0123456789abcdef# see #URL_deadbeef00#"
    got = [(e.kind, e.value) for e in extract(text)]
    assert got == [("phone", "#PHONE_abc123def0#"), ("email", "#EMAIL_0123456789abcdef#"), ("url", "#URL_deadbeef00#")]


def test_entity_dict_and_links():
    e = extract("WhatsApp +44 7700 900123", "GB")[0]
    assert e.to_dict() == {"kind": "whatsapp", "value": "+447700900123", "text": "+44 7700 900123", "start": 9, "end": 24}
    assert link_key(e) == ("number", "+447700900123")
    assert link_key(extract("call 07700 900123", "GB")[0]) == link_key(e)


def test_link_keys_of_domains_tokens_and_targeting():
    url = extract("see https://jobs.example.co.uk/x")[0]
    assert link_key(url) == ("domain", "example.co.uk")
    token = extract("mail [email:0123abcd]")[0]
    assert link_key(token) == ("redacted", "0123abcd")
    assert link_key(extract("Earn £450 per week")[0]) is None


def test_redaction_is_stable_and_masks_only_contacts():
    text = "Call 07700 900123 or jane@mail.com, £450 per week, girls 18-25, www.foo.com"
    ents = extract(text, "GB")
    out = redact(text, ents)
    token = redaction_token("phone", "+447700900123")
    assert token == redaction_token("phone", "+447700900123") and token.startswith("[phone:") and len(token) == 16
    assert out.startswith(f"Call {token} or [email:")
    assert "07700" not in out and "jane@" not in out
    assert "£450 per week" in out and "18-25" in out and "www.foo.com" in out
    assert redact(text, ents, salt="other") != out
    # the same number spelt differently gets the same token, so redacted ads still link
    assert redact("call +44 7700 900 123", extract("call +44 7700 900 123", "GB")) == f"call {token}"
    again = extract(out)
    assert {(e.kind, e.value) for e in again if e.kind == "phone"} == {("phone", token)}


def test_redact_entity_for_json():
    e = extract("mail jane@mail.com", "GB")[0]
    d = redact_entity(e)
    assert d == e.redacted()
    assert d["value"] == d["text"] == redaction_token("email", "jane@mail.com")
    assert "jane" not in str(d)
    money = extract("£450 per week")[0]
    assert redact_entity(money) == money.to_dict()


def test_redact_extracts_when_not_given_entities():
    assert redact("Earn £450 per week") == "Earn £450 per week"
    assert redact("mail jane@mail.com") == "mail " + redaction_token("email", "jane@mail.com")


def test_mask_text_keeps_length_and_spaces():
    text = "call +44 7700 900123 now"
    masked = mask_text(text, extract(text, "GB"))
    assert masked == "call *** **** ****** now"
    assert len(masked) == len(text)


def test_redact_result_masks_evidence_and_tokens_entities():
    text = "WhatsApp +44 7700 900123 for the job"
    ents = extract(text, "GB")
    flag = Flag(id="X1", title="t", category="fraud", severity="low", confidence="high", indicator="i",
                weight=1.0, rationale="r", advice="a", evidence=(Evidence(text=text[0:24], start=0, end=24),))
    result = Result(score=10, level="low", flags=(flag,), entities=ents)
    shown, masked = redact_result(result, text)
    assert masked == "WhatsApp *** **** ****** for the job"
    assert shown.flags[0].evidence[0].text == masked[0:24]
    assert isinstance(shown.entities[0], RedactedEntity)
    assert shown.entities[0].to_dict()["value"] == redaction_token("whatsapp", "+447700900123")
    assert MASK not in shown.flags[0].id
