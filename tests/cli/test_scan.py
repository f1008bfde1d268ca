"""`redflag scan`: a table in, a result file and a summary out."""

import csv


def test_scan_writes_results_and_fails_on_level(cli, tmp_path):
    data = tmp_path / "ads.csv"
    data.write_text('text\n"Pay the processing fee of 300 EUR. The employer keeps your passport."\n"Gardener wanted, weekly pay."\n',
                    encoding="utf-8")
    out = tmp_path / "out.csv"
    res = cli("scan", str(data), "--out", str(out), "--no-model", "--no-progress", "--fail-on", "medium")
    assert res.exit_code == 1, res.output
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2 and rows[0]["level"] in ("medium", "high")
    assert cli("scan", str(data), "--no-model", "--no-progress").exit_code == 0


def test_help_matches_golden(cli, golden):
    assert cli("scan", "--help").stdout == golden("help-scan.txt")
