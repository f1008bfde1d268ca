"""The link command: read, score, link and write clusters; end to end through the CLI; redaction of results."""

import json

import pandas as pd
from typer.testing import CliRunner

from redflag.cli import app
from redflag.config import Config
from redflag.pipeline import Checker
from redflag.entities.redaction import redact_result
from redflag.link.run import LinkOptions, link_file, load_records, write_clusters

runner = CliRunner()

ADS = [
    ("a1", "Hostess work abroad, girls 18-25. WhatsApp +44 7700 900123 now.", "site-a"),
    ("a2", "Dancers wanted in Dubai, free flight. Call +44 7700 900 123.", "site-b"),
    ("a3", "Warehouse operative in Leeds, apply at careers@northwind-logistics.co.uk.", "site-c"),
    ("a4", "Friendly cafe needs a barista; text 07700900123 for details.", "site-d"),
    ("a5", "Accountant, five years of experience, hybrid working, London.", "site-a"),
]


def test_link_finds_the_shared_phone_and_writes_clusters(tmp_path):
    src = tmp_path / "ads.csv"
    pd.DataFrame(ADS, columns=["id", "text", "source"]).to_csv(src, index=False)
    out = tmp_path / "clusters.jsonl"
    res = runner.invoke(app, ["link", str(src), "--id-col", "id", "--source-col", "source", "--out", str(out), "--region", "GB"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    members = [set(r["ad_ids"]) for r in rows]
    assert {"a1", "a2", "a4"} in members
    assert not any("a5" in m for m in members)
    assert "clusters hold" in res.stdout


def test_link_redacts_identifiers(tmp_path):
    src = tmp_path / "ads.csv"
    pd.DataFrame(ADS, columns=["id", "text", "source"]).to_csv(src, index=False)
    out = tmp_path / "clusters.csv"
    res = runner.invoke(app, ["link", str(src), "--id-col", "id", "--out", str(out), "--redact", "--no-score", "--region", "GB"])
    assert res.exit_code == 0, res.output
    assert "7700" not in out.read_text() and "7700" not in res.stdout


def test_link_missing_column_is_exit_2(tmp_path):
    src = tmp_path / "ads.csv"
    pd.DataFrame(ADS, columns=["id", "text", "source"]).to_csv(src, index=False)
    res = runner.invoke(app, ["link", str(src), "--source-col", "site"])
    assert res.exit_code == 2 and "site" in res.output


def test_redacted_result_keeps_offsets_and_hides_contacts():
    text = "Hostess work abroad. Contact only on WhatsApp +44 7700 900123 or jobs.eu@gmail.com."
    result = Checker(Config(use_model=False)).check(text)
    red, masked = redact_result(result, text)
    assert len(masked) == len(text) and "7700" not in masked and "gmail" not in masked
    for flag in red.flags:
        for ev in flag.evidence:
            assert masked[ev.start:ev.end] == ev.text
    dumped = json.dumps(red.to_dict())
    assert "7700" not in dumped and "jobs.eu" not in dumped
    assert "[whatsapp:" in dumped or "[phone:" in dumped


def test_check_redact_flag():
    res = runner.invoke(app, ["check", "Contact only on WhatsApp +44 7700 900123, small processing fee.", "-f", "json", "--redact", "--no-model"])
    assert "7700" not in res.stdout


def _table(tmp_path):
    src = tmp_path / "ads.csv"
    rows = ADS + [("a6", "   ", "site-e")]
    pd.DataFrame(rows, columns=["id", "text", "source"]).to_csv(src, index=False)
    return src


def test_load_records_scores_and_skips_bad_rows(tmp_path):
    records, skipped = load_records(_table(tmp_path), LinkOptions(id_col="id", source_col="source"), Config())
    assert skipped == 1 and [r["id"] for r in records] == ["a1", "a2", "a3", "a4", "a5"]
    assert all(isinstance(r["score"], float) and r["level"] in ("low", "medium", "high") for r in records)
    assert records[0]["source"] == "site-a"
    unscored, _ = load_records(_table(tmp_path), LinkOptions(id_col="id", score=False), Config())
    assert all("score" not in r for r in unscored)


def test_load_records_takes_scores_from_a_column(tmp_path):
    src = tmp_path / "scored.csv"
    pd.DataFrame({"text": [a[1] for a in ADS], "score": [80, 75, 5, 10, 3]}).to_csv(src, index=False)
    records, _ = load_records(src, LinkOptions(score_col="score"), Config())
    assert [r["score"] for r in records] == [80.0, 75.0, 5.0, 10.0, 3.0] and records[0]["id"] == "0"


def test_a_score_column_that_is_not_numeric_names_the_row(tmp_path):
    import pytest

    from redflag.errors import InputError

    src = tmp_path / "scored.csv"
    pd.DataFrame({"text": [a[1] for a in ADS], "score": ["80", "", "high", "10", "3"]}).to_csv(src, index=False)
    with pytest.raises(InputError, match="--score-col 'score': row 2 holds 'high', not a score"):
        load_records(src, LinkOptions(score_col="score", score=False), Config())


def test_link_file_counts_and_orders(tmp_path):
    clusters, ads, skipped = link_file(_table(tmp_path), LinkOptions(id_col="id", region="GB"), Config())
    assert ads == 5 and skipped == 1
    assert clusters and set(clusters[0].ad_ids) == {"a1", "a2", "a4"}


def test_write_clusters_joins_lists_in_csv_and_keeps_them_in_jsonl(tmp_path):
    clusters, _, _ = link_file(_table(tmp_path), LinkOptions(id_col="id", region="GB"), Config())
    jsonl, csv = tmp_path / "c.jsonl", tmp_path / "c.csv"
    write_clusters(clusters, jsonl, None, redact=False)
    write_clusters(clusters, csv, None, redact=True)
    row = json.loads(jsonl.read_text().splitlines()[0])
    assert list(row)[-2:] == ["explanation", "summary"] and isinstance(row["ad_ids"], list) and row["summary"]
    flat = pd.read_csv(csv)
    assert flat.loc[0, "ad_ids"] == ";".join(row["ad_ids"]) and "7700" not in csv.read_text()
    empty = tmp_path / "none.csv"
    write_clusters([], empty, None, redact=False)
    assert empty.read_text().splitlines() == ["id,size,ad_ids"]
