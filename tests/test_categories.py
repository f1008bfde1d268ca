"""Categories: one list, reassuring signs and combinations apart from the signs a phrase can show."""

from redflag.categories import CATEGORIES, COMBINATION, REASSURING, SIGN_CATEGORIES, is_reassuring
from redflag.rules.loader import builtin_packs


def test_sign_categories_exclude_combinations_and_good_practice():
    assert COMBINATION in CATEGORIES and REASSURING in CATEGORIES
    assert set(SIGN_CATEGORIES) == set(CATEGORIES) - {COMBINATION, REASSURING}
    assert len(set(CATEGORIES)) == len(CATEGORIES)


def test_only_good_practice_reassures():
    assert is_reassuring(REASSURING)
    assert not any(is_reassuring(c) for c in CATEGORIES if c != REASSURING)


def test_every_shipped_rule_uses_a_known_category():
    used = {r.category for p in builtin_packs() for r in p.rules}
    assert used <= set(CATEGORIES) and REASSURING in used
