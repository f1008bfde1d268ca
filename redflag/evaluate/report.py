"""The evaluation report as frozen sections, so measuring, gating and formatting share one typed shape.

``EvalReport.to_dict()`` is the stable JSON form (schema ``redflag.evaluate/1``): key names and
order are part of the schema, so a report written today compares with one written a year ago.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, ClassVar

SCHEMA = "redflag.evaluate/1"
REPORT_KEYS = ("schema", "provenance", "data", "settings", "scorers", "rules", "gates", "fit", "languages", "harms")
RULE_KEYS = (
    "id", "title", "category", "reassuring", "points", "hits", "hits_pos", "hits_neg", "false_alarms", "share_pos", "share_neg",
    "precision", "precision_at_prevalence", "lift", "never_fires", "inverted",
)
SCORERS = ("fused", "model", "rules")
POINT_METRICS = ("precision", "recall", "f1", "fpr")
MIN_LANGUAGE_CLASS = 10  # ads of a class a language needs before its recall (positives) or FPR (negatives) is given

_FROZEN = {"frozen": True, "kw_only": True, "slots": True}


def number(x: Any, digits: int = 6) -> float | None:
    """A report number: rounded so reports diff cleanly, and None where the metric is undefined (NaN)."""
    x = float(x)
    return None if math.isnan(x) else round(x, digits)


@dataclass(**_FROZEN)
class Interval:
    """A point estimate and its confidence interval; any of them None when undefined."""

    value: float | None
    low: float | None = None
    high: float | None = None

    def to_dict(self) -> dict:
        """The JSON form: value, low, high."""
        return {"value": self.value, "low": self.low, "high": self.high}


@dataclass(**_FROZEN)
class Provenance:
    """What produced a report, so two reports can be compared or reproduced."""

    redflag: str | None
    rules: str | None
    rules_sha256: str | None
    model: str | None
    model_sha256: str | None
    weights: str | None
    weights_sha256: str | None
    data_path: str
    data_sha256: str
    rows: int
    seed: int
    bootstrap: int
    confidence: float

    def to_dict(self) -> dict:
        """The JSON form, keys in field order."""
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(**_FROZEN)
class SkippedRow:
    """A row left out of the evaluation and why (``row`` is None for an ad the Checker failed on)."""

    row: int | None
    id: Any
    reason: str

    def to_dict(self) -> dict:
        """The JSON form: row, id, reason."""
        return {"row": self.row, "id": self.id, "reason": self.reason}


@dataclass(**_FROZEN)
class Skipped:
    """How many rows were skipped, counted by reason, with the first few named."""

    count: int
    reasons: tuple[tuple[str, int], ...]  # sorted by reason
    first: tuple[SkippedRow, ...]

    def to_dict(self) -> dict:
        """The JSON form: count, reasons (reason -> count), first."""
        return {"count": self.count, "reasons": dict(self.reasons), "first": [s.to_dict() for s in self.first]}


@dataclass(**_FROZEN)
class DataSection:
    """The corpus evaluated: where it came from, how many ads of each class, what was skipped."""

    path: str
    sha256: str
    rows: int
    part: str
    evaluated: int
    positives: int
    negatives: int
    positive_class: str
    negative_class: str
    label_col: str
    text_cols: tuple[str, ...]
    id_col: str | None
    skipped: Skipped

    def to_dict(self) -> dict:
        """The JSON form, keys in field order."""
        out = {name: getattr(self, name) for name in self.__slots__}
        out["text_cols"] = list(self.text_cols)
        out["skipped"] = self.skipped.to_dict()
        return out


@dataclass(**_FROZEN)
class Settings:
    """The thresholds and options the numbers depend on."""

    medium: float
    high: float
    threshold: float | None
    model_threshold: float | None  # None when no model was loaded
    prevalence: float | None
    sort: str

    def to_dict(self) -> dict:
        """The JSON form, the two level thresholds under ``levels``."""
        return {"levels": {"medium": self.medium, "high": self.high}, "threshold": self.threshold,
                "model_threshold": self.model_threshold, "prevalence": self.prevalence, "sort": self.sort}


@dataclass(**_FROZEN)
class Confusion:
    """Unweighted confusion counts at one operating point."""

    tp: int
    fp: int
    fn: int
    tn: int

    def to_dict(self) -> dict:
        """The JSON form: tp, fp, fn, tn."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn}


@dataclass(**_FROZEN)
class OperatingPoint:
    """A scorer's metrics when ads scoring at least ``threshold`` are flagged."""

    threshold: float
    confusion: Confusion
    precision: Interval
    recall: Interval
    f1: Interval
    fpr: Interval
    precision_at_prevalence: Interval | None  # None unless a prevalence was given

    def metric(self, name: str) -> Interval | None:
        """One of precision, recall, f1, fpr, precision_at_prevalence by name."""
        return getattr(self, name)

    def to_dict(self) -> dict:
        """The JSON form, keys in field order."""
        out: dict[str, Any] = {"threshold": self.threshold, "confusion": self.confusion.to_dict()}
        for name in POINT_METRICS:
            out[name] = self.metric(name).to_dict()
        pp = self.precision_at_prevalence
        out["precision_at_prevalence"] = None if pp is None else pp.to_dict()
        return out


@dataclass(**_FROZEN)
class ScorerBlock:
    """One scorer's ranking metrics and its operating points, in the order they were measured."""

    auc: Interval
    ap: Interval
    at: tuple[tuple[str, OperatingPoint], ...]

    def point(self, name: str) -> OperatingPoint | None:
        """The operating point called ``name`` (medium, high, threshold), None when not measured."""
        return dict(self.at).get(name)

    def to_dict(self) -> dict:
        """The JSON form: auc, ap, at (point name -> metrics)."""
        return {"auc": self.auc.to_dict(), "ap": self.ap.to_dict(), "at": {n: p.to_dict() for n, p in self.at}}


@dataclass(**_FROZEN)
class Scorers:
    """The fused score, the model alone and the rules alone; a scorer not available is None."""

    fused: ScorerBlock | None
    model: ScorerBlock | None
    rules: ScorerBlock | None

    def get(self, name: str) -> ScorerBlock | None:
        """The block of scorer ``name`` (fused, model or rules)."""
        return getattr(self, name)

    def items(self) -> Iterator[tuple[str, ScorerBlock | None]]:
        """(name, block) in report order, unavailable scorers included as None."""
        return ((name, self.get(name)) for name in SCORERS)

    def to_dict(self) -> dict:
        """The JSON form: fused, model, rules."""
        return {name: None if block is None else block.to_dict() for name, block in self.items()}


@dataclass(**_FROZEN)
class RuleRow:
    """Mass-check statistics of one rule (``false_alarms`` counts good ads for a red flag, bad ads for a reassuring sign)."""

    id: str
    title: str
    category: str
    reassuring: bool
    points: float | None
    hits: int
    hits_pos: int
    hits_neg: int
    false_alarms: int
    share_pos: float | None
    share_neg: float | None
    precision: Interval
    precision_at_prevalence: float | None
    lift: float | None
    never_fires: bool
    inverted: bool

    def to_dict(self) -> dict:
        """The JSON form, keys as ``RULE_KEYS``."""
        out = {name: getattr(self, name) for name in RULE_KEYS}
        out["precision"] = self.precision.to_dict()
        return out


@dataclass(**_FROZEN)
class LanguagePoint:
    """The fused score's recall and false-alarm rate on one language's ads at one operating point.

    ``recall`` is None when the language has fewer than ``MIN_LANGUAGE_CLASS`` positives, ``fpr``
    when it has fewer negatives; their intervals are Wilson intervals, not bootstrap ones.
    """

    threshold: float
    confusion: Confusion
    recall: Interval | None
    fpr: Interval | None

    def to_dict(self) -> dict:
        """The JSON form: threshold, confusion, recall, fpr."""
        return {"threshold": self.threshold, "confusion": self.confusion.to_dict(),
                "recall": None if self.recall is None else self.recall.to_dict(),
                "fpr": None if self.fpr is None else self.fpr.to_dict()}


@dataclass(**_FROZEN)
class LanguageRow:
    """The ads read in one language (their main one): how many of each class, and how the fused score did on them."""

    lang: str
    ads: int
    positives: int
    negatives: int
    at: tuple[tuple[str, LanguagePoint], ...]

    def point(self, name: str) -> LanguagePoint | None:
        """The operating point called ``name`` (medium, high, threshold), None when not measured."""
        return dict(self.at).get(name)

    def to_dict(self) -> dict:
        """The JSON form: lang, ads, positives, negatives, at (point name -> recall and fpr)."""
        return {"lang": self.lang, "ads": self.ads, "positives": self.positives, "negatives": self.negatives,
                "at": {n: p.to_dict() for n, p in self.at}}


@dataclass(**_FROZEN)
class HarmRow:
    """The bad ads labelled with one kind of harm: how many, the fused score's recall on them at each
    operating point, and the share whose result names that kind (Wilson intervals; None under the minimum)."""

    harm: str
    ads: int
    at: tuple[tuple[str, Interval | None], ...]
    named: Interval | None

    def recall(self, name: str) -> Interval | None:
        """Recall at the operating point called ``name``."""
        return dict(self.at).get(name)

    def to_dict(self) -> dict:
        """The JSON form: harm, ads, recall (point name -> interval), named."""
        return {"harm": self.harm, "ads": self.ads,
                "recall": {n: None if r is None else r.to_dict() for n, r in self.at},
                "named": None if self.named is None else self.named.to_dict()}


@dataclass(**_FROZEN)
class GateResult:
    """A gate's metric, bound, measured value (None when undefined) and verdict."""

    metric: str
    kind: str  # "under" or "over"
    limit: float
    value: float | None
    passed: bool

    def to_dict(self) -> dict:
        """The JSON form: metric, kind, limit, value, passed."""
        return {"metric": self.metric, "kind": self.kind, "limit": self.limit, "value": self.value, "passed": self.passed}


@dataclass(**_FROZEN)
class FitPart:
    """The size of one side of the fitting split."""

    ads: int
    positives: int

    def to_dict(self) -> dict:
        """The JSON form: ads, positives."""
        return {"ads": self.ads, "positives": self.positives}


@dataclass(**_FROZEN)
class Fit:
    """Weights learned on one part of the corpus, and the scorers on the held-out part before and after."""

    weights_file: str
    weights_sha256: str | None
    holdout: float
    train: FitPart
    test: FitPart
    learned_rules: tuple[str, ...]
    before_weights: str | None
    before: Scorers
    after_weights: str | None
    after: Scorers

    def to_dict(self) -> dict:
        """The JSON form; ``before`` and ``after`` each hold the weights' name and the scorers."""
        return {
            "weights_file": self.weights_file, "weights_sha256": self.weights_sha256, "holdout": self.holdout,
            "train": self.train.to_dict(), "test": self.test.to_dict(), "learned_rules": list(self.learned_rules),
            "before": {"weights": self.before_weights, "scorers": self.before.to_dict()},
            "after": {"weights": self.after_weights, "scorers": self.after.to_dict()},
        }


@dataclass(**_FROZEN)
class EvalReport:
    """Everything `redflag evaluate` measured; formatters only lay it out, gates only read it."""

    schema: ClassVar[str] = SCHEMA
    provenance: Provenance
    data: DataSection
    settings: Settings
    scorers: Scorers
    rules: tuple[RuleRow, ...]
    gates: tuple[GateResult, ...] = ()
    fit: Fit | None = None
    languages: tuple[LanguageRow, ...] = ()  # most ads first; empty when the results carry no language
    harms: tuple[HarmRow, ...] = ()  # per labelled kind of harm of the bad ads; empty without a type column

    def with_gates(self, gates: tuple[GateResult, ...] | list[GateResult]) -> "EvalReport":
        """The same report with its gate verdicts."""
        return replace(self, gates=tuple(gates))

    def with_fit(self, fit: Fit) -> "EvalReport":
        """The same report with the fitted-weights comparison."""
        return replace(self, fit=fit)

    def failed_gates(self) -> list[GateResult]:
        """The gates that did not pass, in the order given."""
        return [g for g in self.gates if not g.passed]

    def to_dict(self) -> dict:
        """The JSON-able form with stable keys (``REPORT_KEYS``), schema ``redflag.evaluate/1``."""
        return {
            "schema": self.schema,
            "provenance": self.provenance.to_dict(),
            "data": self.data.to_dict(),
            "settings": self.settings.to_dict(),
            "scorers": self.scorers.to_dict(),
            "rules": [r.to_dict() for r in self.rules],
            "gates": [g.to_dict() for g in self.gates],
            "fit": None if self.fit is None else self.fit.to_dict(),
            "languages": [g.to_dict() for g in self.languages],
            "harms": [h.to_dict() for h in self.harms],
        }
