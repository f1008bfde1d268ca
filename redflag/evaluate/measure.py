"""Scoring a labelled corpus with a Checker and measuring it: every scorer, every rule, one report."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from redflag.categories import is_reassuring
from redflag.errors import InputError
from redflag.evaluate import metrics
from redflag.evaluate.corpus import Corpus
from redflag.evaluate.options import SORTS, EvalOptions
from redflag.evaluate.report import (
    MIN_LANGUAGE_CLASS, POINT_METRICS, SCORERS, Confusion, DataSection, EvalReport, HarmRow, Interval, LanguagePoint,
    LanguageRow, OperatingPoint, Provenance, RuleRow, ScorerBlock, Scorers, Settings, Skipped, number,
)

CONFIDENCE = 0.95
MAX_SKIPPED_LISTED = 20
CHECK_BATCH = 2000  # ads per check_many call: bounds the memory held by Result objects

Points = dict[str, dict[str, float]]  # scorer -> operating point name -> threshold


@dataclass
class Scores:
    """Per-ad outputs of the Checker that evaluation needs."""

    fused: np.ndarray
    model: np.ndarray | None
    rules: np.ndarray
    hits: np.ndarray  # ads x rules, True where the rule fired
    failed: list[tuple[int, str]] = field(default_factory=list)
    langs: list[str] | None = None  # each ad's main language; None when the Checker's results carry none
    harms: list[tuple[str, ...]] | None = None  # the kinds of harm each ad's flags point to

    def without_failed(self) -> "Scores":
        """The scores of the ads the Checker could score."""
        if not self.failed:
            return self
        bad = {i for i, _ in self.failed}
        keep = np.array([i for i in range(len(self.fused)) if i not in bad], dtype=int)
        return Scores(fused=self.fused[keep], model=None if self.model is None else self.model[keep],
                      rules=self.rules[keep], hits=self.hits[keep],
                      langs=None if self.langs is None else [self.langs[i] for i in keep],
                      harms=None if self.harms is None else [self.harms[i] for i in keep])


# ------------------------------------------------------------------ scoring


def score_corpus(checker: Any, texts: list[str]) -> Scores:
    """Fused score, model probability, rule points and rule hits of every ad (batched check_many)."""
    rule_ids = [r.id for r in checker.engine.rules]
    column = {rid: j for j, rid in enumerate(rule_ids)}
    n = len(texts)
    fused = np.full(n, np.nan)
    model = np.full(n, np.nan) if checker.model is not None else None
    rules = np.zeros(n)
    hits = np.zeros((n, len(rule_ids)), dtype=bool)
    failed: list[tuple[int, str]] = []
    langs: list[str | None] = [None] * n
    harms: list[tuple[str, ...]] = [()] * n
    for start in range(0, n, CHECK_BATCH):
        batch = texts[start : start + CHECK_BATCH]
        for i, result in enumerate(_check_batch(checker, batch), start):
            if isinstance(result, Exception):
                failed.append((i, f"failed: {type(result).__name__}: {result}"))
                continue
            fused[i] = result.score
            langs[i] = getattr(result, "lang", None)
            harms[i] = tuple(getattr(result, "harms", {}))
            if model is not None and result.model is not None:
                model[i] = result.model.probability
            rules[i] = sum(c.points for c in result.components if c.kind == "rule")
            for flag in result.flags:
                hits[i, column[flag.id]] = True
    known = any(lang is not None for lang in langs)
    return Scores(fused=fused, model=model, rules=rules, hits=hits, failed=failed,
                  langs=[lang or "und" for lang in langs] if known else None, harms=harms)


def _check_batch(checker: Any, texts: list[str]) -> list:
    """The batch path; when it fails, ad by ad, so one bad ad costs only itself."""
    try:
        return checker.check_many(texts)
    except Exception:
        out = []
        for text in texts:
            try:
                out.extend(checker.check_many([text]))
            except Exception as exc:  # reported as a skipped row
                out.append(exc)
        return out


# ------------------------------------------------------------------ scorers


def operating_points(checker: Any, options: EvalOptions) -> Points:
    """Scorer -> operating point name -> threshold (score >= threshold means flagged)."""
    w = checker.weights
    fused = {"medium": w.medium, "high": w.high}
    rules = {"medium": w.medium, "high": w.high}
    if options.threshold is not None:
        fused["threshold"] = rules["threshold"] = float(options.threshold)
    points = {"fused": fused, "rules": rules}
    if checker.model is not None:
        points["model"] = {"threshold": float(options.model_threshold)}
    return points


def _statistic(y: np.ndarray, columns: dict[str, np.ndarray], points: Points,
               prevalence: float | None) -> tuple[Callable[[np.ndarray], dict[str, np.ndarray]], dict]:
    """The function of resample weights that yields every number with an interval, keyed 'scorer.metric[@point]'."""
    flagged = {(s, p): columns[s] >= t for s, pts in points.items() for p, t in pts.items()}

    def statistic(w: np.ndarray) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for scorer in points:
            out[f"{scorer}.auc"] = metrics.roc_auc(y, columns[scorer], w)
            out[f"{scorer}.ap"] = metrics.average_precision(y, columns[scorer], w)
            for point in points[scorer]:
                r = metrics.rates(metrics.confusion(y, flagged[scorer, point], w))
                for name, values in r.items():
                    out[f"{scorer}.{name}@{point}"] = values
                if prevalence is not None:
                    out[f"{scorer}.precision_at_prevalence@{point}"] = metrics.precision_at_prevalence(r["recall"], r["fpr"], prevalence)
        return out

    return statistic, flagged


def interval(value: float, samples: np.ndarray | None) -> Interval:
    """A point estimate with its percentile bootstrap interval (no interval without resamples)."""
    low, high = metrics.percentile_interval(samples, CONFIDENCE) if samples is not None else (math.nan, math.nan)
    return Interval(value=number(value), low=number(low), high=number(high))


def measure_scorers(y: np.ndarray, scores: Scores, points: Points, options: EvalOptions) -> Scorers:
    """Ranking metrics and operating-point metrics of every scorer, each with a bootstrap interval."""
    columns = {"fused": scores.fused, "rules": scores.rules, "model": scores.model}
    statistic, flagged = _statistic(y, columns, points, options.prevalence)
    estimate = {k: float(v[0]) for k, v in statistic(metrics.ones(len(y))).items()}
    samples = metrics.bootstrap(statistic, len(y), options.bootstrap, options.seed) if options.bootstrap > 0 else {}

    def ci(key: str) -> Interval:
        return interval(estimate[key], samples.get(key))

    blocks: dict[str, ScorerBlock | None] = {}
    for scorer in SCORERS:
        if scorer not in points:
            blocks[scorer] = None
            continue
        at = []
        for point, threshold in points[scorer].items():
            tp, fp, fn, tn = (int(v) for v in metrics.confusion(y, flagged[scorer, point])[0])
            key = f"{scorer}.precision_at_prevalence@{point}"
            at.append((point, OperatingPoint(
                threshold=threshold, confusion=Confusion(tp=tp, fp=fp, fn=fn, tn=tn),
                **{name: ci(f"{scorer}.{name}@{point}") for name in POINT_METRICS},
                precision_at_prevalence=ci(key) if key in estimate else None,
            )))
        blocks[scorer] = ScorerBlock(auc=ci(f"{scorer}.auc"), ap=ci(f"{scorer}.ap"), at=tuple(at))
    return Scorers(**blocks)


# ------------------------------------------------------------------ rules


def rule_table(checker: Any, y: np.ndarray, hits: np.ndarray, prevalence: float | None, sort: str = "lift") -> list[RuleRow]:
    """Mass-check statistics of every rule of the engine, fired or not, in the order asked for."""
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    base_rate = n_pos / len(y) if len(y) else math.nan
    pos_hits = hits[y].sum(axis=0)
    neg_hits = hits[~y].sum(axis=0)
    rows = []
    for j, rule in enumerate(checker.engine.rules):
        hp, hn = int(pos_hits[j]), int(neg_hits[j])
        share_pos = hp / n_pos if n_pos else math.nan
        share_neg = hn / n_neg if n_neg else math.nan
        reassuring = is_reassuring(rule.category)
        precision = hp / (hp + hn) if hp + hn else math.nan
        low, high = metrics.wilson(hp, hp + hn)
        at_prevalence = (float(metrics.precision_at_prevalence(share_pos, share_neg, prevalence))
                         if prevalence is not None else math.nan)
        fires = hp + hn > 0
        rows.append(RuleRow(
            id=rule.id, title=rule.title, category=rule.category, reassuring=reassuring,
            points=number(checker.weights.points(rule.id, rule.weight), 4), hits=hp + hn, hits_pos=hp, hits_neg=hn,
            # a reassuring sign's false alarm is vouching for a bad ad
            false_alarms=hp if reassuring else hn,
            share_pos=number(share_pos), share_neg=number(share_neg),
            precision=Interval(value=number(precision), low=number(low), high=number(high)),
            precision_at_prevalence=number(at_prevalence),
            lift=number(precision / base_rate) if fires and base_rate else None,
            never_fires=not fires,
            # a red flag should fire more often on bad ads; a reassuring sign more often on good ones
            inverted=fires and ((share_pos > share_neg) if reassuring else (share_neg > share_pos)),
        ))
    return sort_rules(rows, sort)


def sort_rules(rows: list[RuleRow], sort: str) -> list[RuleRow]:
    """The per-rule table in the order asked for: lift, false-alarms, hits or id."""
    if sort == "id":
        return sorted(rows, key=lambda r: r.id)
    if sort == "hits":
        return sorted(rows, key=lambda r: (-r.hits, r.id))
    if sort == "false-alarms":
        return sorted(rows, key=lambda r: (-r.false_alarms, r.id))
    if sort == "lift":
        return sorted(rows, key=lambda r: (r.lift is None, -(r.lift or 0.0), -r.hits, r.id))
    raise InputError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")


# ------------------------------------------------------------------ languages


def _rate(k: int, n: int, min_class: int) -> Interval | None:
    """k of n with its Wilson interval; None when n is under ``min_class`` (too few ads to say)."""
    if n < max(min_class, 1):
        return None
    low, high = metrics.wilson(k, n)
    return Interval(value=number(k / n), low=number(low), high=number(high))


def language_table(langs: list[str], y: np.ndarray, fused: np.ndarray, points: dict[str, float],
                   min_class: int = MIN_LANGUAGE_CLASS) -> list[LanguageRow]:
    """Ads, classes and the fused score's recall and FPR at each operating point, per main language, most ads first."""
    by_lang = np.asarray(langs, dtype=object)
    y = np.asarray(y, dtype=bool)
    rows = []
    for lang, n in sorted(Counter(langs).items(), key=lambda kv: (-kv[1], kv[0])):
        mine = by_lang == lang
        yl, sl = y[mine], fused[mine]
        pos, neg = int(yl.sum()), int((~yl).sum())
        at = []
        for name, threshold in points.items():
            flagged = sl >= threshold
            tp, fp = int((flagged & yl).sum()), int((flagged & ~yl).sum())
            at.append((name, LanguagePoint(threshold=threshold, confusion=Confusion(tp=tp, fp=fp, fn=pos - tp, tn=neg - fp),
                                           recall=_rate(tp, pos, min_class), fpr=_rate(fp, neg, min_class))))
        rows.append(LanguageRow(lang=str(lang), ads=int(n), positives=pos, negatives=neg, at=tuple(at)))
    return rows


def harm_table(types: list[str], y: np.ndarray, fused: np.ndarray, harms: list[tuple[str, ...]],
               points: dict[str, float], min_class: int = MIN_LANGUAGE_CLASS) -> list[HarmRow]:
    """For each labelled kind of harm among the bad ads: how many, the fused score's recall on them at
    each operating point, and how often the result names that kind among its harms."""
    y = np.asarray(y, dtype=bool)
    kinds = Counter(t for t, bad in zip(types, y) if bad and t)
    rows = []
    for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        mine = np.array([bool(bad) and t == kind for t, bad in zip(types, y)])
        at = tuple((name, _rate(int((fused[mine] >= threshold).sum()), n, min_class)) for name, threshold in points.items())
        named = sum(kind in harms[i] for i in np.flatnonzero(mine))
        rows.append(HarmRow(harm=kind, ads=int(n), at=at, named=_rate(named, n, min_class)))
    return rows


# ------------------------------------------------------------------ the report


def provenance(checker: Any, corpus: Corpus, options: EvalOptions) -> Provenance:
    """What produced a report, so two reports can be compared or reproduced."""
    v = checker.version
    return Provenance(
        redflag=v.get("redflag"), rules=v.get("rules"), rules_sha256=v.get("rules_sha256"),
        model=v.get("model"), model_sha256=v.get("model_sha256"),
        weights=v.get("weights"), weights_sha256=v.get("weights_sha256"),
        data_path=corpus.path, data_sha256=corpus.sha256, rows=corpus.rows,
        seed=options.seed, bootstrap=options.bootstrap, confidence=CONFIDENCE,
    )


def data_section(corpus: Corpus) -> DataSection:
    """The corpus as evaluated: classes, counts, columns and skipped rows."""
    reasons = Counter(s.reason for s in corpus.skipped)
    n_pos = int(corpus.y.sum())
    return DataSection(
        path=corpus.path, sha256=corpus.sha256, rows=corpus.rows, part=corpus.part,
        evaluated=len(corpus.texts), positives=n_pos, negatives=len(corpus.texts) - n_pos,
        positive_class=corpus.positive_class, negative_class=corpus.negative_class,
        label_col=corpus.label_col, text_cols=tuple(corpus.text_cols), id_col=corpus.id_col,
        skipped=Skipped(count=len(corpus.skipped), reasons=tuple(sorted(reasons.items())),
                        first=tuple(corpus.skipped[:MAX_SKIPPED_LISTED])),
    )


def evaluate_corpus(checker: Any, corpus: Corpus, options: EvalOptions) -> EvalReport:
    """Score the corpus with the checker and measure everything: the full report (gates and fit left empty)."""
    scores = score_corpus(checker, corpus.texts)
    corpus, scores = corpus.without(scores.failed), scores.without_failed()
    points = operating_points(checker, options)
    return EvalReport(
        provenance=provenance(checker, corpus, options),
        data=data_section(corpus),
        settings=Settings(medium=checker.weights.medium, high=checker.weights.high, threshold=options.threshold,
                          model_threshold=options.model_threshold if checker.model is not None else None,
                          prevalence=options.prevalence, sort=options.sort),
        scorers=measure_scorers(corpus.y, scores, points, options),
        rules=tuple(rule_table(checker, corpus.y, scores.hits, options.prevalence, options.sort)),
        languages=() if scores.langs is None else tuple(language_table(scores.langs, corpus.y, scores.fused, points["fused"])),
        harms=() if corpus.types is None or scores.harms is None else tuple(
            harm_table(corpus.types, corpus.y, scores.fused, scores.harms, points["fused"])),
    )
