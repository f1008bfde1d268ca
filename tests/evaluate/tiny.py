"""A tiny fixed report built through the real measuring code with a stand-in Checker: six ads, five rules."""

from types import SimpleNamespace

import numpy as np

from redflag import evaluate as ev
from redflag.evaluate.corpus import Corpus
from redflag.evaluate.report import Fit, FitPart, SkippedRow
from redflag.fusion import FusionWeights

RULES = (SimpleNamespace(id="FEE001", title="fee", category="fees", weight=25.0),
         SimpleNamespace(id="DOC001", title="documents", category="documents", weight=30.0),
         SimpleNamespace(id="FEE002", title="deposit", category="fees", weight=10.0),
         SimpleNamespace(id="TRV001", title="travel", category="travel", weight=15.0),
         SimpleNamespace(id="GOOD001", title="contract", category="good_practice", weight=-8.0))
# ad -> (fused score, model probability, rules fired)
ADS = {"a": (72.0, 0.9, ("FEE001", "DOC001", "GOOD001")), "b": (35.0, 0.7, ("FEE001",)),
       "c": (20.0, 0.4, ("FEE002", "GOOD001")), "d": (40.0, 0.55, ("DOC001", "FEE002")),
       "e": (31.0, 0.3, ("DOC001", "GOOD001")), "f": (0.0, 0.1, ())}
LABELS = {"a": True, "b": True, "c": False, "d": False, "e": True, "f": False}
OPTIONS = ev.EvalOptions(threshold=50.0, prevalence=0.1, bootstrap=20, seed=1)
FITTED = FusionWeights(rule_points={"FEE001": 40.0, "GOOD001": -20.0}, name="fitted", sha256="12" * 32)


# ad -> its main language, for a stand-in whose results carry one
LANGS = {"a": "es", "b": "en", "c": "en", "d": "es", "e": "en", "f": "und"}


def _result(text, weights, langs=None):
    score, p, fired = ADS[text]
    comps = [SimpleNamespace(kind="rule", points=weights.points(r.id, r.weight)) for r in RULES if r.id in fired]
    result = SimpleNamespace(score=score, model=SimpleNamespace(probability=p), components=comps,
                             flags=[SimpleNamespace(id=rid) for rid in fired])
    if langs is not None:
        result.lang = langs[text]
    return result


def checker(weights=None, fail_on=(), langs=None):
    """A stand-in Checker scoring the six ads as ADS says; ads in ``fail_on`` raise; results carry ``langs[ad]`` when given."""
    weights = weights or FusionWeights()

    def check_many(texts):
        if any(t in fail_on for t in texts):
            raise ValueError("cannot score")
        return [_result(t, weights, langs) for t in texts]

    return SimpleNamespace(engine=SimpleNamespace(rules=RULES), weights=weights, model=object(), check_many=check_many,
                           version={"redflag": "0.0.0", "rules": "core", "rules_sha256": "ab" * 32, "model": "tiny",
                                    "model_sha256": "cd" * 32, "weights": weights.name,
                                    "weights_sha256": weights.sha256 or None})


def corpus():
    """The six ads, with two rows of the table already skipped."""
    texts = list(ADS)
    return Corpus(texts=texts, y=np.array([LABELS[t] for t in texts]), ids=list(range(6)), rows=8,
                  skipped=[SkippedRow(row=6, id=6, reason="empty text"), SkippedRow(row=7, id=7, reason="missing label")],
                  positive_class="1", negative_class="0", label_col="label", text_cols=["text"], id_col=None,
                  path="tiny.csv", sha256="ef" * 32)


def report():
    """The tiny report with three gates, one of them failing."""
    r = ev.evaluate_corpus(checker(), corpus(), OPTIONS)
    gates = ev.parse_gates(["auc=0.5,recall@high=0.9"], "under") + ev.parse_gates(["fpr@high=0.2"], "over")
    return r.with_gates(ev.check_gates(r, gates))


def fitted_report():
    """The tiny report after fitting: FITTED weights compared with the pack's on the same ads."""
    before = ev.evaluate_corpus(checker(), corpus(), OPTIONS)
    r = ev.evaluate_corpus(checker(FITTED), corpus(), OPTIONS)
    return r.with_fit(Fit(weights_file="tiny.fusion.json", weights_sha256="12" * 32, holdout=0.5,
                          train=FitPart(ads=6, positives=3),
                          test=FitPart(ads=r.data.evaluated, positives=r.data.positives),
                          learned_rules=("FEE001", "GOOD001"), before_weights=before.provenance.weights,
                          before=before.scorers, after_weights=r.provenance.weights, after=r.scorers))


def languages_report():
    """The tiny report of a stand-in whose results say which language each ad is in."""
    return ev.evaluate_corpus(checker(langs=LANGS), corpus(), OPTIONS)
