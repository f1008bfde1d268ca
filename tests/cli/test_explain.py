"""`redflag explain`: one rule in full."""


def test_explain(cli):
    res = cli("explain", "DOC001")
    assert res.exit_code == 0 and "retention of identity documents" in res.stdout and "Fires on" in res.stdout


def test_explain_matches_golden_and_ignores_case(cli, golden):
    assert cli("explain", "FEE001").stdout == golden("explain-FEE001.txt")
    assert cli("explain", "fee001").stdout == golden("explain-FEE001.txt")


def test_unknown_rule_is_exit_2(cli):
    res = cli("explain", "NOPE999")
    assert res.exit_code == 2 and "'redflag rules' lists them" in res.output


def test_help_matches_golden(cli, golden):
    assert cli("explain", "--help").stdout == golden("help-explain.txt")
