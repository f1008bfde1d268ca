"""Fuse rule hits and the model probability into one 0-100 score whose parts add up.

The score is linear in points: a base, plus each fired rule's points, plus the model's
points (capped, so that the model alone can raise an ad to `medium` but only quoted rule evidence
can make it `high`), bent softly into 0..100 (the bending is itself shown as a component, so the
parts always sum to the score). Caps and bounds are smooth, never flat: a hard clip would give
every clearly honest ad the same 0 and every model-certain ad the same cap, and a moderator
ranking thousands of ads by score would lose their order. Two strong signs from different
categories, quoted in the ad, lift it to at least `medium` whatever the model says (see
``fuse``), and the model's evidence that an ad is honest counts in full only once it has read
enough words (see ``model_evidence``). Learned weights are a logistic model scaled to points:
``points = scale * w``, with the base ``50 + scale * intercept``, so 50 points is a fused
probability of one half.
Without a weights file, the rule packs' own weights are used and the model is left out.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from redflag.categories import COMBINATION, is_reassuring
from redflag.errors import RedflagError
from redflag.levels import HIGH_FROM, MEDIUM_FROM, RANK, level_of
from redflag.result import Component

LOGIT_CLIP = 8.0
KNEE = 10.0  # within this many points of 0 or 100 the score bends towards the bound instead of stopping at it
STRONG_SIGNS_FOR_MEDIUM = 2  # this many strong signs of different kinds make an ad at least `medium`
MODEL_FULL_WORDS = 40  # from this many words it knows, the model's evidence that an ad is honest counts in full
MODEL_FEW_WORDS = 3  # and from this many, its evidence that an ad is bad


class Graded(Protocol):
    """What the floor reads of a fired rule: its category and its two grades."""

    category: str
    severity: str
    confidence: str


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """Points per rule and for the model, the base and the level thresholds."""

    base: float = 0.0
    model_points_per_logit: float = 0.0
    model_max_points: float = 40.0  # the model alone can make an ad `medium`, never `high`: that needs quoted evidence
    model_min_points: float = -30.0
    rule_points: dict[str, float] = field(default_factory=dict)
    medium: float = MEDIUM_FROM
    high: float = HIGH_FROM
    name: str = "rule-pack weights"
    sha256: str = ""

    def points(self, rule_id: str, pack_weight: float) -> float:
        """The points a fired rule adds: learned when the weights file knows it, else the pack's."""
        return self.rule_points.get(rule_id, pack_weight)


def level_for(score: float, weights: FusionWeights) -> str:
    """The level band a score falls in, with the bands of these weights."""
    return level_of(score, weights.medium, weights.high)


def model_logit(probability: float) -> float:
    """The model's log-odds, clipped so one overconfident model cannot swamp the rules."""
    p = min(max(probability, 1e-12), 1 - 1e-12)
    return max(-LOGIT_CLIP, min(LOGIT_CLIP, math.log(p / (1 - p))))


def model_evidence(probability: float, words: int | None = None) -> float:
    """The model's log-odds as fusion counts them: clipped, and weighed by how much of the ad it
    could read. Its evidence *against* an ad counts in full from MODEL_FULL_WORDS words it knows,
    and below that in proportion; its evidence *for* an ad from MODEL_FEW_WORDS.

    A one-line chat message gives the model a handful of terms, and in a language or register it
    saw little of, their absence reads as honesty: real scam and trafficking messages of ten words
    came out near p = 0.3, costing about 20 points, for being short. A few words it knows to be
    bad ("trabajo desde casa, 300 dólares diarios") are a real sign, so evidence *for* an ad needs
    only a few; but with none, the term vector of a Chinese ad is one number ("18-45岁") and that
    number alone read as 93 %. The model alone still cannot make an ad `high`. ``words`` is how
    many of the ad's words the model has a term for (``LinearModel.words_read``); None counts the
    evidence in full.

    Fusion weights are fitted on the full evidence: they say what the model's reading is worth
    where it reads well. Fitted on the scaled evidence, the synthetic training ads (whose short
    messages the model reads well) lowered the base from 6.8 to 4.5 points and cost real recall.
    """
    z = model_logit(probability)
    full = MODEL_FULL_WORDS if z < 0 else MODEL_FEW_WORDS
    if words is not None and words < full:
        z *= max(words, 0) / full
    return z


def soft_cap(points: float, floor: float, ceiling: float) -> float:
    """``points`` squeezed smoothly into (floor, ceiling): about unchanged when small, never past either end."""
    if points >= 0:
        return ceiling * math.tanh(points / ceiling) if ceiling > 0 else 0.0
    return floor * math.tanh(points / floor) if floor < 0 else 0.0


def soft_bounds(raw: float) -> float:
    """The raw sum of points as a 0..100 score: unchanged in KNEE..100-KNEE, bending towards the bounds beyond."""
    if raw < KNEE:
        return KNEE * math.exp((raw - KNEE) / KNEE)
    if raw > 100.0 - KNEE:
        return 100.0 - KNEE * math.exp((100.0 - KNEE - raw) / KNEE)
    return raw


def strong_signs(rules: Iterable[Graded]) -> int:
    """How many independent strong signs fired rules show: the floor of ``fuse`` counts them.

    A sign is strong when neither its severity nor its confidence is `low`. Signs count once per
    category, so three wordings of one fee are one sign. A combination rule of `high` severity
    is by its definition two signs of different categories met in one ad, so it counts as two.
    Reassuring rules never count.
    """
    categories: set[str] = set()
    combined = 0
    for rule in rules:
        if is_reassuring(rule.category) or RANK[rule.severity] < RANK["medium"] or RANK[rule.confidence] < RANK["medium"]:
            continue
        if rule.category == COMBINATION:
            combined = max(combined, 2 if rule.severity == "high" else 0)
        else:
            categories.add(rule.category)
    return max(len(categories), combined)


def fuse(rule_points: list[tuple[str, float]], probability: float | None, weights: FusionWeights,
         strong: int = 0, words: int | None = None) -> tuple[float, str, tuple[Component, ...]]:
    """Score, level and components (which sum to the score) from rule points and the model.

    ``strong`` is the number of strong signs (``strong_signs``) among the fired rules. With
    STRONG_SIGNS_FOR_MEDIUM or more the score is at least `medium`: two independent, quoted
    signs such as task work, pay per day and a move to WhatsApp are a warning even when the
    message is too short for the model, which reads short texts as honest and can outweigh them.
    The lift is part of the `bound` component, so the parts still add up; it never reaches
    `high`, and the model alone still stops short of `high`. ``words`` is how many of the ad's
    words the model knows, for ``model_evidence``.
    """
    components = [Component(name="base", kind="base", points=weights.base)] if weights.base else []
    components += [Component(name=rid, kind="rule", points=pts) for rid, pts in rule_points]
    if probability is not None and weights.model_points_per_logit:
        points = weights.model_points_per_logit * model_evidence(probability, words)
        # Whatever the weights, the model alone stops short of `high`: that level needs quoted rule evidence.
        ceiling = max(0.0, min(weights.model_max_points, weights.high - 1.0 - weights.base))
        components.append(Component(name="model", kind="model", points=soft_cap(points, weights.model_min_points, ceiling)))
    raw = sum(c.points for c in components)
    score = soft_bounds(raw)
    if strong >= STRONG_SIGNS_FOR_MEDIUM:
        score = max(score, weights.medium)
    if score != raw:
        components.append(Component(name="bound", kind="bound", points=score - raw))
    return score, level_for(score, weights), tuple(components)


def load_weights(path: str | Path) -> FusionWeights:
    """Read a weights file written by `redflag train` or `redflag evaluate --fit-weights`."""
    p = Path(path)
    try:
        data = p.read_bytes()
        raw = json.loads(data)
    except OSError as exc:
        raise RedflagError(f"cannot read weights file {p}: {exc.strerror}") from None
    except (ValueError, UnicodeDecodeError):
        raise RedflagError(f"weights file {p} is not valid JSON") from None
    try:
        return FusionWeights(
            base=float(raw["base"]),
            model_points_per_logit=float(raw.get("model_points_per_logit", 0.0)),
            model_max_points=float(raw.get("model_max_points", 40.0)),
            model_min_points=float(raw.get("model_min_points", -30.0)),
            rule_points={str(k): float(v) for k, v in raw["rule_points"].items()},
            medium=float(raw.get("medium", MEDIUM_FROM)),
            high=float(raw.get("high", HIGH_FROM)),
            name=str(raw.get("name", p.name)),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RedflagError(f"weights file {p} lacks a valid {exc}") from None


def dump_weights(weights: FusionWeights, path: str | Path, extra: dict | None = None) -> None:
    """Write weights as stable, reviewable JSON."""
    payload = {
        "name": weights.name,
        "base": round(weights.base, 6),
        "model_points_per_logit": round(weights.model_points_per_logit, 6),
        "model_max_points": weights.model_max_points,
        "model_min_points": weights.model_min_points,
        "medium": weights.medium,
        "high": weights.high,
        "rule_points": {k: round(v, 6) for k, v in sorted(weights.rule_points.items())},
    }
    if extra:
        payload.update(extra)
    Path(path).write_text(json.dumps(payload, indent=2, sort_keys=False) + "\n", encoding="utf-8")
