"""How well redflag works on a labelled corpus: scorers, thresholds, rules, CI gates, fitted weights.

``corpus`` reads the labelled table, ``measure`` scores it and measures every scorer and rule,
``gates`` checks CI bounds, ``fit`` learns weights on one part and compares on the rest, and
``report`` holds the typed result whose ``to_dict()`` is the stable JSON (``redflag.evaluate/1``).
The formatters in ``redflag.render.evaluate`` only lay a report out.
"""

from __future__ import annotations

from redflag.evaluate.corpus import Corpus, load_corpus
from redflag.evaluate.fit import fit_and_compare, split
from redflag.evaluate.gates import Gate, check_gates, gate_message, parse_gates, validate_gates
from redflag.evaluate.measure import (
    CONFIDENCE, Scores, evaluate_corpus, measure_scorers, operating_points, rule_table, score_corpus, sort_rules,
)
from redflag.evaluate.options import SORTS, EvalOptions
from redflag.evaluate.report import REPORT_KEYS, RULE_KEYS, SCHEMA, SCORERS, EvalReport, GateResult

__all__ = [
    "CONFIDENCE", "REPORT_KEYS", "RULE_KEYS", "SCHEMA", "SCORERS", "SORTS", "Corpus", "EvalOptions", "EvalReport",
    "Gate", "GateResult", "Scores", "check_gates", "evaluate_corpus", "fit_and_compare", "gate_message",
    "load_corpus", "measure_scorers", "operating_points", "parse_gates", "rule_table", "score_corpus",
    "sort_rules", "split", "validate_gates",
]
