"""Every language pack covers every rule: its examples, its concepts, its words for the report.

Tests are named ``lang_<code>`` so that one language runs alone: ``pytest -k lang_es``.
"""

import re

import pytest

from redflag.rules.concepts import BUILT_IN
from redflag.rules.engine import RuleEngine
from redflag.rules.loader import ANY, builtin_packs, definitions
from redflag.text.normalise import normalise
from redflag.text.tokens import WORD

PACKS = builtin_packs(validate=True)
CORE = next(p for p in PACKS if p.language == ANY)
LANGUAGES = [p for p in PACKS if p.language != ANY]
SURFACE = {r.id for r in CORE.rules}  # read from the surface of the text or from other rules: the same everywhere
FRAMED = [rid for rid, d in definitions().items() if d.get("frames") and rid not in SURFACE]
CONCEPTS = sorted({c for rid in FRAMED for f in definitions()[rid]["frames"]
                   for item in [*f["all"], *f.get("none", ()), *f.get("between", ())] for c in item.split("|")} - set(BUILT_IN))
UI_KEYS = ("verdict_low", "verdict_medium", "verdict_high", "level_low", "level_medium", "level_high", "risk_score",
           "red_flags", "good_signs", "not_counted", "no_flags", "what_to_do", "language", "general_advice",
           # the report's other lines: grades, labels, the contact table, why a phrase was not counted
           "ad", "score", "classifier", "raised_by", "lowered_by", "entities", "entity_value", "entity_text",
           "flag_grades", "indicator_line", "why_line", "classifier_probability",
           "pay_explained", "pay_explained_assumed",  # a flag's arithmetic: pay per hour against a typical wage
           "reason_negated", "reason_negated_inside", "reason_negated_after", "reason_hypothetical",
           "severity_low", "severity_medium", "severity_high", "confidence_low", "confidence_medium", "confidence_high",
           "component_base", "component_model", "component_bound",
           "kind_phone", "kind_email", "kind_url", "kind_messenger", "kind_money", "kind_age", "kind_nationality", "kind_gender",
           # the kinds of harm the red flags point to
           "points_to", "harm_labour", "harm_sexual", "harm_scam")
ENGINES = {p.language: RuleEngine([CORE, p]) for p in LANGUAGES}
ENTRIES = [(p, r) for p in LANGUAGES for r in p.rules if r.id in FRAMED or r.id not in SURFACE]


def _id(pack, rule=None):
    return f"lang_{pack.language}" + (f"-{rule.id}" if rule is not None else "")


def _hits(pack, text):
    return {h.rule.id: h for h in ENGINES[pack.language].match(normalise(text), {pack.language}).hits}


@pytest.mark.parametrize("pack", LANGUAGES, ids=_id)
def test_every_rule_has_an_entry_with_enough_examples(pack):
    rules = {r.id: r for r in pack.rules}
    thin = [rid for rid in FRAMED if rid not in rules or len(rules[rid].matches) < 3 or len(rules[rid].no_matches) < 3]
    assert not thin, f"{pack.path}: rules without an entry of 3+ match and 3+ no_match examples: {', '.join(thin)}"


@pytest.mark.parametrize("pack", [p for p in LANGUAGES if p.language != "en"], ids=_id)
def test_every_rule_is_titled_and_advised_in_the_language(pack):
    english = {r.id: r for r in ENGINES["en"].rules} if "en" in ENGINES else {}
    same = [r.id for r in pack.rules if r.id in FRAMED and r.id in english
            and (r.title == english[r.id].title or r.advice == english[r.id].advice)]
    assert not same, f"{pack.path}: title or advice left in English: {', '.join(same)}"


@pytest.mark.parametrize("pack", LANGUAGES, ids=_id)
def test_every_concept_has_words(pack):
    have = pack.lexicon.names if pack.lexicon is not None else frozenset()
    missing = [c for c in CONCEPTS if c not in have]
    assert not missing, f"{pack.path}: concepts without words: {', '.join(missing)}"


@pytest.mark.parametrize("pack", LANGUAGES, ids=_id)
def test_report_words_are_there(pack):
    from redflag.render.words import TEMPLATES, UI_KEYS as RENDERED, fields_of

    assert set(RENDERED) == set(UI_KEYS), "the renderer reads words this test does not ask every pack for"
    missing = [k for k in UI_KEYS if not pack.ui.get(k)]
    assert not missing, f"{pack.path}: [ui] lacks {', '.join(missing)}"
    broken = [k for k, fields in TEMPLATES.items() if fields_of(pack.ui[k]) != set(fields)]
    assert not broken, f"{pack.path}: [ui] lines that lose or add a {{blank}}: {', '.join(broken)}"
    if pack.language != "en":  # the rules core.toml alone defines have their title and advice in [ui]
        alone = [rid for rid in definitions() if rid not in {r.id for r in pack.rules}]
        bare = [f"{what}_{rid}" for rid in alone for what in ("title", "advice") if not pack.ui.get(f"{what}_{rid}")]
        assert not bare, f"{pack.path}: [ui] lacks {', '.join(bare)}"


@pytest.mark.parametrize("pack", [p for p in LANGUAGES if p.language != "en"], ids=_id)
def test_the_pay_arithmetic_names_its_regions_and_writes_its_figures_in_the_language(pack):
    """PAY004 quotes the typical wage of the pay's currency region: [ui.region] names each one, and
    [ui.numbers] gives the language's thousands and decimal marks."""
    from redflag.rules.kinds.pay_realism import reference

    named = pack.ui.get("region", {})
    english = {code: w["region"] for code, w in reference()["wages"].items()}
    missing = sorted(set(english) - set(named))
    assert not missing, f"{pack.path}: [ui.region] lacks {', '.join(missing)}"
    same = sorted(c for c in english if named[c] == english[c] and not english[c][:1].isupper())
    assert not same, f"{pack.path}: [ui.region] left in English: {', '.join(same)}"
    marks = pack.ui.get("numbers", {})
    assert all(isinstance(marks.get(k), str) and len(marks[k]) == 1 for k in ("thousands", "decimal")), \
        f"{pack.path}: [ui.numbers] needs a one-character thousands and decimal mark"
    assert marks["thousands"] != marks["decimal"]


@pytest.mark.parametrize(("pack", "rule"), ENTRIES, ids=lambda x: _id(x) if hasattr(x, "lexicon") else x.id)
def test_rule_fires_on_its_examples_with_exact_evidence(pack, rule):
    for example in rule.matches:
        hits = _hits(pack, example.text)
        assert rule.id in hits, f"{pack.language} {rule.id} did not fire on {example.text!r}"
        quoted = [e.text for e in hits[rule.id].evidence]
        at = example.text.index(example.evidence)
        # the expected phrase is quoted, or lies inside a longer phrase the rule quotes (a rule found
        # both by a pattern and by a frame quotes the longer of two nested phrases once)
        covered = any(e.start <= at and at + len(example.evidence) <= e.end for e in hits[rule.id].evidence)
        assert example.evidence in quoted or covered, \
            f"{pack.language} {rule.id} quoted {quoted} in {example.text!r}, expected {example.evidence!r}"
        for ev in hits[rule.id].evidence:
            assert example.text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize(("pack", "rule"), ENTRIES, ids=lambda x: _id(x) if hasattr(x, "lexicon") else x.id)
def test_rule_stays_silent_on_its_counter_examples(pack, rule):
    for text in rule.no_matches:
        hits = _hits(pack, text)
        assert rule.id not in hits, f"{pack.language} {rule.id} fired on {text!r}: {[e.text for e in hits[rule.id].evidence]}"


@pytest.mark.parametrize(("pack", "rule"), ENTRIES, ids=lambda x: _id(x) if hasattr(x, "lexicon") else x.id)
def test_counter_examples_include_negated_and_hypothetical_forms(pack, rule):
    """A rule that honours negation or warnings proves it, in the pack's own words."""
    cues = pack.context
    words = set(cues.negation)

    def negated(text):
        low = text.lower()
        toks = WORD.findall(low)  # the rules' own words: a Han character is one
        return bool(words & set(toks)) or any(t.endswith(("n't", "n’t")) for t in toks) or bool(cues.pre_negation.search(low))

    if rule.negation:
        assert any(negated(t) for t in rule.no_matches), f"{pack.language} {rule.id}: no negated counter-example"
    if rule.hypothetical:
        assert any(cues.hypothetical.search(t.lower()) for t in rule.no_matches), \
            f"{pack.language} {rule.id}: no warning/hypothetical counter-example"


@pytest.mark.parametrize("pack", LANGUAGES, ids=_id)
def test_forms_are_generated_from_the_concepts(pack):
    """forms.toml is what ``python -m redflag.rules.forms`` makes of pack.toml now."""
    pytest.importorskip("simplemma")
    from pathlib import Path

    from redflag.rules.forms import PACKS as FOLDER, expected

    path = Path(FOLDER) / pack.language / "forms.toml"
    want = expected(pack.language)
    have = path.read_text(encoding="utf-8") if path.exists() else ""
    if want.count("\n") <= 5 and not have:
        return  # a language simplemma has no dictionary for lists its forms in the concepts
    assert have == want, f"{path} is out of date: run python -m redflag.rules.forms {pack.language}"


@pytest.mark.parametrize("text, rule, evidence", [
    ("Des frais d'inscription de 250 € sont à régler avant le voyage", "FEE001", "frais d'inscription"),
    ("el jefe guarda los pasaportes de todos los trabajadores", "DOC001", "guarda los pasaportes"),
    ("Ищем девушек 18-23 лет для работы в ночном клубе за границей, фото обязательно", "TGT001", "девушек 18-23"),
    ("workers give their ID cards to the foreman, who holds them until the end of the contract", "DOC001", "give their ID cards"),
    ("each candidate wires 200 USD to the coordinator for the paperwork", "FEE001", "wires 200 USD to the coordinator for the paperwork"),
    ("您好，我司收到您投递的简历，您的简历已通过初审，请添加微信了解岗位详情。", "SCM005", "收到您投递的简历"),
    ("工厂招工，进厂需交押金500元，身份证由公司保管，工资押一个月，不准随便外出。", "DOC001", "身份证由公司保管"),
    ("澳门高端会所招聘佳丽，陪客人喝酒唱歌，不出台，日结2000元，包吃住包机票。", "PAY001", "日结2000元"),
    ("護照到廠後由公司統一保管，工資押一個月，需繳納保證金三萬元。", "DOC001", "護照到廠後由公司統一保管"),
])
def test_a_red_flag_worded_in_any_language_fires_its_rule(text, rule, evidence):
    """Detected language, no --lang: the rule fires, quoting the exact words."""
    from redflag.config import Config
    from redflag.pipeline import Checker

    result = Checker(Config(entities=False)).check(text)
    quoted = {f.id: [e.text for e in f.evidence] for f in result.flags}
    assert evidence in quoted.get(rule, []), quoted
    for f in result.flags:
        for e in f.evidence:
            assert text[e.start:e.end] == e.text


CHINESE_HONEST = [
    "富士康郑州园区招聘普工，男女不限，18-40周岁，包吃住，签订劳动合同，缴纳五险一金，月薪5500-7000元。",
    "某某物流有限公司招聘仓管员，要求一年以上工作经验，底薪4000加提成，每月15日发工资，周末双休。",
    "应聘须知：本公司从不收取押金、保证金或培训费，入职后签订正式劳动合同。",
    "深圳电子厂长期招聘，免费培训，提供宿舍，水电全免，工资每月10号准时发放，不压工资。",
    "我们收到您的简历后，会在三个工作日内通知您面试时间。",
    "招聘保安，需持有保安证，入职需提供身份证复印件和一寸照片，公司按时支付工资并报销体检费。",
]


@pytest.mark.parametrize("text", CHINESE_HONEST)
def test_honest_chinese_ads_raise_no_serious_red_flag(text):
    """Factory, office and security ads: housing provided at most (TRV001), never a fee, a held
    document, a scam or an offer out of the blue."""
    from redflag.config import Config
    from redflag.pipeline import Checker

    result = Checker(Config(entities=False)).check(text)
    assert result.lang == "zh"
    red = [f for f in result.flags if not f.reassuring]
    assert {f.id for f in red} <= {"TRV001", "REQ001"}, [(f.id, [e.text for e in f.evidence]) for f in red]


def test_a_chinese_lure_is_read_flag_by_flag_with_exact_phrases():
    from redflag.config import Config
    from redflag.pipeline import Checker

    text = "招聘越南女孩，18-22岁，做KTV公主，老板包机票，证件由老板代为保管，有意者加微信详聊。"
    result = Checker(Config(entities=False)).check(text)
    quoted = {f.id: [e.text for e in f.evidence] for f in result.flags}
    assert {"TGT001", "TGT003", "SEX002", "TRV001", "DOC001", "CON001", "CMB002"} <= set(quoted), quoted
    assert quoted["DOC001"] == ["证件由老板代为保管"] and quoted["TGT001"] == ["女孩，18-22岁"]
    assert result.level == "high"
    for f in result.flags:
        for e in f.evidence:
            assert text[e.start:e.end] == e.text
