"""Scoring a corpus and measuring it: per-rule statistics, scorers, operating points, failed ads."""

from types import SimpleNamespace

import numpy as np
import pytest

from redflag.errors import InputError
from redflag.evaluate import measure as me
from redflag.evaluate.options import EvalOptions
from redflag.evaluate.report import RULE_KEYS
from redflag.fusion import FusionWeights


def _rule(rid, category="fees", weight=10.0):
    return SimpleNamespace(id=rid, title=rid.lower(), category=category, weight=weight)


def _fake_checker(rules):
    return SimpleNamespace(engine=SimpleNamespace(rules=tuple(rules)), weights=FusionWeights())


# ------------------------------------------------------------------ per-rule table


def test_rule_table_on_a_tiny_corpus():
    checker = _fake_checker([_rule("FEE001"), _rule("DOC001"), _rule("TRV001"), _rule("GOOD001", "good_practice", -8.0),
                             _rule("GOOD002", "good_practice", -4.0)])
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], dtype=bool)
    hits = np.zeros((10, 5), dtype=bool)
    hits[[0, 1, 2, 4], 0] = True          # FEE001: 3 of 4 positives, 1 of 6 negatives
    hits[[4, 5, 6, 0], 2] = True          # TRV001: 1 positive, 3 negatives: a red flag firing on good ads
    hits[[0, 1, 5], 3] = True             # GOOD001: reassuring but fires on 2 of 4 bad ads, 1 of 6 good ones
    hits[[6, 7, 8, 9], 4] = True          # GOOD002: reassuring and fires only on good ads
    rows = {r.id: r for r in me.rule_table(checker, y, hits, prevalence=0.05, sort="id")}
    fee = rows["FEE001"]
    assert (fee.hits, fee.hits_pos, fee.hits_neg, fee.false_alarms) == (4, 3, 1, 1)
    assert rows["GOOD001"].false_alarms == 2 and rows["GOOD002"].false_alarms == 0
    assert fee.share_pos == 0.75 and fee.share_neg == pytest.approx(1 / 6, abs=1e-6)
    assert fee.precision.value == 0.75 and fee.precision.low < 0.75 < fee.precision.high
    assert fee.lift == pytest.approx(0.75 / 0.4)
    assert fee.precision_at_prevalence == pytest.approx(0.05 * 0.75 / (0.05 * 0.75 + 0.95 / 6), abs=1e-6)
    assert not fee.never_fires and not fee.inverted
    assert rows["DOC001"].never_fires and rows["DOC001"].lift is None and not rows["DOC001"].inverted
    assert rows["TRV001"].inverted
    assert rows["GOOD001"].reassuring and rows["GOOD001"].inverted
    assert rows["GOOD002"].reassuring and not rows["GOOD002"].inverted
    assert list(fee.to_dict()) == list(RULE_KEYS)


def test_rule_table_sorts():
    checker = _fake_checker([_rule("A1"), _rule("B1"), _rule("C1")])
    y = np.array([1, 1, 0, 0], dtype=bool)
    hits = np.array([[1, 0, 1], [0, 0, 1], [0, 1, 1], [0, 1, 0]], dtype=bool)
    order = lambda sort: [r.id for r in me.rule_table(checker, y, hits, None, sort)]  # noqa: E731
    assert order("id") == ["A1", "B1", "C1"]
    assert order("lift") == ["A1", "C1", "B1"]
    assert order("false-alarms") == ["B1", "C1", "A1"]
    assert order("hits") == ["C1", "B1", "A1"]
    with pytest.raises(InputError):
        me.sort_rules([], "nope")


# ------------------------------------------------------------------ scoring and scorers


def test_score_corpus_reads_every_result(tiny):
    scores = me.score_corpus(tiny.checker(), list(tiny.ADS))
    assert list(scores.fused) == [72.0, 35.0, 20.0, 40.0, 31.0, 0.0]
    assert list(scores.model) == [0.9, 0.7, 0.4, 0.55, 0.3, 0.1]
    assert list(scores.rules) == [25.0 + 30.0 - 8.0, 25.0, 10.0 - 8.0, 30.0 + 10.0, 30.0 - 8.0, 0.0]
    assert scores.hits.shape == (6, 5) and list(scores.hits[0]) == [True, True, False, False, True]
    assert scores.failed == [] and scores.without_failed() is scores


def test_an_ad_the_checker_cannot_score_becomes_a_skipped_row(tiny):
    checker = tiny.checker(fail_on={"b"})
    scores = me.score_corpus(checker, list(tiny.ADS))
    assert scores.failed == [(1, "failed: ValueError: cannot score")]
    kept = scores.without_failed()
    assert len(kept.fused) == 5 and kept.hits.shape == (5, 5) and kept.failed == []
    report = me.evaluate_corpus(checker, tiny.corpus(), tiny.OPTIONS)
    assert report.data.evaluated == 5 and report.data.skipped.count == 3
    assert report.data.skipped.first[-1].reason == "failed: ValueError: cannot score"
    assert report.data.skipped.first[-1].row is None and report.data.skipped.first[-1].id == 1


def test_operating_points():
    checker = SimpleNamespace(weights=FusionWeights(medium=30.0, high=60.0), model=object())
    assert me.operating_points(checker, EvalOptions()) == {
        "fused": {"medium": 30.0, "high": 60.0}, "rules": {"medium": 30.0, "high": 60.0}, "model": {"threshold": 0.5}}
    no_model = SimpleNamespace(weights=FusionWeights(), model=None)
    points = me.operating_points(no_model, EvalOptions(threshold=45))
    assert set(points) == {"fused", "rules"} and points["fused"]["threshold"] == points["rules"]["threshold"] == 45.0


def test_measure_scorers_without_bootstrap_has_no_intervals(tiny):
    scores = me.score_corpus(tiny.checker(), list(tiny.ADS))
    y = tiny.corpus().y
    options = EvalOptions(bootstrap=0)
    scorers = me.measure_scorers(y, scores, me.operating_points(tiny.checker(), options), options)
    assert scorers.fused.auc.value == pytest.approx(7 / 9, abs=1e-6) and scorers.fused.auc.low is None
    medium = scorers.fused.point("medium")
    assert (medium.confusion.tp, medium.confusion.fp, medium.confusion.fn, medium.confusion.tn) == (3, 1, 0, 2)
    assert medium.recall.value == 1.0 and medium.precision.value == 0.75 and medium.precision_at_prevalence is None
    assert scorers.fused.point("threshold") is None and [n for n, _ in scorers.model.at] == ["threshold"]


def test_evaluate_corpus_fills_every_section(tiny):
    report = me.evaluate_corpus(tiny.checker(), tiny.corpus(), tiny.OPTIONS)
    assert report.provenance.data_sha256 == "ef" * 32 and report.provenance.confidence == me.CONFIDENCE
    assert (report.data.positives, report.data.negatives, report.data.rows) == (3, 3, 8)
    assert report.data.skipped.reasons == (("empty text", 1), ("missing label", 1))
    assert (report.settings.medium, report.settings.high, report.settings.model_threshold) == (30.0, 60.0, 0.5)
    assert [r.id for r in report.rules] == ["FEE001", "DOC001", "GOOD001", "FEE002", "TRV001"]
    assert report.gates == () and report.fit is None


# ------------------------------------------------------------------ on real rules, end to end


def test_report_covers_every_rule_and_scores_well_on_synthetic_ads(report):
    from redflag.config import Config
    from redflag.pipeline import Checker

    ids = {r.id for r in Checker(Config(entities=False)).engine.rules}
    assert {r["id"] for r in report["rules"]} == ids
    assert report["data"]["evaluated"] == 160 and report["data"]["skipped"]["count"] == 0
    auc = report["scorers"]["fused"]["auc"]
    assert auc["value"] > 0.8 and auc["low"] <= auc["value"] <= auc["high"]
    lifts = [r["lift"] for r in report["rules"]]
    assert lifts == sorted(lifts, key=lambda v: (v is None, -(v or 0)))


def test_the_api_measures_what_the_command_reports(report, typed_report):
    assert typed_report.to_dict()["scorers"] == report["scorers"]
    assert typed_report.to_dict()["rules"] == report["rules"]


def test_same_seed_same_report(run, synthetic):
    a = run("evaluate", synthetic, "-f", "json", "--bootstrap", "30", "--seed", "3")
    b = run("evaluate", synthetic, "-f", "json", "--bootstrap", "30", "--seed", "3")
    assert a.stdout == b.stdout


# ------------------------------------------------------------------ languages


def test_language_table_counts_and_rates_each_language():
    langs = ["es"] * 6 + ["en"] * 3
    y = np.array([1, 1, 1, 0, 0, 0, 1, 0, 0], dtype=bool)
    fused = np.array([80.0, 40.0, 10.0, 70.0, 0.0, 0.0, 90.0, 35.0, 0.0])
    rows = me.language_table(langs, y, fused, {"medium": 30.0, "high": 60.0}, min_class=3)
    assert [(g.lang, g.ads, g.positives, g.negatives) for g in rows] == [("es", 6, 3, 3), ("en", 3, 1, 2)]
    es = rows[0]
    medium, high = es.point("medium"), es.point("high")
    assert (medium.confusion.tp, medium.confusion.fp, medium.confusion.fn, medium.confusion.tn) == (2, 1, 1, 2)
    assert medium.recall.value == pytest.approx(2 / 3, abs=1e-6) and medium.fpr.value == pytest.approx(1 / 3, abs=1e-6)
    assert medium.recall.low < medium.recall.value < medium.recall.high  # a Wilson interval
    assert high.recall.value == pytest.approx(1 / 3, abs=1e-6) and high.threshold == 60.0
    en = rows[1]  # too few ads of either class to give a rate
    assert en.point("medium").recall is None and en.point("medium").fpr is None
    assert en.point("medium").confusion.tp == 1 and es.point("threshold") is None


def test_language_table_needs_enough_ads_of_a_class_by_default():
    assert me.MIN_LANGUAGE_CLASS == 10
    y = np.array([True] * 10 + [False] * 9)
    rows = me.language_table(["ru"] * 19, y, np.full(19, 70.0), {"high": 60.0})
    point = rows[0].point("high")
    assert point.recall.value == 1.0 and point.fpr is None


def test_the_report_has_languages_when_the_results_carry_them(tiny):
    assert me.evaluate_corpus(tiny.checker(), tiny.corpus(), tiny.OPTIONS).languages == ()
    report = tiny.languages_report()
    assert [(g.lang, g.ads, g.positives, g.negatives) for g in report.languages] == [("en", 3, 2, 1), ("es", 2, 1, 1), ("und", 1, 0, 1)]
    assert [n for n, _ in report.languages[0].at] == ["medium", "high", "threshold"]
    d = report.to_dict()["languages"]
    assert d[0]["lang"] == "en" and set(d[0]["at"]["medium"]) == {"threshold", "confusion", "recall", "fpr"}


def test_failed_ads_leave_the_language_counts(tiny):
    checker = tiny.checker(fail_on={"a"}, langs=tiny.LANGS)
    report = me.evaluate_corpus(checker, tiny.corpus(), tiny.OPTIONS)
    assert {g.lang: g.ads for g in report.languages} == {"en": 3, "es": 1, "und": 1}


def test_scores_keep_each_ads_language(tiny):
    scores = me.score_corpus(tiny.checker(langs=tiny.LANGS), list(tiny.ADS))
    assert scores.langs == ["es", "en", "en", "es", "en", "und"]
    assert me.score_corpus(tiny.checker(), list(tiny.ADS)).langs is None


def test_real_results_report_their_language(report):
    langs = report["languages"]
    assert sum(g["ads"] for g in langs) == report["data"]["evaluated"]
    assert langs[0]["lang"] == "en"


def test_harm_table_measures_each_labelled_kind_of_harm():
    import numpy as np

    from redflag.evaluate.measure import harm_table

    types = ["scam"] * 12 + ["sexual"] * 2 + ["", "scam"]
    y = np.array([True] * 14 + [False, False])
    fused = np.array([50.0] * 9 + [10.0] * 3 + [80.0, 5.0, 90.0, 90.0])
    harms = [("scam",)] * 6 + [("labour",)] * 6 + [("sexual",), ()] + [(), ("scam",)]
    rows = harm_table(types, y, fused, harms, {"medium": 30.0, "high": 60.0}, min_class=10)
    assert [(r.harm, r.ads) for r in rows] == [("scam", 12), ("sexual", 2)]  # good ads and unlabelled ones left out
    scam = rows[0]
    assert scam.recall("medium").value == 0.75 and scam.recall("high").value == 0.0 and scam.named.value == 0.5
    assert rows[1].recall("medium") is None and rows[1].named is None  # under the minimum: too few to say
