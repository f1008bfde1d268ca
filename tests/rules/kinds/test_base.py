"""The matcher interface's shared parts: evidence in original offsets, trimmed; empty findings."""

from redflag.rules.kinds.base import MAX_EVIDENCE, NOTHING, Found, evidence_at
from redflag.text.normalise import normalise


def test_evidence_maps_back_and_trims_blanks():
    text = "pay the <b> f&#101;e </b> now"
    norm = normalise(text)
    a = norm.text.index(" fee ")
    ev = evidence_at(norm, a, a + 5)
    assert ev.text == "f&#101;e" and text[ev.start:ev.end] == ev.text


def test_nothing_found_is_empty():
    assert NOTHING == Found() and not NOTHING.evidence and not NOTHING.suppressed
    assert MAX_EVIDENCE >= 1
