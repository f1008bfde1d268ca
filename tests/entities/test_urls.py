"""Links: reported by registered domain; messaging links by the handle or number they name."""

from __future__ import annotations

from redflag.entities import extract, registered_domain, urls
from redflag.entities.base import Context


def test_urls_and_registered_domains(found):
    text = "Apply at https://jobs.example.co.uk/apply?x=1, www.foo.com or recruit-now.net/form."
    got = found(text, "url")
    assert [e.value for e in got] == ["example.co.uk", "foo.com", "recruit-now.net"]
    assert got[0].text == "https://jobs.example.co.uk/apply?x=1"
    assert got[2].text == "recruit-now.net/form"
    assert registered_domain("a.b.example.com.au") == "example.com.au"


def test_joined_sentences_and_tech_names_are_not_urls(found):
    assert found("Tasks to be taken.Work well with others on ASP.NET and Node.js.", "url") == []


def test_messaging_links_name_their_handle():
    got = {(e.kind, e.value) for e in extract("t.me/NightJobs wa.me/447700900124 instagram.com/p/abc123")}
    assert ("telegram", "nightjobs") in got
    assert ("whatsapp", "+447700900124") in got
    assert ("url", "instagram.com") in got  # a post, not a profile


def test_text_without_a_dot_has_no_links():
    context = Context.of("no links here")
    assert urls.find("no links here", context) == []
