"""Choosing the country of a report's help: the region asked for, the ad's phone numbers, its language."""

from redflag.entities.base import Entity
from redflag.help import INTERNATIONAL, country_of_phones, help_for


def phone(value: str, kind: str = "phone") -> Entity:
    return Entity(kind=kind, value=value, text=value, start=0, end=len(value))


def test_country_of_phones_reads_any_messenger_and_fictional_ranges():
    assert country_of_phones([phone("+447700900123", "whatsapp")]) == "GB"  # Ofcom's drama range
    assert country_of_phones([phone("+34612345678"), phone("+34612345679"), phone("+447911123456")]) == "ES"
    assert country_of_phones([Entity(kind="email", value="a@b.com", text="a@b.com", start=0, end=7)]) is None
    assert country_of_phones([]) is None


def countries(lines):
    return list(dict.fromkeys(line.country for line in lines))


def test_region_beats_phones_and_phones_beat_language():
    ents = [phone("+447700900123", "whatsapp")]
    assert countries(help_for(region="it", entities=ents, lang="es")) == ["IT", INTERNATIONAL]
    assert countries(help_for(entities=ents, lang="es")) == ["GB", INTERNATIONAL]
    assert countries(help_for(lang="es")) == ["ES", "MX", INTERNATIONAL]


def test_a_country_without_lines_falls_through_to_the_next_source():
    ents = [phone("+97141234567")]  # the United Arab Emirates: no lines in the table
    assert countries(help_for(region="AE", entities=ents, lang="pl")) == ["PL", INTERNATIONAL]
    assert countries(help_for(lang="und")) == [INTERNATIONAL]
