"""How well redflag works on a labelled corpus: scorers, thresholds, rules, CI gates, fitted weights.

The report is a plain JSON-able dict with stable keys (``REPORT_KEYS``); the formatters in
``redflag.render.evalfmt`` only lay it out. Metrics come from ``redflag.evaluate.metrics``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from redflag.evaluate import metrics
from redflag.categories import is_reassuring
from redflag.errors import InputError, RedflagError

SCHEMA = "redflag.evaluate/1"
REPORT_KEYS = ("schema", "provenance", "data", "settings", "scorers", "rules", "gates", "fit")
RULE_KEYS = (
    "id", "title", "category", "reassuring", "points", "hits", "hits_pos", "hits_neg", "false_alarms", "share_pos", "share_neg",
    "precision", "precision_at_prevalence", "lift", "never_fires", "inverted",
)
SCORERS = ("fused", "model", "rules")
POINT_METRICS = ("precision", "recall", "f1", "fpr")
SORTS = ("lift", "false-alarms", "hits", "id")
CONFIDENCE = 0.95
MAX_SKIPPED_LISTED = 20
CHECK_BATCH = 2000  # ads per check_many call: bounds the memory held by Result objects


@dataclass(frozen=True)
class EvalOptions:
    """How to read the labelled table and what to measure."""

    label_col: str | None = None  # default: 'fraudulent' for EMSCAD tables, else 'label'
    text_cols: tuple[str, ...] | None = None
    id_col: str | None = None
    input_format: str | None = None
    positive: str | None = None
    threshold: float | None = None  # an extra operating point on the fused score (and the rule points)
    model_threshold: float = 0.5
    prevalence: float | None = None
    bootstrap: int = 1000
    seed: int = 0
    sort: str = "lift"


@dataclass
class Corpus:
    """The usable labelled ads of a table, and the rows that were not usable."""

    texts: list[str]
    y: np.ndarray
    ids: list[Any]
    rows: int
    skipped: list[dict]
    positive_class: str
    negative_class: str
    label_col: str
    text_cols: list[str]
    id_col: str | None
    path: str
    sha256: str
    part: str = "all"

    def subset(self, index: np.ndarray, part: str) -> "Corpus":
        """The ads at ``index`` (a split of this corpus)."""
        return replace(self, texts=[self.texts[i] for i in index], y=self.y[index],
                       ids=[self.ids[i] for i in index], part=part)


@dataclass
class Scores:
    """Per-ad outputs of the Checker that evaluation needs."""

    fused: np.ndarray
    model: np.ndarray | None
    rules: np.ndarray
    hits: np.ndarray  # ads x rules, True where the rule fired
    failed: list[tuple[int, str]] = field(default_factory=list)


# ------------------------------------------------------------------ reading


def _missing_label(value: Any) -> bool:
    import pandas as pd

    if isinstance(value, str):
        return not value.strip()
    return bool(pd.isna(value))


def load_corpus(path: str | Path, options: EvalOptions) -> Corpus:
    """Read a labelled table as `redflag scan` reads tables; rows without text or label are skipped and counted."""
    import pandas as pd

    from redflag.batch.rows import bad_text
    from redflag.io.tables import join_text, label_column, read_table, resolve_columns
    from redflag.io.files import sha256_file
    from redflag.learn.labels import encode_labels

    texts: list[str] = []
    labels: list[Any] = []
    ids: list[Any] = []
    skipped: list[dict] = []
    text_cols: list[str] | None = None
    id_col = options.id_col
    label_col = options.label_col
    rows = 0
    for chunk in read_table(path, options.input_format):
        if text_cols is None:
            columns = [str(c) for c in chunk.columns]
            text_cols, id_col = resolve_columns(columns, list(options.text_cols) if options.text_cols else None, options.id_col)
            label_col = label_column(text_cols, label_col)
            if label_col not in columns:
                raise InputError(f"no label column {label_col!r} in the input; it has: {', '.join(columns)} (choose with --label-col)")
        chunk_texts = join_text(chunk, text_cols).tolist()
        chunk_ids = chunk[id_col].tolist() if id_col else list(range(rows, rows + len(chunk)))
        for i, (text, label) in enumerate(zip(chunk_texts, chunk[label_col].tolist())):
            reason = "missing label" if _missing_label(label) else bad_text(text)
            if reason is None:
                texts.append(text)
                labels.append(label)
                ids.append(chunk_ids[i])
            else:
                skipped.append({"row": rows + i, "id": _jsonable(chunk_ids[i]), "reason": reason})
        rows += len(chunk)
    if not texts:
        raise InputError(f"{path}: none of its {rows} rows has both a text and a label")
    y, pos, neg = encode_labels(pd.Series(labels, dtype=object), label_col, options.positive)
    return Corpus(texts=texts, y=np.asarray(y, dtype=bool), ids=ids, rows=rows, skipped=skipped,
                  positive_class=pos, negative_class=neg, label_col=label_col, text_cols=list(text_cols),
                  id_col=id_col, path=str(path), sha256=sha256_file(Path(path)))


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


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
    for start in range(0, n, CHECK_BATCH):
        batch = texts[start : start + CHECK_BATCH]
        for i, result in enumerate(_check_batch(checker, batch), start):
            if isinstance(result, Exception):
                failed.append((i, f"failed: {type(result).__name__}: {result}"))
                continue
            fused[i] = result.score
            if model is not None and result.model is not None:
                model[i] = result.model.probability
            rules[i] = sum(c.points for c in result.components if c.kind == "rule")
            for flag in result.flags:
                hits[i, column[flag.id]] = True
    return Scores(fused=fused, model=model, rules=rules, hits=hits, failed=failed)


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


def _drop_failed(corpus: Corpus, scores: Scores) -> tuple[Corpus, Scores]:
    """Ads the Checker could not score become skipped rows."""
    if not scores.failed:
        return corpus, scores
    bad = {i for i, _ in scores.failed}
    keep = np.array([i for i in range(len(corpus.texts)) if i not in bad], dtype=int)
    skipped = corpus.skipped + [{"row": None, "id": _jsonable(corpus.ids[i]), "reason": why} for i, why in scores.failed]
    corpus = replace(corpus.subset(keep, corpus.part), skipped=skipped)
    scores = Scores(fused=scores.fused[keep], model=None if scores.model is None else scores.model[keep],
                    rules=scores.rules[keep], hits=scores.hits[keep])
    return corpus, scores


# ------------------------------------------------------------------ measuring


def operating_points(checker: Any, options: EvalOptions) -> dict[str, dict[str, float]]:
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


def _statistic(y: np.ndarray, columns: dict[str, np.ndarray], points: dict[str, dict[str, float]],
               prevalence: float | None):
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


def _num(x: Any, digits: int = 6) -> float | None:
    x = float(x)
    return None if math.isnan(x) else round(x, digits)


def _ci(value: float, samples: np.ndarray | None) -> dict:
    low, high = metrics.percentile_interval(samples, CONFIDENCE) if samples is not None else (math.nan, math.nan)
    return {"value": _num(value), "low": _num(low), "high": _num(high)}


def measure_scorers(y: np.ndarray, scores: Scores, points: dict[str, dict[str, float]], options: EvalOptions) -> dict:
    """Ranking metrics and operating-point metrics of every scorer, each with a bootstrap interval."""
    columns = {"fused": scores.fused, "rules": scores.rules, "model": scores.model}
    statistic, flagged = _statistic(y, columns, points, options.prevalence)
    estimate = {k: float(v[0]) for k, v in statistic(metrics.ones(len(y))).items()}
    samples = metrics.bootstrap(statistic, len(y), options.bootstrap, options.seed) if options.bootstrap > 0 else {}
    out: dict[str, Any] = {}
    for scorer in SCORERS:
        if scorer not in points:
            out[scorer] = None
            continue
        block: dict[str, Any] = {
            "auc": _ci(estimate[f"{scorer}.auc"], samples.get(f"{scorer}.auc")),
            "ap": _ci(estimate[f"{scorer}.ap"], samples.get(f"{scorer}.ap")),
            "at": {},
        }
        for point, threshold in points[scorer].items():
            tp, fp, fn, tn = (int(v) for v in metrics.confusion(y, flagged[scorer, point])[0])
            entry: dict[str, Any] = {"threshold": threshold, "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn}}
            for name in POINT_METRICS:
                key = f"{scorer}.{name}@{point}"
                entry[name] = _ci(estimate[key], samples.get(key))
            key = f"{scorer}.precision_at_prevalence@{point}"
            entry["precision_at_prevalence"] = _ci(estimate[key], samples.get(key)) if key in estimate else None
            block["at"][point] = entry
        out[scorer] = block
    return out


def rule_table(checker: Any, y: np.ndarray, hits: np.ndarray, prevalence: float | None, sort: str = "lift") -> list[dict]:
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
        points = checker.weights.points(rule.id, rule.weight)
        reassuring = is_reassuring(rule.category)
        precision = hp / (hp + hn) if hp + hn else math.nan
        low, high = metrics.wilson(hp, hp + hn)
        at_prevalence = (float(metrics.precision_at_prevalence(share_pos, share_neg, prevalence))
                         if prevalence is not None else math.nan)
        fires = hp + hn > 0
        rows.append({
            "id": rule.id, "title": rule.title, "category": rule.category, "reassuring": reassuring,
            "points": _num(points, 4), "hits": hp + hn, "hits_pos": hp, "hits_neg": hn,
            # a reassuring sign's false alarm is vouching for a bad ad
            "false_alarms": hp if reassuring else hn,
            "share_pos": _num(share_pos), "share_neg": _num(share_neg),
            "precision": {"value": _num(precision), "low": _num(low), "high": _num(high)},
            "precision_at_prevalence": _num(at_prevalence),
            "lift": _num(precision / base_rate) if fires and base_rate else None,
            "never_fires": not fires,
            # a red flag should fire more often on bad ads; a reassuring sign more often on good ones
            "inverted": fires and ((share_pos > share_neg) if reassuring else (share_neg > share_pos)),
        })
    return sort_rules(rows, sort)


def sort_rules(rows: list[dict], sort: str) -> list[dict]:
    """The per-rule table in the order asked for: lift, false-alarms, hits or id."""
    if sort == "id":
        return sorted(rows, key=lambda r: r["id"])
    if sort == "hits":
        return sorted(rows, key=lambda r: (-r["hits"], r["id"]))
    if sort == "false-alarms":
        return sorted(rows, key=lambda r: (-r["false_alarms"], r["id"]))
    if sort == "lift":
        return sorted(rows, key=lambda r: (r["lift"] is None, -(r["lift"] or 0.0), -r["hits"], r["id"]))
    raise InputError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")


def provenance(checker: Any, corpus: Corpus, options: EvalOptions) -> dict:
    """What produced a report, so two reports can be compared or reproduced."""
    v = checker.version
    return {
        "redflag": v.get("redflag"),
        "rules": v.get("rules"),
        "rules_sha256": v.get("rules_sha256"),
        "model": v.get("model"),
        "model_sha256": v.get("model_sha256"),
        "weights": v.get("weights"),
        "weights_sha256": v.get("weights_sha256"),
        "data_path": corpus.path,
        "data_sha256": corpus.sha256,
        "rows": corpus.rows,
        "seed": options.seed,
        "bootstrap": options.bootstrap,
        "confidence": CONFIDENCE,
    }


def _data_section(corpus: Corpus) -> dict:
    reasons = Counter(s["reason"] for s in corpus.skipped)
    n_pos = int(corpus.y.sum())
    return {
        "path": corpus.path,
        "sha256": corpus.sha256,
        "rows": corpus.rows,
        "part": corpus.part,
        "evaluated": len(corpus.texts),
        "positives": n_pos,
        "negatives": len(corpus.texts) - n_pos,
        "positive_class": corpus.positive_class,
        "negative_class": corpus.negative_class,
        "label_col": corpus.label_col,
        "text_cols": corpus.text_cols,
        "id_col": corpus.id_col,
        "skipped": {"count": len(corpus.skipped), "reasons": dict(sorted(reasons.items())),
                    "first": corpus.skipped[:MAX_SKIPPED_LISTED]},
    }


def evaluate_corpus(checker: Any, corpus: Corpus, options: EvalOptions) -> dict:
    """Score the corpus with the checker and measure everything: the full report (gates and fit left empty)."""
    scores = score_corpus(checker, corpus.texts)
    corpus, scores = _drop_failed(corpus, scores)
    points = operating_points(checker, options)
    return {
        "schema": SCHEMA,
        "provenance": provenance(checker, corpus, options),
        "data": _data_section(corpus),
        "settings": {
            "levels": {"medium": checker.weights.medium, "high": checker.weights.high},
            "threshold": options.threshold,
            "model_threshold": options.model_threshold if checker.model is not None else None,
            "prevalence": options.prevalence,
            "sort": options.sort,
        },
        "scorers": measure_scorers(corpus.y, scores, points, options),
        "rules": rule_table(checker, corpus.y, scores.hits, options.prevalence, options.sort),
        "gates": [],
        "fit": None,
    }


# ------------------------------------------------------------------ CI gates

_GATE = re.compile(
    r"^(?:(?P<scorer>fused|model|rules)\.)?"
    r"(?:(?P<rank>auc|ap)|(?P<metric>precision|recall|f1|fpr)@(?P<point>medium|high|threshold))$"
)


@dataclass(frozen=True)
class Gate:
    """A bound on one reported metric: ``under`` gates fail below the limit, ``over`` gates above it."""

    name: str
    scorer: str
    metric: str
    point: str | None
    limit: float
    kind: str  # "under" or "over"

    def value(self, report: dict) -> float | None:
        """The metric's point estimate in the report (None when undefined)."""
        block = report["scorers"].get(self.scorer)
        if block is None:
            raise RedflagError(f"gate {self.name!r}: the {self.scorer} scorer is not available (no model loaded)")
        if self.point is None:
            return block[self.metric]["value"]
        if self.point not in block["at"]:
            raise RedflagError(f"gate {self.name!r}: no {self.point!r} operating point for {self.scorer}"
                               + (" (give --threshold)" if self.point == "threshold" else ""))
        return block["at"][self.point][self.metric]["value"]


def parse_gates(specs: list[str] | None, kind: str) -> list[Gate]:
    """Gates from 'auc=0.85,recall@medium=0.9' (repeatable); a malformed or unknown metric is an error."""
    gates = []
    flag = "--fail-under" if kind == "under" else "--fail-over"
    for spec in specs or ():
        for item in (s.strip() for s in spec.split(",")):
            if not item:
                continue
            name, sep, limit = item.partition("=")
            match = _GATE.match(name.strip().lower())
            if not sep or match is None:
                raise InputError(
                    f"{flag}: cannot read {item!r}; write METRIC=VALUE with METRIC auc, ap or "
                    "precision|recall|f1|fpr@medium|high|threshold, optionally prefixed by model. or rules."
                )
            try:
                value = float(limit)
            except ValueError:
                raise InputError(f"{flag}: {limit!r} is not a number in {item!r}") from None
            gates.append(Gate(name=name.strip().lower(), scorer=match["scorer"] or "fused",
                              metric=match["rank"] or match["metric"], point=match["point"], limit=value, kind=kind))
    return gates


def validate_gates(gates: list[Gate], points: dict[str, dict[str, float]]) -> None:
    """Refuse, before any scoring, a gate on a scorer or operating point the report will not have."""
    for gate in gates:
        if gate.scorer not in points:
            raise InputError(f"gate {gate.name!r}: the {gate.scorer} scorer is not available (no model loaded)")
        if gate.point is not None and gate.point not in points[gate.scorer]:
            raise InputError(f"gate {gate.name!r}: no {gate.point!r} operating point for {gate.scorer}"
                             + (" (give --threshold)" if gate.point == "threshold" else ""))


def check_gates(report: dict, gates: list[Gate]) -> list[dict]:
    """Each gate with its value and verdict; an undefined value fails its gate."""
    out = []
    for gate in gates:
        value = gate.value(report)
        passed = value is not None and (value >= gate.limit if gate.kind == "under" else value <= gate.limit)
        out.append({"metric": gate.name, "kind": gate.kind, "limit": gate.limit, "value": value, "passed": passed})
    return out


def gate_message(result: dict) -> str:
    """One line saying why a gate failed."""
    shown = "undefined" if result["value"] is None else f"{result['value']:.4g}"
    bound = "under" if result["kind"] == "under" else "over"
    return f"gate failed: {result['metric']} = {shown}, {bound} the limit {result['limit']:g}"


# ------------------------------------------------------------------ learned weights


def split(y: np.ndarray, holdout: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Stratified, seeded train/held-out indices."""
    from sklearn.model_selection import train_test_split

    if not 0.0 < holdout < 1.0:
        raise InputError(f"--holdout must be between 0 and 1, got {holdout}")
    try:
        train, test = train_test_split(np.arange(len(y)), test_size=holdout, stratify=y, random_state=seed)
    except ValueError as exc:
        raise InputError(f"cannot make a stratified held-out split: {exc}") from None
    return np.sort(train), np.sort(test)


def fit_and_compare(checker: Any, corpus: Corpus, options: EvalOptions, out: str | Path, holdout: float = 0.3) -> dict:
    """Learn weights on a stratified part of the corpus, write them, and evaluate the rest before and after."""
    from redflag.learn.fitweights import fit_weights, hit_matrix, pack_weights_of
    from redflag.fusion import dump_weights
    from redflag.pipeline import Checker

    train_idx, test_idx = split(corpus.y, holdout, options.seed)
    train, test = corpus.subset(train_idx, "train"), corpus.subset(test_idx, "held-out")
    if train.y.all() or not train.y.any():
        raise InputError("the training part holds a single class; cannot fit weights")
    X, rule_ids = hit_matrix(checker, train.texts)
    # the shipped model never saw this corpus, so its probabilities here are already out-of-sample
    probabilities = checker.model.predict_proba(train.texts) if checker.model is not None else None
    weights, fitted = fit_weights(
        X, rule_ids, train.y.astype(int), pack_weights_of(checker), probabilities, prevalence=options.prevalence,
        priors={r.id: checker.weights.points(r.id, r.weight) for r in checker.engine.rules},
        name=f"fitted on {Path(corpus.path).name} by redflag evaluate (seed {options.seed}, holdout {holdout:g})",
    )
    fitted.update({
        "data": {"path": corpus.path, "sha256": corpus.sha256, "label_col": corpus.label_col,
                 "positive_class": corpus.positive_class},
        "seed": options.seed,
        "holdout": holdout,
        "rules_sha256": checker.version.get("rules_sha256"),
        "model_sha256": checker.version.get("model_sha256"),
        "started_from_weights": checker.version.get("weights"),
    })
    dump_weights(weights, out, extra={"fitted": fitted})
    before = evaluate_corpus(checker, test, options)
    after_checker = Checker(replace(checker.config, weights=str(out)))
    report = evaluate_corpus(after_checker, test, options)
    report["fit"] = {
        "weights_file": str(out),
        "weights_sha256": after_checker.version.get("weights_sha256"),
        "holdout": holdout,
        "train": {"ads": len(train.texts), "positives": int(train.y.sum())},
        "test": {"ads": report["data"]["evaluated"], "positives": report["data"]["positives"]},
        "learned_rules": fitted["learned_rules"],
        "before": {"weights": before["provenance"]["weights"], "scorers": before["scorers"]},
        "after": {"weights": report["provenance"]["weights"], "scorers": report["scorers"]},
    }
    return report
