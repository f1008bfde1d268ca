"""No input makes matching slow: entity extraction and rule matching grow linearly with every hostile shape.

Each shape is timed at N and 4N characters (CPU time, best of three); linear work gives about 4x,
and anything quadratic gives 16x, so the bar sits at 6x. Normalisation has its own tests.
"""

from __future__ import annotations

import time

import pytest

from redflag.config import Config
from redflag.entities import extract
from redflag.pipeline import Checker
from redflag.rules.kinds.base import Ad
from redflag.text.normalise import normalise

N = 5000  # characters; 4N stays well under a second for every shape
SHAPES = {
    "bare hosts": "a.com ",
    "messaging links": "t.me/x ",
    "same phone": "+44 7700 900123 ",
    "phone words": "call zero seven seven zero zero nine zero zero one two three ",
    "spaced digits": "1 2 3 4 5 6 7 8 9 0 ",
    "dollar amounts": "$1 ",
    "e-mails": "jobs1@mail.com ",
    "obfuscated e-mails": "jane [at] mail [dot] com ",
    "prose with at": "work at home.net ",
    "links": "https://www.example.com/apply?id=7 ",
    "pay ranges": "£400-£500 pw ",
    "ages": "girls 18-25 ",
    "handles": "telegram: @agent_7 ",
    "nationalities": "Moldovan girls wanted from Ukraine ",
    "keywords": "fee passport deposit visa ",
    "newlines": "fee\n",
    "one letter": "a",
    "one digit": "7",
    "dots": ".",
    "at signs": "@",
}


def _work(engine, text: str) -> None:
    extract(text)
    engine.match(normalise(text))


def _best(engine, text: str) -> float:
    times = []
    for _ in range(3):
        t0 = time.process_time()
        _work(engine, text)
        times.append(time.process_time() - t0)
    return max(min(times), 1e-3)


@pytest.fixture(scope="module")
def engine():
    return Checker(Config(use_model=False, entities=False)).engine


@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_work_grows_linearly(engine, unit):
    text = unit * (4 * N // len(unit))
    _work(engine, text[:100])  # compile what the shape needs before timing
    small, large = _best(engine, text[: len(text) // 4]), _best(engine, text)
    assert large < 6 * small + 0.01, f"{large:.3f} s at 4N against {small:.3f} s at N"
