"""The examples of core.toml's own rules (read from surfaces or from other rules): the texts each must
fire on, with the phrase it must quote, and the ones it must not. The language packs' examples are
run per language by ``test_languages``."""

import pytest

from redflag.rules.engine import RuleEngine
from redflag.rules.loader import ANY, builtin_pack, builtin_packs
from redflag.text.normalise import normalise

PACKS = builtin_packs(validate=True)
ENGINE = RuleEngine([builtin_pack(ANY), builtin_pack("en")])  # their examples are written in English
RULES = list(builtin_pack(ANY).rules)


def _hits(text):
    return {h.rule.id: h for h in ENGINE.match(normalise(text), {"en"}).hits}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_fires_on_its_examples_with_exact_evidence(rule):
    for example in rule.matches:
        hits = _hits(example.text)
        assert rule.id in hits, f"{rule.id} did not fire on {example.text!r}"
        quoted = [e.text for e in hits[rule.id].evidence]
        assert example.evidence in quoted, f"{rule.id} quoted {quoted} in {example.text!r}, expected {example.evidence!r}"
        for ev in hits[rule.id].evidence:
            assert example.text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_stays_silent_on_its_counter_examples(rule):
    for text in rule.no_matches:
        hits = _hits(text)
        assert rule.id not in hits, f"{rule.id} fired on {text!r}: {[e.text for e in hits[rule.id].evidence]}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.patterns], ids=lambda r: r.id)
def test_every_match_example_contains_a_keyword(rule):
    """The keyword index must never hide a rule from an ad it should fire on."""
    import re

    for example in rule.matches:
        words = set(re.findall(r"[a-z]+", normalise(example.text).text.lower()))
        assert words & rule.keywords, f"{rule.id}: no keyword in {example.text!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if not r.is_combination], ids=lambda r: r.id)
def test_counter_examples_include_negated_and_hypothetical_forms(rule):
    """A rule that honours negation or warnings must prove it on its own counter-examples."""
    import re

    negation = re.compile(r"\b(?:no|not|never|without|none|cannot)\b|n't", re.IGNORECASE)
    cues = builtin_pack("en").context
    if rule.negation:
        assert any(negation.search(t) for t in rule.no_matches), f"{rule.id}: no negated counter-example"
    if rule.hypothetical:
        assert any(cues.hypothetical.search(t) for t in rule.no_matches), f"{rule.id}: no warning/hypothetical counter-example"
