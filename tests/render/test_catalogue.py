"""The rule catalogue: a table with one row per rule, and JSON rows with stable keys."""

import io
import json
from pathlib import Path

from redflag.render.catalogue import JSON_FIELDS, render, render_json, rule_row
from redflag.render.options import RenderOptions
from redflag.rules.engine import RuleEngine
from redflag.rules.loader import builtin_packs

GOLDEN = Path(__file__).resolve().parent / "golden"


def _rules():
    return RuleEngine(builtin_packs()).rules


def test_table_matches_golden():
    stream = io.StringIO()
    render(_rules(), stream, RenderOptions(width=100, color=False))
    assert stream.getvalue() == (GOLDEN / "rules.txt").read_text(encoding="utf-8")


def test_json_matches_golden():
    stream = io.StringIO()
    render_json(_rules(), stream, RenderOptions())
    assert stream.getvalue() == (GOLDEN / "rules.json").read_text(encoding="utf-8")


def test_row_has_the_catalogue_fields_in_order():
    rule = _rules()[0]
    row = rule_row(rule)
    assert tuple(row) == JSON_FIELDS and row["id"] == rule.id and row["weight"] == rule.weight


def test_a_filtered_catalogue_counts_its_rules():
    rules = RuleEngine(builtin_packs(), select=("FEE",)).rules
    stream = io.StringIO()
    render(rules, stream, RenderOptions(width=100, color=False))
    assert stream.getvalue().lstrip().startswith(f"{len(rules)} rules")
    stream = io.StringIO()
    render_json(rules, stream, RenderOptions())
    assert [r["id"] for r in json.loads(stream.getvalue())] == [r.id for r in rules]
