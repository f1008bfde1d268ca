"""Registered domains and TLDs: what links and addresses are linked by."""

from __future__ import annotations

from redflag.entities.domains import MULTI_SUFFIXES, TLDS, WORDY_TLDS, registered_domain


def test_registered_domain_keeps_the_part_a_person_registers():
    assert registered_domain("a.b.example.com.au") == "example.com.au"
    assert registered_domain("jobs.example.co.uk") == "example.co.uk"
    assert registered_domain("www2.example.com") == "example.com"
    assert registered_domain("WWW.Foo.com.") == "foo.com"
    assert registered_domain("a.b.example.com") == "example.com"


def test_suffix_tables_agree_with_each_other():
    assert {"com", "net", "uk", "xyz"} <= TLDS
    assert {"work", "to", "jobs"} <= WORDY_TLDS
    assert all(s.split(".")[-1] in TLDS for s in MULTI_SUFFIXES)
