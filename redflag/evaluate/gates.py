"""CI gates: bounds on reported metrics that make `redflag evaluate` exit 1 when a metric misses them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from redflag.errors import InputError, RedflagError
from redflag.evaluate.report import EvalReport, GateResult

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

    def value(self, report: EvalReport) -> float | None:
        """The metric's point estimate in the report (None when undefined)."""
        block = report.scorers.get(self.scorer)
        if block is None:
            raise RedflagError(f"gate {self.name!r}: the {self.scorer} scorer is not available (no model loaded)")
        if self.point is None:
            return getattr(block, self.metric).value
        point = block.point(self.point)
        if point is None:
            raise RedflagError(f"gate {self.name!r}: no {self.point!r} operating point for {self.scorer}"
                               + (" (give --threshold)" if self.point == "threshold" else ""))
        return point.metric(self.metric).value


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


def check_gates(report: EvalReport, gates: list[Gate]) -> list[GateResult]:
    """Each gate with its value and verdict; an undefined value fails its gate."""
    out = []
    for gate in gates:
        value = gate.value(report)
        passed = value is not None and (value >= gate.limit if gate.kind == "under" else value <= gate.limit)
        out.append(GateResult(metric=gate.name, kind=gate.kind, limit=gate.limit, value=value, passed=passed))
    return out


def gate_message(result: GateResult) -> str:
    """One line saying why a gate failed."""
    shown = "undefined" if result.value is None else f"{result.value:.4g}"
    bound = "under" if result.kind == "under" else "over"
    return f"gate failed: {result.metric} = {shown}, {bound} the limit {result.limit:g}"
