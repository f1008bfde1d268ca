"""`redflag rules`: the catalogue as a table or JSON."""

import json


def test_rules_json(cli):
    rows = json.loads(cli("rules", "--format", "json").stdout)
    assert len(rows) >= 40 and {"id", "title", "severity", "indicator", "language"} <= set(rows[0])


def test_rules_outputs_match_golden(cli, golden):
    assert cli("rules").stdout == golden("rules.txt")
    assert cli("rules", "--format", "json").stdout == golden("rules.json")


def test_select_and_ignore(cli):
    rows = json.loads(cli("rules", "-f", "json", "--select", "FEE", "--ignore", "FEE001").stdout)
    ids = {r["id"] for r in rows}
    assert ids and all(i.startswith("FEE") for i in ids) and "FEE001" not in ids


def test_help_matches_golden(cli, golden):
    assert cli("rules", "--help").stdout == golden("help-rules.txt")
