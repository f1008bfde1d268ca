"""`redflag link` end to end and redaction of results."""

import json

import pandas as pd
from typer.testing import CliRunner

from redflag.cli import app
from redflag.config import Config
from redflag.pipeline import Checker
from redflag.entities.redaction import redact_result

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


def test_scan_redact_masks_contacts_in_the_output(tmp_path):
    src = tmp_path / "ads.csv"
    pd.DataFrame(ADS, columns=["id", "text", "source"]).to_csv(src, index=False)
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["scan", str(src), "--id-col", "id", "--out", str(out), "--redact", "--entities", "--no-progress", "--region", "GB"])
    assert res.exit_code in (0, 1), res.output
    body = out.read_text()
    assert "7700" not in body and "careers@" not in body  # the company domain stays, for linking
    assert "[phone:" in body or "[whatsapp:" in body
