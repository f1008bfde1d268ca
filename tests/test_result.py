"""Result objects: immutable, red flags and reassuring signs apart, stable JSON shapes."""

import dataclasses

import pytest

from redflag.categories import REASSURING
from redflag.result import Component, Evidence, Flag, ModelOutput, Result, Suppression, Term

EV = Evidence(text="fee", start=4, end=7)


def flag(fid, category="fees", requires=()):
    return Flag(id=fid, title="t", category=category, severity="high", confidence="low", indicator="i",
                weight=10.0, rationale="r", advice="a", evidence=(EV,), requires=requires)


def test_red_flags_and_reassuring_signs_are_apart():
    result = Result(score=40.0, level="medium", flags=(flag("FEE001"), flag("GOOD001", REASSURING)))
    assert [f.id for f in result.red_flags] == ["FEE001"]
    assert [f.id for f in result.reassuring] == ["GOOD001"]
    d = result.to_dict()
    assert [f["id"] for f in d["flags"]] == ["FEE001"] and [f["id"] for f in d["reassuring"]] == ["GOOD001"]
    assert list(d) == ["score", "level", "flags", "reassuring", "suppressed", "components", "model",
                       "entities", "text_length", "lang", "langs", "ui_lang", "harm", "version"]
    assert (d["lang"], d["langs"], d["ui_lang"]) == ("und", [], "en")


def test_flag_dict_names_requires_only_for_combinations():
    assert "requires" not in flag("FEE001").to_dict()
    assert flag("CMB001", "combination", ("FEE|DEBT",)).to_dict()["requires"] == ["FEE|DEBT"]
    assert flag("FEE001").to_dict()["evidence"] == [{"text": "fee", "start": 4, "end": 7}]


def test_rounding_in_dicts():
    assert Component(name="model", kind="model", points=1.234567).to_dict()["points"] == 1.2346
    model = ModelOutput(probability=0.12345678, terms=(Term(term="fee", weight=0.1234567, spans=(EV,)),), name="m")
    d = model.to_dict()
    assert d["probability"] == 0.123457 and d["terms"][0]["weight"] == 0.123457 and d["terms"][0]["spans"][0]["start"] == 4
    assert Result(score=12.3456, level="low", flags=()).to_dict()["score"] == 12.35


def test_suppression_dict_carries_its_evidence():
    sup = Suppression(rule_id="FEE001", evidence=EV, reason="negated", cue="never")
    assert sup.to_dict() == {"rule_id": "FEE001", "reason": "negated", "cue": "never", "text": "fee", "start": 4, "end": 7}


def test_results_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        EV.start = 0  # type: ignore[misc]


def test_harms_name_the_flags_that_support_them_heaviest_first():
    fee = Flag(id="FEE001", title="t", category="fees", severity="high", confidence="high", indicator="i",
               weight=30.0, rationale="r", advice="a", evidence=(EV,), harms=("labour", "scam"))
    club = Flag(id="SEX002", title="t", category="sexual_work_abroad", severity="high", confidence="high",
                indicator="i", weight=40.0, rationale="r", advice="a", evidence=(EV,), harms=("sexual",))
    good = Flag(id="GOOD001", title="t", category=REASSURING, severity="low", confidence="high", indicator="i",
                weight=-10.0, rationale="r", advice="a", evidence=(EV,), harms=("labour",))
    result = Result(score=80.0, level="high", flags=(fee, club, good))
    assert result.harms == {"sexual": ("SEX002",), "labour": ("FEE001",), "scam": ("FEE001",)}
    assert result.to_dict()["harm"] == {"sexual": ["SEX002"], "labour": ["FEE001"], "scam": ["FEE001"]}
    assert fee.to_dict()["harm"] == ["labour", "scam"] and "harm" not in good.to_dict()
    assert Result(score=0.0, level="low", flags=()).harms == {}
