"""Row validation: which cells can be checked as one ad, and how a skipped row is reported."""

from __future__ import annotations

from redflag.batch.rows import MAX_AD_CHARS, RowError, bad_text


def test_good_text_passes():
    assert bad_text("Cook wanted, 11 GBP an hour.") is None
    assert bad_text("Tab\tand\nnew lines are text") is None


def test_each_reason():
    assert bad_text("  \n ") == "empty text"
    assert "longer" in bad_text("x" * (MAX_AD_CHARS + 1))
    assert bad_text("x" * MAX_AD_CHARS) is None
    assert "NUL" in bad_text("abc\x00def")
    assert "control" in bad_text("\x01\x02\x03\x04\x05\x06ab")
    assert bad_text("a few words with one \x07 bell") is None  # a stray control character is not binary


def test_row_error_dict():
    assert RowError(3, "ad3", "empty text").to_dict() == {"row": 3, "id": "ad3", "reason": "empty text"}


def test_a_row_of_only_markup_or_invisible_characters_is_refused_like_check_refuses_it():
    from redflag.batch.rows import bad_text

    assert bad_text("<div><br/></div>") == "no letters or digits once markup and invisible characters are removed"
    assert bad_text("\u200b\u200b\u2060") == "no letters or digits once markup and invisible characters are removed"
    assert bad_text("<p>Fee 200 EUR</p>") is None
    assert bad_text("Зарплата 500") is None
