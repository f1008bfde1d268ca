"""The path of one ad: rules, model and fusion assembled into one Result; cheap to import; one Checker per config."""

import subprocess
import sys
from pathlib import Path

import pytest

from redflag.config import Config
from redflag.errors import RedflagError, RulePackError
from redflag.pipeline import DEFAULT_MODEL, Checker, checker_for, fusion_path

ROOT = Path(__file__).resolve().parents[1]
HOSTESS = (ROOT / "examples" / "hostess-abroad.txt").read_text(encoding="utf-8")
RULES_ONLY = Config(use_model=False, entities=False)


def test_fusion_weights_sit_beside_their_model():
    assert fusion_path(Path("m/default.npz")) == Path("m/default.fusion.json")
    assert fusion_path(Path("m/x.card.json")) == Path("m/x.fusion.json")
    assert fusion_path(Path("m/x.joblib")).name == "x.fusion.json"


def test_rules_only_check_fuses_pack_weights():
    result = Checker(RULES_ONLY).check(HOSTESS)
    assert result.flags and result.model is None and result.entities == ()
    assert sum(c.points for c in result.components) == pytest.approx(result.score)
    assert all(HOSTESS[e.start:e.end] == e.text for f in result.flags for e in f.evidence)
    assert result.text_length == len(HOSTESS) and result.version["weights"] == "rule-pack weights"


@pytest.mark.parametrize(("main", "read", "ui"), [
    ("sr", ("sr", "bg"), "bg"),  # a language without a pack first: the report speaks the next one that has one
    ("ru", ("ru",), "ru"),
    ("sr", ("sr",), "en"),
])
def test_the_report_speaks_a_language_of_the_ad_that_has_a_pack(main, read, ui):
    from redflag.text.language import Languages

    result = Checker(RULES_ONLY).assemble("x", (), (), None, Languages(main, read, (), True))
    assert result.ui_lang == ui and result.lang == main


def test_empty_ads_are_refused():
    with pytest.raises(RedflagError, match="empty"):
        Checker(RULES_ONLY).check("  \n")


def test_check_many_agrees_with_check():
    checker = Checker(RULES_ONLY)
    texts = [HOSTESS, "A plain office job with a written contract."]
    assert checker.check_many(texts) == [checker.check(t) for t in texts]


@pytest.mark.skipif(not DEFAULT_MODEL.exists(), reason="no shipped model")
def test_with_the_shipped_model():
    checker = Checker(Config(entities=False))
    result = checker.check(HOSTESS)
    assert result.model is not None and 0 <= result.model.probability <= 1 and result.model.terms
    assert {"model", "model_sha256", "rules_sha256"} <= set(checker.version)
    batch = checker.check_many([HOSTESS])[0]
    assert batch.score == pytest.approx(result.score) and batch.model.terms == ()


def test_select_and_user_packs_reach_the_engine(tmp_path):
    assert {r.id[:3] for r in Checker(Config(use_model=False, select=("FEE",))).engine.rules} == {"FEE"}
    clash = tmp_path / "clash.toml"
    core = (ROOT / "redflag" / "rules" / "packs" / "core.toml").read_text(encoding="utf-8")
    clash.write_text(core.replace("weight = 30", "weight = 31", 1).replace('language = "any"', 'language = "en"'), encoding="utf-8")
    with pytest.raises(RulePackError, match="already defined"):
        Checker(Config(use_model=False, packs=(str(clash),)))


def test_one_checker_per_config():
    assert checker_for(RULES_ONLY) is checker_for(RULES_ONLY)
    assert checker_for(Config(use_model=False, entities=False, top_terms=3)) is not checker_for(RULES_ONLY)


def test_checking_one_ad_imports_neither_pandas_nor_scikit_learn():
    code = ("import sys, redflag; redflag.check('Pay a registration fee of 300 EUR.'); "
            "print(sorted(m for m in ('pandas', 'sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("text", ["<b></b><br/><p> </p>", "\u200b\u200d\u200b", "&nbsp;<i></i>", "!!! ... ???"])
def test_ads_with_no_letters_or_digits_are_refused(text):
    with pytest.raises(RedflagError, match="no letters or digits"):
        Checker(RULES_ONLY).check(text)


@pytest.mark.parametrize("field, codes, option", [("select", ("NOPE",), "--select"), ("ignore", ("FEE", "ZZZ9"), "--ignore")])
def test_unknown_rule_codes_are_refused(field, codes, option):
    with pytest.raises(RulePackError, match=f"{option}: no rule code or prefix"):
        Checker(Config(use_model=False, entities=False, **{field: codes}))
