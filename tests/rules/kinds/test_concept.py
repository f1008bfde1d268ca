"""Concept frames: which stretches of a sentence a frame may quote, and what stops it."""

from redflag.rules.engine import RuleEngine
from redflag.rules.loader import ANY, builtin_pack, load_pack
from redflag.text.normalise import normalise
from tests.rules.conftest import PACK_HEAD

HEAD = PACK_HEAD.replace('id = "t"', 'id = "xx"\nlanguage = "xx"') + """[concepts]
reply_with = ["send me"]
your_contact = ["your number"]
cv = ["cv"]
"""


def _quotes(tmp_path, text: str) -> list[str]:
    folder = tmp_path / "xx"
    if not folder.exists():
        folder.mkdir()
        (folder / "pack.toml").write_text(HEAD, encoding="utf-8")
    hits = RuleEngine([builtin_pack(ANY), load_pack(folder)], select=("CON004",)).match(normalise(text), {"xx"}).hits
    return [e.text for h in hits for e in h.evidence]


def test_a_concept_between_the_words_of_a_frame_stops_that_match(tmp_path):
    # CON004: { all = ["reply_with", "your_contact"], between = ["cv"] }
    assert _quotes(tmp_path, "Send me your CV and your number.") == []


def test_the_same_concept_elsewhere_in_the_sentence_does_not(tmp_path):
    assert _quotes(tmp_path, "We got your CV, send me your number.") == ["send me your number"]
    assert _quotes(tmp_path, "Send me your number and your CV.") == ["Send me your number"]
