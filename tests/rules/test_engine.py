"""Rule engine: selection, dispatch to the kinds in pack order, exact evidence, suppressions, speed safety."""

import time

from redflag.rules.engine import MAX_SUPPRESSED, Hit, RuleEngine, selected
from redflag.rules.loader import builtin_packs
from redflag.text.normalise import normalise

ENGINE = RuleEngine(builtin_packs())


def fired(text, engine=ENGINE):
    return {h.rule.id: h for h in engine.match(normalise(text)).hits}


def test_good_practice_is_a_reassuring_hit():
    hits = fired("The employer pays all recruitment costs.")
    assert hits["GOOD001"].rule.weight < 0
    assert "FEE001" not in hits


def test_evidence_is_exact_after_normalisation():
    text = "Pay the <b>p.r.o.c.e.s.s.i.n.g</b> f&#101;e. Keep your p@ssport? No: the employer keeps your p@ssport."
    for hit in fired(text).values():
        for ev in hit.evidence:
            assert text[ev.start:ev.end] == ev.text


def test_select_and_ignore_by_prefix():
    engine = RuleEngine(builtin_packs(), select=("FEE",), ignore=("FEE002",))
    ids = {r.id for r in engine.rules}
    assert ids and all(i.startswith("FEE") for i in ids) and "FEE002" not in ids


def test_selected_is_prefix_based():
    assert selected("FEE001", (), ())
    assert selected("FEE001", ("FE",), ())
    assert not selected("FEE001", ("DOC",), ())
    assert not selected("FEE001", (), ("FEE",))


def test_hits_come_in_pack_order_with_combinations_last():
    hits = ENGINE.match(normalise("Girls 18-25 wanted for hostess work abroad. Pay a registration fee first.")).hits
    order = {r.id: i for i, r in enumerate(ENGINE.rules)}
    text_hits = [h for h in hits if not h.rule.is_combination]
    assert [order[h.rule.id] for h in text_hits] == sorted(order[h.rule.id] for h in text_hits)
    kinds = [h.rule.is_combination for h in hits]
    assert True in kinds and kinds == sorted(kinds)
    assert all(isinstance(h, Hit) and h.evidence for h in hits)


def test_rule_lookup_and_candidates():
    assert ENGINE.rule("FEE001").id == "FEE001"
    assert ENGINE.rule("NOPE999") is None
    candidates = ENGINE.candidates("pay the registration fee now")
    assert "FEE001@en" in candidates and all(places == sorted(places) for places in candidates.values())
    assert ENGINE.candidates("nothing here") == {}


def test_suppressions_are_capped():
    text = " ".join(["We never charge any registration fee."] * (MAX_SUPPRESSED + 20))
    assert len(ENGINE.match(normalise(text)).suppressed) == MAX_SUPPRESSED


def test_text_that_lower_casing_would_shift_still_matches():
    text = "İ " + "Pay a registration fee first."  # 'İ'.lower() is two characters: the engine matches case-insensitively
    hits = fired(text)
    assert "FEE001" in hits
    for ev in hits["FEE001"].evidence:
        assert text[ev.start:ev.end] == ev.text


def test_adversarial_input_does_not_hang():
    for bad in ("fee " * 50_000, "passport " * 30_000 + "kept", "girls 18-" * 20_000, "deposit of $" + "1" * 100_000,
                "whatsapp: +" + "1 " * 50_000, "a" * 300_000):
        t = time.perf_counter()
        ENGINE.match(normalise(bad))
        assert time.perf_counter() - t < 10, bad[:20]


def test_one_dotted_capital_i_does_not_turn_lower_casing_off():
    text = "SMALL PROCESSING FEE. Office in İzmir."
    hits = fired(text)
    assert [ev.text for ev in hits["FEE001"].evidence] == ["PROCESSING FEE"]
    assert fired(text.replace("İ", "I")).keys() == hits.keys()


def test_lower_in_place_keeps_every_offset():
    from redflag.rules.engine import lower_in_place

    assert lower_in_place("İzmir FEE") == "izmir fee"
    assert lower_in_place("Plain") == "plain"


def test_rules_only_core_defines_are_titled_from_a_packs_words():
    from redflag.rules.loader import builtin_pack

    engine = RuleEngine(builtin_packs())
    es = builtin_pack("es")
    assert engine.display("CMB005", "es") == (es.ui["title_CMB005"], es.ui["advice_CMB005"])
    fee = next(r for r in es.rules if r.id == "FEE001")
    assert engine.display("FEE001", "es") == (fee.title, fee.advice)  # the pack's own entry


def test_task_work_on_a_famous_platform_is_a_task_scam_without_any_pay_word():
    """'Like the hotels on Booking.com' is the script itself; the pay comes later in the chat."""
    for text, quote in (("Devi solo mettere mi piace agli hotel su Booking.com.", "mettere mi piace agli hotel su Booking.com"),
                        ("Solo tienes que valorar hoteles en Tripadvisor desde casa.", "valorar hoteles en Tripadvisor"),
                        ("Нужно просто ставить лайки видео на YouTube.", "лайки видео на YouTube")):
        hits = {h.rule.id: h for h in ENGINE.match(normalise(text)).hits}
        assert "SCM003" in hits, text
        assert hits["SCM003"].evidence[0].text == quote
    assert "SCM003" not in fired("Our hotel is rated 9.1 on Booking.com; we are hiring a receptionist.")
