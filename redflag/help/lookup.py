"""Which country's help a report shows: the one asked for, else the ad's phone numbers', else its language's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from redflag.help.lines import HelpLine, all_lines, lines_for


def country_of_phones(entities: Iterable[object]) -> str | None:
    """The country most of the ad's phone numbers (E.164 values, any messenger) belong to, or None."""
    import phonenumbers

    counts: Counter[str] = Counter()
    for ent in entities:
        value = str(getattr(ent, "value", ""))
        if not value.startswith("+"):
            continue
        try:
            number = phonenumbers.parse(value)
        except phonenumbers.NumberParseException:
            continue
        # fictional ranges have no region of their own: their country code still names the country
        region = phonenumbers.region_code_for_number(number) or phonenumbers.region_code_for_country_code(number.country_code)
        if region and region != "ZZ":
            counts[region] += 1
    return counts.most_common(1)[0][0] if counts else None


def help_for(*, region: str | None = None, entities: Iterable[object] = (), lang: str | None = None) -> list[HelpLine]:
    """The help lines for one ad: of ``region``, else of the country of its phone numbers, else of its language.

    A country the table has no lines for falls through to the next source, so a reader is never left
    with the international lines alone when the ad says more.
    """
    known = {line.country for line in all_lines()}
    for country in (region, country_of_phones(entities)):
        if country and country.upper() in known:
            return lines_for(country=country)
    return lines_for(lang=lang if lang and lang != "und" else None)
