"""Rule data: what a rule says about itself; severity/confidence grades are not risk levels."""

from redflag.categories import REASSURING
from redflag.rules.schema import GRADES, MAX_MATCH, RULE_ID, Example, Rule


def make_rule(**changes):
    fields = dict(
        id="TST001", title="t", category="fees", indicator="i", severity="high", confidence="low", weight=10.0,
        rationale="r", advice="a", references=(), language="en", keywords=frozenset({"fee"}), patterns=(r"\bfee\b",),
        negation=True, hypothetical=True, requires=(), matches=(Example("a fee", "fee"),), no_matches=("none",),
    )
    fields.update(changes)
    return Rule(**fields)


def test_a_rule_knows_whether_it_reassures_or_combines():
    rule = make_rule()
    assert rule.kinds == ("pattern",) and not rule.reassuring and not rule.is_combination
    assert make_rule(category=REASSURING).reassuring
    combo = make_rule(requires=(("FEE",),))
    assert combo.is_combination and combo.kinds == ("combination",)
    assert rule.key == f"{rule.id}@{rule.language}"


def test_grades_and_ids():
    assert GRADES == ("low", "medium", "high")
    assert RULE_ID.match("FEE001") and RULE_ID.match("SCAMX123")
    assert not RULE_ID.match("fee001") and not RULE_ID.match("F001") and not RULE_ID.match("FEE01")
    assert MAX_MATCH >= 100


def test_rules_are_frozen():
    rule = make_rule()
    try:
        rule.weight = 1.0
    except AttributeError:
        return
    raise AssertionError("a Rule must be immutable")
