"""Quoting evidence in its sentence: marked phrases, trimmed on words to the room there is."""

from redflag.render.doc import MARK, plain_text
from redflag.render.quote import quote
from redflag.result import Evidence

TEXT = ("HOSTESS WORK ABROAD - HIGH SALARY!!!\n\nLooking for girls 18-25 for hostess work in a VIP club in Dubai. "
        "Free flight and visa, small processing fee of 300 EUR before departure.")


def ev(phrase: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return Evidence(text=phrase, start=start, end=start + len(phrase))


def test_the_phrase_is_marked_inside_its_whole_sentence():
    q = quote(TEXT, [ev("processing fee")], MARK)
    assert plain_text(q) == "“Free flight and visa, small processing fee of 300 EUR before departure”"
    assert [s.text for s in q if s.style == MARK] == ["processing fee"]


def test_a_narrow_room_trims_on_words_with_ellipses_and_never_cuts_the_phrase():
    q = plain_text(quote(TEXT, [ev("processing fee")], MARK, room=40))
    assert q == "“…small processing fee of 300 EUR…”" and len(q) <= 40
    assert plain_text(quote(TEXT, [ev("processing fee")], MARK, room=5)) == "“…processing fee…”"


def test_phrases_of_one_sentence_are_marked_together_and_others_left_out():
    q = quote(TEXT, [ev("girls 18-25"), ev("hostess", 0), ev("Free flight")], MARK)
    assert [s.text for s in q if s.style == MARK] == ["girls 18-25", "hostess"]
    assert "Free flight" not in plain_text(q)


def test_overlapping_phrases_merge_and_whitespace_is_squashed():
    text = "Pay the \t registration   fee today."
    q = quote(text, [Evidence(text="registration   fee", start=10, end=28), Evidence(text="fee", start=25, end=28)], MARK)
    assert plain_text(q) == "“Pay the registration fee today”"
    assert [s.text for s in q if s.style == MARK] == ["registration fee"]


def test_no_evidence_no_quote():
    assert quote(TEXT, [], MARK) == ()
