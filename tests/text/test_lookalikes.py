"""The disguise tables read from their data file: one home, shapes the normaliser relies on."""

from redflag.text import lookalikes, normalise


def test_tables_have_the_shapes_normalisation_needs():
    assert lookalikes.LOOKALIKES["а"] == "a" and lookalikes.LOOKALIKES["Р"] == "P"  # Cyrillic а and Р
    assert all(len(k) == 1 and not k.isascii() and v.isascii() and v.isalpha() for k, v in lookalikes.LOOKALIKES.items())
    assert all(len(k) == 1 and k.isascii() and not k.isalpha() and v.isalpha() for k, v in lookalikes.LEET.items())
    assert lookalikes.PUNCTUATION["\u2019"] == "'" and lookalikes.PUNCTUATION["\u2014"] == "-"
    assert "\u200b" in lookalikes.INVISIBLE and "\u00ad" in lookalikes.INVISIBLE


def test_normalise_offers_the_same_table():
    assert normalise.LOOKALIKES is lookalikes.LOOKALIKES
