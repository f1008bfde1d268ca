"""Repetitions that could backtrack exponentially are refused at load; every built-in pattern passes."""

import re._parser as sre_parse
import time
import tomllib
from pathlib import Path

import pytest

from redflag.errors import RulePackError
from redflag.rules.kinds.pattern import compiled
from redflag.rules.kinds.pattern_safety import backtracking_problem
from redflag.rules.loader import builtin_pack, builtin_packs, parse_pack

AMBIGUOUS = [
    r"fee (?:a|a){1,60}z",
    r"fee (?:a{1,2}){1,30}z",
    r"fee (?:ab|abab){1,30}z",
    r"fee (?:a?b?){1,30}z",
    r"fee (?:\w{1,3}\w{1,3} ){1,10}z",
    r"fee (?:\w{1,20}\W{0,3}){0,5}z",
    r"fee (?:\w\w|\d\d){1,20}z",
    r"fee ((?:a|a){1,30}){1,2}+z",
]
SAFE = [r"\bfee(?: \w{1,20}){0,3} paid\b", r"\bfee (?:\w{1,20} ){0,4}due\b", r"\$\d{1,3}(?:,\d{3}){1,3}",
        r"\bfee (?:all |any |the ){0,3}paid\b", r"\bfee[a-z]{0,9}\b", r"\bfee(?:s|d){1,2}\b"]


@pytest.mark.parametrize("pattern", AMBIGUOUS)
def test_ambiguous_repetition_is_refused_quickly(pattern):
    t0 = time.perf_counter()
    with pytest.raises(RulePackError, match="exponential time") as err:
        compiled(pattern)
    assert time.perf_counter() - t0 < 0.5 and pattern[:20] in str(err.value)


@pytest.mark.parametrize("pattern", SAFE)
def test_delimited_and_finite_repetitions_are_accepted(pattern):
    assert backtracking_problem(sre_parse.parse(pattern)) is None


@pytest.mark.parametrize("fold", [True, False])
def test_every_builtin_pattern_is_accepted(fold):
    patterns = [p for pack in builtin_packs() for rule in pack.rules for p in rule.patterns]
    assert patterns
    for pattern in patterns:
        compiled(pattern, fold)  # raises on any refused pattern


def test_a_custom_pack_with_such_a_pattern_names_the_rule_and_the_pattern():
    builtin = Path(builtin_pack("en").path)
    context = tomllib.loads((Path(__file__).resolve().parents[3] / builtin).read_text(encoding="utf-8"))["context"]
    lines = ["[context]"] + [f"{k} = {v!r}".replace("'", '"') if isinstance(v, int) else f"{k} = {_toml_list(v)}"
                             for k, v in context.items()]
    rule = '''
[[rule]]
id = "BAD001"
title = "t"
category = "fees"
indicator = "i"
severity = "high"
confidence = "high"
weight = 10
rationale = "r"
advice = "a"
keywords = ["fee"]
patterns = ['fee (?:a|a){1,60}z']
match = [{text = "fee az", evidence = "fee az"}]
no_match = ["x"]
'''
    t0 = time.perf_counter()
    with pytest.raises(RulePackError) as err:
        parse_pack(("\n".join(lines) + rule).encode(), "custom.toml")
    message = str(err.value)
    assert "custom.toml: rule BAD001" in message and "fee (?:a|a){1,60}z" in message and "exponential" in message
    assert time.perf_counter() - t0 < 1.0


def _toml_list(values):
    return "[" + ", ".join("'''" + v + "'''" for v in values) + "]"
