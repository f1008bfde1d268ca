"""E-mails: plain and written-out addresses are found; prose with "at" is not an address."""

from __future__ import annotations

from redflag.entities import emails
from redflag.entities.base import Context


def test_emails_plain_and_obfuscated(found):
    text = ("Mail Jane.Doe@Example.CO.UK, jane [at] mail [dot] com, bob(at)mail.com, "
            "anna at gmail dot com or x_y at yahoo.com")
    got = found(text, "email")
    assert [e.value for e in got] == ["jane.doe@example.co.uk", "jane@mail.com", "bob@mail.com",
                                      "anna@gmail.com", "x_y@yahoo.com"]
    assert got[0].domain == "example.co.uk"
    assert [e.text for e in got][1] == "jane [at] mail [dot] com"


def test_prose_with_at_is_not_an_email(found):
    assert found("Work at home. Net pay is great. Meet at noon dot", "email") == []
    assert found("Deadline is November 10th at 8am.To apply, write", "email") == []


def test_unknown_tld_is_not_an_obfuscated_address(found):
    assert found("write to anna [at] mail [dot] notatld", "email") == []


def test_find_claims_addresses_so_links_skip_them():
    text = "mail jane@example.com"
    context = Context.of(text)
    got = emails.find(text, context)
    assert [(e.value, e.domain, e.start, e.end) for e in got] == [("jane@example.com", "example.com", 5, 21)]
    assert context.taken.overlaps(10, 21)


def test_emails_run_whenever_links_or_messengers_are_wanted():
    assert emails.EMAILS.wanted(frozenset({"url"}))
    assert emails.EMAILS.wanted(frozenset({"telegram"}))
    assert not emails.EMAILS.wanted(frozenset({"money"}))
