"""The help-line table: every entry sourced, dated and reachable; numbers that really are numbers."""

import datetime as dt
import re

import phonenumbers
import pytest
from phonenumbers import shortnumberinfo

from redflag.help import INTERNATIONAL, all_lines, countries_of, lines_for
from redflag.help.lines import KINDS

LINES = all_lines()
# the main countries of the languages the rule packs read, which must each have help
REQUIRED = {"GB", "US", "IE", "ES", "MX", "DE", "AT", "FR", "BE", "IT", "PT", "BR", "NL", "PL", "RO", "BG", "RU",
            "UA", "VN", "PH", "ID"}
URL = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(/[\w./-]*)?$")


def _id(line):
    return f"{line.country}:{line.name}"


@pytest.mark.parametrize("line", LINES, ids=_id)
def test_every_entry_has_a_source_a_checked_date_and_a_way_to_reach_it(line):
    assert URL.match(line.source), line.source
    assert isinstance(line.checked, dt.date) and dt.date(2025, 1, 1) <= line.checked <= dt.date.today()
    assert line.phone or line.url
    assert line.url == "" or URL.match(line.url)
    assert line.name and line.purpose.endswith(".") and line.kind in KINDS
    assert line.languages and all(re.fullmatch(r"[a-z]{2}", lang) for lang in line.languages)
    assert line.country == INTERNATIONAL or re.fullmatch(r"[A-Z]{2}", line.country)


@pytest.mark.parametrize("line", [line for line in LINES if line.phone or line.sms], ids=_id)
def test_numbers_parse(line):
    for number in filter(None, (line.phone, line.sms)):
        digits = re.sub(r"[\s-]", "", number)
        assert digits.isdigit(), number
        if len(digits) <= 6:  # a short code: the number plan's own data knows most of them
            parsed = phonenumbers.parse(digits, line.country)
            known = shortnumberinfo.is_valid_short_number_for_region(parsed, line.country)
            assert known or 3 <= len(digits) <= 6, number
        else:
            assert phonenumbers.is_valid_number(phonenumbers.parse(number, line.country)), number


def test_every_main_country_has_help_and_an_emergency_number():
    countries = {line.country for line in LINES}
    assert REQUIRED <= countries
    for country in REQUIRED:
        lines = [line for line in LINES if line.country == country]
        assert any(not line.emergency for line in lines), country
        assert sum(line.emergency for line in lines) == 1, country


def test_short_codes_known_to_the_number_plan_are_valid_there():
    for number, country in (("116006", "PT"), ("016", "ES"), ("1522", "IT"), ("3919", "FR"), ("999", "GB")):
        assert shortnumberinfo.is_valid_short_number_for_region(phonenumbers.parse(number, country), country)
        assert any(re.sub(r"\s", "", line.phone) == number for line in LINES if line.country == country)


def test_lines_for_a_country_come_first_then_the_international_ones():
    lines = lines_for(country="gb")
    assert lines[0].name == "Modern Slavery & Exploitation Helpline" and lines[0].phone == "08000 121 700"
    countries = [line.country for line in lines]
    assert set(countries) == {"GB", INTERNATIONAL} and countries.index(INTERNATIONAL) > countries.index("GB")
    assert countries[-1] == INTERNATIONAL


def test_lines_for_a_language_are_its_main_countries():
    assert countries_of("ES") == ("ES", "MX")
    assert [c for c in dict.fromkeys(line.country for line in lines_for(lang="es"))] == ["ES", "MX", INTERNATIONAL]
    us = [line for line in lines_for(lang="en") if line.country == "US"]
    assert us[0].phone == "1-888-373-7888" and us[0].sms == "233733"


def test_country_wins_over_language_and_unknowns_leave_the_international_lines():
    assert {line.country for line in lines_for(country="IT", lang="es")} == {"IT", INTERNATIONAL}
    assert {line.country for line in lines_for(country="ZZ")} == {INTERNATIONAL}
    assert {line.country for line in lines_for(lang="xx")} == {INTERNATIONAL}
    assert {line.country for line in lines_for()} == {INTERNATIONAL}


def test_to_dict_leaves_out_empty_fields():
    d = lines_for(country="US")[0].to_dict()
    assert d["sms"] == "233733" and d["checked"] and "email" not in d
