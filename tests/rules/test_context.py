"""Context cues: negation before, inside and after a trigger, warnings and hypotheticals, 'but' ending a scope."""

import pytest

from redflag.rules.context import (
    hypothetical, negated_after, negated_before, negated_inside, paid_by_others, sentence_bounds, suppression,
)
from redflag.rules.engine import RuleEngine
from redflag.rules.loader import builtin_pack, builtin_packs
from redflag.text.normalise import normalise

PACKS = builtin_packs()
ENGINE = RuleEngine(PACKS)
CUES = builtin_pack("en").context


def fired(text):
    return {h.rule.id: h for h in ENGINE.match(normalise(text)).hits}


@pytest.mark.parametrize("text", [
    "We never charge any fee.",
    "No deposit required.",
    "If anyone asks you for money or a fee, report it.",
    "Beware: scammers ask for a processing fee.",
    "Registration fee: none.",
    "Visa costs are covered by the employer.",
])
def test_context_switches_triggers_off(text):
    hits = fired(text)
    assert not {"FEE001", "FEE002", "FEE003"} & set(hits), hits


def test_termination_word_ends_negation_scope():
    hits = fired("No fees, but a refundable deposit of 200 EUR.")
    assert "FEE002" in hits
    assert "FEE001" not in hits


def test_comma_after_finished_negated_phrase_ends_scope():
    assert "FEE001" in fired("No experience needed, small registration fee required.")


def test_suppressed_triggers_are_reported_with_reason():
    matches = ENGINE.match(normalise("We never charge any registration fee."))
    assert matches.suppressed
    sup = matches.suppressed[0]
    assert sup.rule_id == "FEE001" and sup.reason == "negated" and sup.cue == "never"


def test_sentence_bounds_stop_at_sentence_and_bullet_ends():
    text = "First one. Pay the fee now; then more"
    start = text.index("fee")
    s, e = sentence_bounds(text, start, start + 3)
    assert text[s:e] == " Pay the fee now"


def test_each_cue_finder():
    assert negated_before("we never charge any", CUES) == "never"
    assert negated_before("we don't charge a", CUES) == "don't"
    assert negated_before("we charge a", CUES) is None
    assert negated_inside("passport will not be kept", CUES) == "not"
    assert negated_inside("passport will be kept", CUES) is None
    assert negated_after(": none", CUES) == ": none"
    assert negated_after(" is charged", CUES) is None
    assert hypothetical("if anyone asks you to pay a fee, report it", CUES)
    assert hypothetical("pay the fee today", CUES) is None


def test_suppression_honours_the_rule_switches():
    text = "there is never a fee"
    a = text.index("fee")
    assert suppression(text, a, a + 3, CUES, negation=True, conditional=True) == ("negated", "never")
    assert suppression(text, a, a + 3, CUES, negation=False, conditional=True) is None
    warning = "if anyone asks for a fee, report it"
    b = warning.index("fee")
    assert suppression(warning, b, b + 3, CUES, negation=False, conditional=True)[0] == "warning or hypothetical"
    assert suppression(warning, b, b + 3, CUES, negation=False, conditional=False) is None


@pytest.mark.parametrize("text, starts", [
    ("от 3000 руб. в день", [0]),  # an abbreviation before a small letter
    ("Young women preferred.Women only", [0, 22]),  # a full stop run into a capital
    ("see www.site.com now", [0]),  # run into a small letter: a web address
    ("Pay now. We pay", [0, 8]),
    ("Housing - visa - flight", [0, 10, 17]),
    ("Комиссия - 300 евро", [0]),  # a dash before an amount is a copula
    ("需交押金。包吃住!日结500元.加微信", [0, 5, 9, 16]),  # no space after a Chinese sentence end
    ("时薪12.5元", [0]),  # a decimal point is no sentence end
])
def test_sentence_starts(text, starts):
    from redflag.rules.context import sentence_starts

    assert sentence_starts(text) == starts


def test_a_negation_written_into_the_rule_is_not_a_negation():
    assert negated_inside("no days off", CUES) == "no"
    assert negated_inside("no days off", CUES, keep=[(0, 11)]) is None
    assert negated_inside("passport will not be kept", CUES, keep=[(0, 8), (21, 25)]) == "not"


def test_a_trigger_is_judged_by_the_cues_of_its_part_of_the_ad():
    from redflag.pipeline import Checker
    from redflag.config import Config

    checker = Checker(Config(entities=False))
    pt = "Trabalho fácil: curtir vídeos no YouTube e ganhar R$ 300 por dia, chama no WhatsApp para saber mais."
    flagged = {f.id for f in checker.check(pt).flags}
    assert {"SCM003", "CON001"} <= flagged  # the Portuguese "no" is "in the", not the English negation
    en = "Easy work: like videos and earn 300 USD per day. No WhatsApp contact, apply on our website."
    assert "CON001" not in {f.id for f in checker.check(en).flags}


ZH_CUES = builtin_pack("zh").context


def test_chinese_negation_reaches_back_over_characters_and_stops_at_a_closed_phrase():
    assert negated_before("本公司不收取任何", ZH_CUES) == "不"
    assert negated_before("公司无需", ZH_CUES) == "无"
    assert negated_before("经验不限,需交", ZH_CUES) is None  # "不限," is a finished phrase
    assert negated_before("不用经验,但需交", ZH_CUES) is None  # "但" (but) ends the scope
    assert negated_before("公司承担", ZH_CUES) == "公司承担"  # someone else pays
    assert negated_before("不出台,", ZH_CUES) is None  # a Chinese negation stays in its clause
    assert negated_before("不收押金、保证金或", ZH_CUES) == "不"  # a list joined by 、 is one clause


def test_a_chinese_negation_after_the_phrase_stays_in_its_clause():
    assert negated_after(":无。", ZH_CUES) == ":无"
    assert negated_after("由公司承担", ZH_CUES) == "由公司承担"
    assert negated_after(",无需面试", ZH_CUES) is None  # the next clause is another demand


def test_chinese_cues_leave_an_amount_in_another_language_alone():
    """Every pack's cues judge a short ad no language is certain of: "0" before a trigger is a waived
    fee in Chinese ("0中介费"), not the last digit of "pay 200"."""
    assert negated_before("0", ZH_CUES) == "0"
    assert negated_before("pay 200 ", ZH_CUES) is None


def test_a_chinese_scam_ads_own_disclaimer_is_no_warning():
    """"谨防诈骗" tacked onto an ad, or "非诈骗", does not turn its demands into advice."""
    assert hypothetical("需交押金200元,谨防诈骗!", ZH_CUES) is None
    assert hypothetical("正规公司,非诈骗,需交押金", ZH_CUES) is None
    assert hypothetical("谨防以收取押金为名的诈骗", ZH_CUES) == "谨防"
    assert hypothetical("这是骗局,不要交押金", ZH_CUES) == "骗局"


@pytest.mark.parametrize(("clause", "at", "cue"), [
    ("We pay your visa", 3, "we pay"),  # the payer stands before the trigger, its verb opens it
    ("The company pays your flight", 12, "company pays"),
    ("You pay your visa", 4, None),
    ("We pay you well. Then you pay your visa", 24, None),  # the payer's verb must reach into the trigger
])
def test_a_payer_named_before_its_own_verb_takes_over_the_cost(clause, at, cue):
    assert paid_by_others(clause, at, CUES) == cue


def test_only_costs_are_taken_over_by_a_payer():
    text = "We keep your passport"
    assert suppression(text.lower(), 3, len(text), CUES, negation=True, conditional=False, payment=False) is None
    assert fired("We pay your visa and medical ourselves.").get("FEE003") is None
