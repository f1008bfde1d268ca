"""Fusion: components add up to the score, levels follow thresholds, the model alone cannot reach `high`, two strong signs reach `medium`, a short message is not marked down for being short, weights files round-trip."""

import json
from types import SimpleNamespace

import pytest

from redflag.errors import RedflagError
from redflag.fusion import (KNEE, MODEL_FEW_WORDS, MODEL_FULL_WORDS, FusionWeights, dump_weights, fuse, load_weights, model_evidence,
                            model_logit, soft_bounds, soft_cap, strong_signs)


def test_components_sum_to_score_even_when_clipped():
    w = FusionWeights(base=10, model_points_per_logit=10)
    for points in ([("A", 30.0)], [("A", 60.0), ("B", 60.0)], [("G", -40.0)]):
        score, level, comps = fuse(points, 0.9, w)
        assert abs(sum(c.points for c in comps) - score) < 1e-9
        assert 0 <= score <= 100


def test_model_alone_cannot_make_an_ad_high():
    w = FusionWeights(base=20, model_points_per_logit=12, model_max_points=35)
    score, level, _ = fuse([], 0.999999, w)
    assert level == "medium" and 54 < score < 55


def test_levels():
    w = FusionWeights()
    assert fuse([], None, w)[1] == "low"
    assert fuse([("A", 30.0)], None, w)[1] == "medium"
    assert fuse([("A", 60.0)], None, w)[1] == "high"


def test_weights_file_round_trip(tmp_path):
    w = FusionWeights(base=12.5, model_points_per_logit=11.0, rule_points={"FEE001": 22.0}, name="t")
    path = tmp_path / "w.json"
    dump_weights(w, path, extra={"fitted": {"rows": 3}})
    back = load_weights(path)
    assert back.base == 12.5 and back.rule_points == {"FEE001": 22.0} and back.sha256
    assert json.loads(path.read_text())["fitted"] == {"rows": 3}


def test_bad_weights_file(tmp_path):
    path = tmp_path / "w.json"
    path.write_text("{not json")
    with pytest.raises(RedflagError, match="not valid JSON"):
        load_weights(path)
    path.write_text('{"base": 1}')
    with pytest.raises(RedflagError, match="lacks"):
        load_weights(path)


def test_model_alone_stays_below_high_even_with_a_high_base():
    w = FusionWeights(base=50, model_points_per_logit=12, model_max_points=40)
    score, level, _ = fuse([], 0.999999, w)
    assert level == "medium" and score < w.high
    score, level, _ = fuse([("FEE001", 20.0)], 0.999999, w)
    assert level == "high"


def test_level_for_follows_the_weights_bands():
    from redflag.fusion import level_for

    w = FusionWeights(medium=10, high=20)
    assert [level_for(s, w) for s in (9.9, 10, 19.9, 20)] == ["low", "medium", "medium", "high"]


def test_model_logit_is_clipped():
    from redflag.fusion import LOGIT_CLIP, model_logit

    assert model_logit(0.5) == 0
    assert model_logit(1.0) == LOGIT_CLIP and model_logit(0.0) == -LOGIT_CLIP


def test_points_prefer_learned_weights():
    w = FusionWeights(rule_points={"FEE001": 22.0})
    assert w.points("FEE001", 10.0) == 22.0 and w.points("DOC001", 10.0) == 10.0


def test_scores_keep_their_order_past_the_bounds():
    """Clearly honest ads and model-certain ones must not all share one score: a ranked scan needs their order."""
    w = FusionWeights(base=7.5, model_points_per_logit=26, model_max_points=40, model_min_points=-30)
    probabilities = [0.0005, 0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99, 0.999]
    scores = [fuse([], p, w)[0] for p in probabilities]
    assert scores == sorted(scores) and len(set(scores)) == len(scores)
    assert all(0 < s < w.high for s in scores)
    piled = [fuse([("A", 40.0), ("B", 40.0)], p, w)[0] for p in probabilities]
    assert piled == sorted(piled) and len(set(piled)) == len(piled) and all(s < 100 for s in piled)


def test_soft_bounds_leave_the_middle_alone_and_bend_smoothly():
    assert soft_bounds(50.0) == 50.0 and soft_bounds(KNEE) == KNEE and soft_bounds(100 - KNEE) == 100 - KNEE
    assert 0 < soft_bounds(-500.0) < soft_bounds(-10.0) < soft_bounds(0.0) < KNEE
    assert 100 - KNEE < soft_bounds(100.0) < soft_bounds(500.0) <= 100
    eps = 1e-6  # no jump in the slope at the knees
    assert (soft_bounds(KNEE) - soft_bounds(KNEE - eps)) / eps == pytest.approx(1.0, rel=1e-4)


def test_soft_cap_is_monotone_and_stays_inside():
    values = [soft_cap(x, -30.0, 40.0) for x in (-500, -60, -30, -5, 0, 5, 40, 80, 500)]
    assert values == sorted(values) and -30 < values[0] and values[-1] <= 40
    assert soft_cap(2.0, -30.0, 40.0) == pytest.approx(2.0, abs=0.01)
    assert soft_cap(5.0, -30.0, 0.0) == 0.0


def _sign(category: str, severity: str = "medium", confidence: str = "medium") -> SimpleNamespace:
    return SimpleNamespace(category=category, severity=severity, confidence=confidence)


def test_strong_signs_count_categories_not_rules():
    task, day_pay, chat = _sign("scam_scheme", "high", "high"), _sign("unrealistic_pay"), _sign("off_platform_contact")
    assert strong_signs([task, day_pay, chat]) == 3
    assert strong_signs([task, _sign("scam_scheme"), _sign("scam_scheme", "high", "medium")]) == 1


def test_low_grades_and_reassuring_signs_are_not_strong():
    assert strong_signs([_sign("targeting", "low", "low"), _sign("sexual_work_abroad", "medium", "low")]) == 0
    assert strong_signs([_sign("scam_scheme", "high", "high"), _sign("good_practice", "medium", "medium")]) == 1


def test_a_high_combination_is_two_signs_and_a_medium_one_none():
    assert strong_signs([_sign("combination", "high", "medium")]) == 2
    assert strong_signs([_sign("combination", "medium", "medium")]) == 0
    assert strong_signs([_sign("combination", "high", "low")]) == 0


def test_two_strong_signs_lift_a_short_message_to_medium_against_the_model():
    w = FusionWeights(base=7, model_points_per_logit=30)
    points = [("SCM003", 12.0), ("CON001", 6.0)]
    assert fuse(points, 0.3, w)[1] == "low"
    score, level, comps = fuse(points, 0.3, w, strong=2)
    assert level == "medium" and score == w.medium
    assert abs(sum(c.points for c in comps) - score) < 1e-9
    assert comps[-1].kind == "bound" and comps[-1].points > 0


def test_one_strong_sign_is_not_lifted_and_the_lift_never_lowers_or_makes_high():
    w = FusionWeights(base=7, model_points_per_logit=30)
    assert fuse([("SCM003", 12.0)], 0.3, w, strong=1)[1] == "low"
    assert fuse([("A", 50.0), ("B", 20.0)], 0.5, w, strong=2) == fuse([("A", 50.0), ("B", 20.0)], 0.5, w)
    assert fuse([], 0.999999, w, strong=5)[1] == "medium"


def test_the_model_counts_against_a_short_message_only_as_far_as_it_read_it():
    full = model_logit(0.3)
    assert model_evidence(0.3) == full == model_evidence(0.3, MODEL_FULL_WORDS) == model_evidence(0.3, 500)
    assert model_evidence(0.3, MODEL_FULL_WORDS // 4) == pytest.approx(full / 4)
    assert model_evidence(0.3, 0) == 0.0
    # evidence for the ad needs only a few words: a few words the model knows to be bad are a real sign
    assert model_evidence(0.9, MODEL_FEW_WORDS) == model_evidence(0.9, 5) == model_logit(0.9)
    # but a text of which it knows no word (a Chinese ad and its numbers) is no evidence either way
    assert model_evidence(0.93, 0) == 0.0 and model_evidence(0.2, 0) == 0.0
    assert model_evidence(0.9, 1) == pytest.approx(model_logit(0.9) / MODEL_FEW_WORDS)


def test_a_ten_word_message_with_one_strong_rule_and_a_weak_one_is_not_pulled_low_by_the_model():
    w = FusionWeights(base=7, model_points_per_logit=25)
    points = [("SCM003", 26.0), ("EMP004", 10.0)]
    long_score, long_level, _ = fuse(points, 0.3, w, strong=1, words=200)
    short_score, short_level, comps = fuse(points, 0.3, w, strong=1, words=10)
    assert long_level == "low" and short_level == "medium" and short_score > long_score
    model = next(c for c in comps if c.kind == "model")
    assert model.points == pytest.approx(soft_cap(25 * model_logit(0.3) * 10 / MODEL_FULL_WORDS, w.model_min_points, 40.0))
    assert abs(sum(c.points for c in comps) - short_score) < 1e-9
    # an honest short message is not pushed up past what its rules say: without rules it stays low
    assert fuse([], 0.05, w, words=3)[1] == "low"
    assert fuse(points, 0.9, w, words=10) == fuse(points, 0.9, w, words=200)
    # nor is an ad the model cannot read: a lone number it knows does not make it medium
    assert fuse([], 0.93, w, words=0)[1] == "low" and fuse([], 0.93, w, words=10)[1] == "medium"

