"""Lexicons find concepts by word, inflected form, stem and phrase; built-in concepts find amounts."""

from __future__ import annotations

import re

import pytest

from redflag.rules.concepts import BUILT_IN, Lexicon, _money, built_in_uses
from redflag.text.tokens import WORD


def _uses(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    lowered = text.lower()
    spans = list(WORD.finditer(lowered))
    return [(u.concept, text[u.start:u.end]) for u in lexicon.uses(WORD.findall(lowered), lambda: spans)]


LEX = Lexicon(
    {"document": ["pasaporte", "документ*", "carta d'identità"], "hold": ["guardar", "se queda con"],
     "fee": ["tasa de inscripción", "frais d'inscription", "inscription"]},
    {"pasaporte": ["pasaportes"], "guardar": ["guarda", "guardan"], "quedar": ["queda"], "tasa": ["tasas"]},
)


def test_a_word_is_found_with_its_inflected_forms() -> None:
    assert _uses(LEX, "El jefe GUARDA los Pasaportes") == [("hold", "GUARDA"), ("document", "Pasaportes")]


def test_a_stem_finds_every_word_that_starts_with_it() -> None:
    assert _uses(LEX, "Сдайте документы, без документов нельзя") == [("document", "документы"), ("document", "документов")]


def test_phrases_follow_word_by_word_and_quote_the_whole_phrase() -> None:
    assert _uses(LEX, "el patrón se queda con todo") == [("hold", "se queda con")]
    assert _uses(LEX, "Tasas de inscripción: 200 €") == [("fee", "Tasas de inscripción")]
    assert _uses(LEX, "se queda, con todo") == [("hold", "se queda, con")]  # words, not punctuation, are compared
    assert _uses(LEX, "se quedó con todo") == []


def test_an_elided_article_does_not_hide_a_word() -> None:
    found = _uses(LEX, "Les frais d'inscription et l'inscription")
    assert ("fee", "frais d'inscription") in found and ("fee", "l'inscription") in found


def test_words_outside_every_concept_cost_no_spans() -> None:
    called = []
    assert LEX.uses(["nada", "que", "ver"], lambda: called.append(1) or []) == []
    assert called == []


@pytest.mark.parametrize("text, amounts", [
    ("Pay 250 € now", ["250 €"]),
    ("€250 and $1,400.50 or 1.400 € al mes", ["€250", "$1,400.50", "1.400 €"]),
    ("r$ 200 por dia, 500.000đ mỗi ngày, rp 5.000.000 per hari", ["r$ 200", "500.000đ", "rp 5.000.000"]),
    ("kz 5000, $5000, 280,- €, 500 f cfa, fr. 300", ["kz 5000", "$5000", "280,- €", "500 f cfa", "fr. 300"]),
    ("5 eurosx", []),  # a currency word ends where a word ends
    ("x" * 300 + " 12 usd", ["12 usd"]),
    ("18-25", []),
    ("câștigi 300 de lei pe zi, 500 de persoane", ["300 de lei"]),  # "de" only before a currency's name
    ("月薪3000美元，日赚500欧元", ["3000美元", "500欧元"]),
])
def test_money_is_an_amount_beside_a_currency(text: str, amounts: list[str]) -> None:
    assert [text[a:b] for a, b in BUILT_IN["@money"](text)] == amounts


def test_money_windows_find_what_the_whole_pattern_finds() -> None:
    pattern = _money()[0]
    text = " ".join(["we pay 300 usd a day", "x" * 80, "fee 1 200 €", "room 40", "£ 7 and 8 eur"] * 3)
    assert BUILT_IN["@money"](text) == [m.span() for m in pattern.finditer(text)]


def test_a_built_in_use_sits_between_the_words_around_it() -> None:
    text = "pay 200 usd now"
    starts = [m.start() for m in re.finditer(r"[a-z]+", text)]
    (use,) = built_in_uses("@money", text, starts)
    assert (use.first, text[use.start:use.end]) == (1, "200 usd")


def test_a_currency_word_inside_another_word_is_not_money():
    assert BUILT_IN["@money"]("our draft 65 pages long") == []
    assert BUILT_IN["@money"]("pay 300 lei") == [(4, 11)]


ZH = Lexicon({"deposit": ["保证金", "押金"], "pay_worker": ["交", "缴纳"], "messenger": ["qq", "微信"]})


def test_a_han_entry_is_a_phrase_found_inside_a_sentence() -> None:
    assert _uses(ZH, "需交保证金500元") == [("pay_worker", "交"), ("deposit", "保证金")]
    assert _uses(ZH, "入职前缴纳押金，加QQ详聊") == [("pay_worker", "缴纳"), ("deposit", "押金"), ("messenger", "QQ")]
    assert _uses(ZH, "保证质量") == []  # the first characters of an entry are not the entry


def test_han_words_are_counted_one_token_each() -> None:
    lowered = "需交保证金"
    spans = list(WORD.finditer(lowered))
    deposit = [u for u in ZH.uses(WORD.findall(lowered), lambda: spans) if u.concept == "deposit"][0]
    assert (deposit.first, deposit.last) == (2, 5)


def test_an_amount_may_run_into_a_han_character() -> None:
    text = "日结¥500起，rmb 300元"  # every Han character is a word: "起" does not continue the amount
    assert [text[a:b] for a, b in BUILT_IN["@money"](text)] == ["¥500", "rmb 300"]
    assert BUILT_IN["@money"]("pay 300 usdx") == []


@pytest.mark.parametrize("shape", ["需交押金", "护照统一保管日结500元，", "加微信联系"])
def test_chinese_text_is_matched_in_linear_time(shape: str) -> None:
    """Every Han character is a word: a text of them costs what a text of as many words does."""
    import time

    from redflag.rules.engine import RuleEngine
    from redflag.rules.loader import ANY, builtin_pack
    from redflag.text.normalise import normalise

    engine = RuleEngine([builtin_pack(ANY), builtin_pack("zh")])

    def cost(n: int) -> float:
        norm = normalise((shape * (n // len(shape) + 1))[:n])
        times = []
        for _ in range(3):
            t = time.process_time()
            engine.match(norm, {"zh"})
            times.append(time.process_time() - t)
        return min(times)

    assert cost(16000) < 6 * cost(4000) + 0.01
