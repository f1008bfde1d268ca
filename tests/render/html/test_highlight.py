"""Evidence marks: cut at the exact code-point offsets, overlaps merged, wrong offsets set aside."""

from redflag.render.html.highlight import Segment, Span, located, merge, segments


def _span(text: str, phrase: str, flag: str = "F1") -> Span:
    start = text.index(phrase)
    return Span(flag, start, start + len(phrase), phrase)


def test_overlapping_spans_merge_and_keep_every_flag():
    spans = [Span("A", 2, 8, ""), Span("B", 5, 12, ""), Span("C", 20, 25, "")]
    assert merge(spans) == [(2, 12, ("A", "B")), (20, 25, ("C",))]


def test_nested_span_merges_into_the_outer_one():
    assert merge([Span("A", 0, 10, ""), Span("B", 3, 5, "")]) == [(0, 10, ("A", "B"))]


def test_touching_spans_stay_apart():
    assert merge([Span("A", 0, 4, ""), Span("B", 4, 9, "")]) == [(0, 4, ("A",)), (4, 9, ("B",))]


def test_offsets_after_emoji_and_in_other_scripts_are_exact():
    text = "🎉👩‍👩‍👧 عمل في دبي 高薪工作 пишите в телеграм"
    spans = [_span(text, "عمل في دبي", "A"), _span(text, "高薪", "B"), _span(text, "телеграм", "C")]
    cut, lost = segments(text, spans)
    assert lost == []
    assert "".join(s.text for s in cut) == text
    assert [(s.text, s.flags) for s in cut if s.flags] == [("عمل في دبي", ("A",)), ("高薪", ("B",)), ("телеграм", ("C",))]


def test_combining_marks_stay_inside_their_phrase():
    text = "Trabajo en Mála\u0301ga sin papeles"
    cut, _ = segments(text, [_span(text, "Mála\u0301ga", "A")])
    assert Segment("Mála\u0301ga", ("A",)) in cut


def test_spans_that_do_not_hold_their_quote_are_lost_not_marked():
    text = "short text"
    bad = [Span("A", 0, 5, "other"), Span("B", 3, 99, "x"), Span("C", 5, 5, "")]
    cut, lost = segments(text, bad)
    assert lost == bad and cut == [Segment(text)]


def test_shortened_compact_quote_is_located():
    text = "We   need drivers who pay the registration fee today"
    assert located(Span("A", 0, len(text), "We need drivers who…"), text)
    assert not located(Span("A", 0, len(text), "We want…"), text)
