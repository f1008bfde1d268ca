"""Label columns to 0/1: one reading of labels for training, weight fitting and evaluation."""

from __future__ import annotations

from typing import Any

from redflag.errors import InputError

_TRUE = {"1", "1.0", "true", "yes", "y", "t"}
_FALSE = {"0", "0.0", "false", "no", "n", "f"}


def encode_labels(values: Any, label_col: str, positive: Any = None) -> tuple[list[int], str, str]:
    """Map a label column to 0/1 and name the positive and negative classes."""
    missing = int(values.isna().sum())
    if missing:
        raise InputError(f"label column {label_col!r} (--label-col) has {missing} empty value(s); label every row or drop them")
    raw = list(values)
    names = sorted({_label_name(v) for v in raw})
    if len(names) < 2:
        raise InputError(f"label column {label_col!r} has a single class ({names[0]!r}); need both classes to train")
    if positive is not None:
        pos = _label_name(positive)
        if pos not in names:
            raise InputError(f"--positive {pos!r} is not a class of {label_col!r}; its classes are {names}")
        y = [int(_label_name(v) == pos) for v in raw]
        others = [n for n in names if n != pos]
        return y, pos, others[0] if len(others) == 1 else "rest"  # more than two classes: one against the rest
    lowered = {n.lower() for n in names}
    if len(names) == 2 and lowered <= _TRUE | _FALSE and len(lowered & _TRUE) == 1 and len(lowered & _FALSE) == 1:
        pos = next(n for n in names if n.lower() in _TRUE)
        neg = next(n for n in names if n.lower() in _FALSE)
        return [int(_label_name(v) == pos) for v in raw], pos, neg
    raise InputError(f"cannot tell which class of {label_col!r} is positive among {names}; choose one with --positive")


def _label_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
