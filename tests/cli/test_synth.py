"""`redflag synth`: a labelled synthetic table, the same for the same seed."""

import csv


def test_synth_writes_the_same_file_for_the_same_seed(cli, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    res = cli("synth", "--n", "20", "--seed", "5", "--out", str(a))
    assert res.exit_code == 0 and "wrote 20 ads" in res.output
    cli("synth", "--n", "20", "--seed", "5", "--out", str(b))
    assert a.read_bytes() == b.read_bytes()
    with open(a, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 20 and {"text", "label"} <= set(rows[0])


def test_help_matches_golden(cli, golden):
    assert cli("synth", "--help").stdout == golden("help-synth.txt")


def test_synth_mixes_in_only_the_languages_asked_for(cli, tmp_path):
    out = tmp_path / "a.csv"
    assert cli("synth", "--n", "200", "--langs", "de, zh", "--out", str(out)).exit_code == 0
    with open(out, newline="", encoding="utf-8") as f:
        assert {r["lang"] for r in csv.DictReader(f)} == {"en", "de", "zh"}


def test_an_unknown_language_is_one_line_and_exit_2(cli, tmp_path):
    out = tmp_path / "a.csv"
    res = cli("synth", "--n", "5", "--langs", "de,xx", "--out", str(out))
    assert res.exit_code == 2 and "no synthetic templates for language xx" in res.output
    assert "Traceback" not in res.output and not out.exists()
