"""Combination rules: every group of ``requires`` met by a red flag that fired, quoting one phrase each."""

from redflag.result import Evidence
from redflag.rules.engine import RuleEngine
from redflag.rules.kinds.base import Ad, Hit
from redflag.rules.kinds.combination import CombinationMatcher, refers_to
from redflag.rules.loader import builtin_packs
from redflag.text.normalise import normalise

PACKS = builtin_packs()
ENGINE = RuleEngine(PACKS)
RULES = {r.id: r for p in PACKS for r in p.rules}
COMBO = next(r for r in RULES.values() if r.is_combination)


def fired(text):
    return {h.rule.id for h in ENGINE.match(normalise(text)).hits}


def test_combination_needs_every_group():
    assert "CMB002" in fired("Girls 18-25 wanted for hostess work abroad.")
    assert "CMB002" not in fired("Hostess work abroad.")


def test_references_are_categories_ids_or_prefixes():
    fee = RULES["FEE001"]
    assert refers_to("fees", fee) and refers_to("FEE001", fee) and refers_to("FEE", fee)
    assert not refers_to("DOC", fee)


def _ad(hits):
    norm = normalise("x")
    return Ad(norm=norm, lowered="x", fold=True, places={}, near={}, hits=hits)


def _member(ref):
    return next(r for r in RULES.values() if not r.is_combination and r.weight > 0 and refers_to(ref, r))


def test_matcher_quotes_the_first_phrase_of_each_group_once():
    matcher = CombinationMatcher(COMBO, PACKS[0].context)
    members = [_member(group[0]) for group in COMBO.requires]
    shared = Evidence(text="same", start=3, end=7)
    hits = [Hit(rule=r, evidence=(shared,)) for r in members]
    found = matcher.match(_ad(hits))
    assert found.evidence == (shared,)
    assert not matcher.match(_ad(hits[:-1])).evidence


def test_reassuring_or_negative_hits_do_not_count():
    matcher = CombinationMatcher(COMBO, PACKS[0].context)
    members = [_member(group[0]) for group in COMBO.requires]
    import dataclasses

    weak = [Hit(rule=dataclasses.replace(r, weight=-1.0), evidence=(Evidence(text="x", start=0, end=1),)) for r in members]
    assert not matcher.match(_ad(weak)).evidence


def test_a_built_in_concept_meets_a_group_and_is_quoted_where_it_stands():
    """A famous name is no red flag, so no rule fires on it; a combination can still require it."""
    text = "Hi, I am Daniela from   AMAZON. Earn 300 USD per day, message me on WhatsApp."
    hits = {h.rule.id: h for h in ENGINE.match(normalise(text)).hits}
    assert "CMB010" in hits
    brand = hits["CMB010"].evidence[0]
    assert brand.text == "AMAZON" == text[brand.start:brand.end]
    assert "CMB010" not in fired("Hi, I am Daniela from Amazon. Our warehouse team works 40 hours a week.")
    assert "CMB010" not in fired("Earn 300 USD per day, message me on WhatsApp.")


def test_brand_names_are_whole_words_not_parts_of_addresses():
    from redflag.rules.concepts import BUILT_IN

    spans = lambda t: [t[a:b] for a, b in BUILT_IN["@brand"](t)]  # noqa: E731
    assert spans("boost hotels on booking.com and tripadvisor") == ["booking.com", "tripadvisor"]
    assert spans("visit my-amazon.com or amazonas, mail jobs@amazon.example") == []
    assert spans("представитель оон и unicef") == ["оон", "unicef"]
    assert spans("hi, priya from flipkart hr; naukri chahiye") == ["flipkart"]  # "naukri" is the Hindi for a job
    assert spans("我是京东人事部的王经理，在抖音点赞") == ["京东", "抖音"]  # Chinese names touch the words around them


def test_a_group_may_name_a_built_in_concept_but_not_an_unknown_one(tmp_path):
    import pytest

    from redflag.errors import RulePackError
    from redflag.rules.loader import load_pack

    body = ('[pack]\nname = "t"\nlanguage = "en"\n[[rule]]\nid = "TST001"\ntitle = "t"\ncategory = "combination"\n'
            'indicator = "i"\nseverity = "low"\nconfidence = "low"\nweight = 1\nrationale = "r"\nadvice = "a"\n'
            'references = ["x"]\nrequires = [["{ref}"], ["fees"]]\n'
            'match = [{ text = "Amazon: pay a registration fee of 100 USD.", evidence = "Amazon" }]\n'
            'no_match = ["Amazon warehouse jobs.", "Pay a registration fee of 100 USD."]\n')
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(body.replace("{ref}", "@brand"))
    bad.write_text(body.replace("{ref}", "@nowhere"))
    assert load_pack(good).rules[0].requires[0] == ("@brand",)
    with pytest.raises(RulePackError, match="@nowhere"):
        load_pack(bad)


def test_a_wide_age_band_is_read_in_every_language_and_needs_a_scam_sign():
    from redflag.rules.concepts import BUILT_IN

    def band(text: str) -> list[str]:
        low = text.lower()  # built-in concepts read the lower-cased ad
        return [low[a:b] for a, b in BUILT_IN["@wide_age_range"](low)]

    assert band("La fascia di età va dai 23 ai 55 anni") == ["dai 23 ai 55 anni"]
    assert band("Возраст от 20 до 60 лет") == ["возраст от 20 до 60 лет"]
    assert band("Girls 18-25 only") == [] and band("lift 20-60 kg") == []
    assert "CMB011" in fired("Part-time online job, earn 300 USD per day. Age 22-60.")
    assert "CMB011" not in fired("Drivers aged 25-65, full-time, 40 hours a week, apply on our site.")
