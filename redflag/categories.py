"""Rule categories, and which of them are reassuring signs: the only definition of both."""

from __future__ import annotations

REASSURING = "good_practice"  # a good-practice sign lowers the score; every other category is a red flag
COMBINATION = "combination"  # several signs together, defined by the rules they require

CATEGORIES: tuple[str, ...] = (
    "fees", "documents", "debt", "wages", "housing_movement", "vague_employer", "unrealistic_pay",
    "no_requirements", "off_platform_contact", "urgency", "contract", "hours", "targeting",
    "sexual_work_abroad", "travel_abroad", "scam_scheme", COMBINATION, REASSURING,
)
# the categories a single phrase of an ad can show (neither combinations nor reassuring signs)
SIGN_CATEGORIES: tuple[str, ...] = tuple(c for c in CATEGORIES if c not in (COMBINATION, REASSURING))


# The kinds of harm a red flag points to: labour exploitation (forced labour, debt bondage),
# sexual exploitation (recruitment into prostitution), and fraud against the job-seeker.
HARMS: tuple[str, ...] = ("labour", "sexual", "scam")
# The harms of a category's rules, unless a rule names its own (``harm = [...]`` in core.toml).
CATEGORY_HARMS: dict[str, tuple[str, ...]] = {
    "fees": ("labour", "scam"), "documents": ("labour",), "debt": ("labour",), "wages": ("labour",),
    "housing_movement": ("labour",), "vague_employer": ("scam",), "unrealistic_pay": ("scam",),
    "no_requirements": ("scam",), "off_platform_contact": ("scam",), "urgency": ("scam",),
    "contract": ("labour",), "hours": ("labour",), "targeting": ("sexual",),
    "sexual_work_abroad": ("sexual",), "travel_abroad": ("labour",), "scam_scheme": ("scam",),
    COMBINATION: (), REASSURING: (),
}


def is_reassuring(category: str) -> bool:
    """Good-practice rules are reassuring signs, whatever points learned weights give them."""
    return category == REASSURING
