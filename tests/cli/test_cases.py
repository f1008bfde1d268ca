"""`redflag cases` and `redflag scan --db` end to end: an investigator's walk-through, and bad input as one line, exit 2."""

from __future__ import annotations

import json
import stat

import pandas as pd
import pytest

ADS_A = pd.DataFrame([
    {"ad": "fb-1", "text": "Ukrainian girls 18-21 wanted for hostess work in Dubai, flight paid. Send photos on WhatsApp +44 7700 900123.",
     "site": "facebook", "posted": "2026-10-01", "link": "https://example.org/fb-1"},
    {"ad": "fb-2", "text": "Warehouse operative, 40 hours a week, 12.50 GBP per hour, written contract from day one.",
     "site": "facebook", "posted": "2026-10-02", "link": "https://example.org/fb-2"},
])
ADS_B = pd.DataFrame([
    {"ad": "tg-9", "text": "Online job 30 minutes a day, 300 USD daily, write to 07700 900123 on Telegram @anna_jobs",
     "site": "telegram", "posted": "2026-11-12", "link": "https://t.me/s/jobs/9"},
])


@pytest.fixture
def walk(cli, tmp_path, monkeypatch):
    """Two sites' exports scanned into one store."""
    monkeypatch.delenv("REDFLAG_DB", raising=False)
    a, b = tmp_path / "facebook.csv", tmp_path / "telegram.csv"
    ADS_A.to_csv(a, index=False)
    ADS_B.to_csv(b, index=False)
    db = str(tmp_path / "cases.db")
    for path in (a, b):
        res = cli("scan", str(path), "--db", db, "--id-col", "ad", "--source-col", "site", "--date-col", "posted",
                  "--url-col", "link", "--region", "GB", "--no-progress")
        assert res.exit_code == 0, res.output
    return db, tmp_path


def test_scan_into_a_store_then_find_track_review_export(cli, walk):
    db, tmp_path = walk
    assert stat.S_IMODE((tmp_path / "cases.db").stat().st_mode) == 0o600
    found = json.loads(cli("cases", "search", "--db", db, "--phone", "07700900123", "--format", "json").stdout)
    assert sorted(s for r in found for s in r["sources"]) == ["facebook", "telegram"]
    timeline = json.loads(cli("cases", "track", "+447700900123", "--db", db, "--format", "json").stdout)
    assert [p["source"] for p in timeline["platforms"]] == ["facebook", "telegram"]
    assert timeline["first_seen"].startswith("2026-10-01") and timeline["last_seen"].startswith("2026-11-12")
    assert timeline["timeline"][0]["url"] == "https://example.org/fb-1"
    assert any(c["value"] == "telegram:anna_jobs" for c in timeline["co_occurring"])
    table = cli("cases", "track", "+447700900123", "--db", db).stdout
    assert "facebook" in table and "telegram" in table
    riskiest = found[0]["id"]
    res = cli("cases", "review", str(riskiest), "--verdict", "confirmed", "--note", "same number", "--db", db)
    assert res.exit_code == 0 and "confirmed" in res.stdout
    out = tmp_path / "labelled.csv"
    assert cli("cases", "export", "--reviewed", str(out), "--db", db).exit_code == 0
    assert pd.read_csv(out)["label"].tolist() == [1]
    shown = cli("cases", "show", str(riskiest), "--db", db).stdout
    assert "same number" in shown and "facebook" in shown
    stats = json.loads(cli("cases", "stats", "--db", db, "--format", "json").stdout)
    assert stats["ads"] == 3 and stats["spanning"][0]["sources"] == 2
    csv_out = cli("cases", "search", "--db", db, "--level", "high", "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("id,score,level")


def test_scanning_the_same_export_again_adds_only_sightings(cli, walk):
    db, tmp_path = walk
    before = json.loads(cli("cases", "stats", "--db", db, "--format", "json").stdout)
    res = cli("scan", str(tmp_path / "telegram.csv"), "--db", db, "--id-col", "ad", "--source-col", "site", "--no-progress")
    assert res.exit_code == 0
    after = json.loads(cli("cases", "stats", "--db", db, "--format", "json").stdout)
    assert after["ads"] == before["ads"] and after["sightings"] == before["sightings"] + 1


def test_the_store_comes_from_the_environment(cli, walk, monkeypatch):
    db, _ = walk
    monkeypatch.setenv("REDFLAG_DB", db)
    assert json.loads(cli("cases", "stats", "--format", "json").stdout)["ads"] == 3


def test_add_imports_a_results_file(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("REDFLAG_DB", raising=False)
    ads = tmp_path / "ads.csv"
    ADS_A.to_csv(ads, index=False)
    results = tmp_path / "results.jsonl"
    assert cli("scan", str(ads), "--keep-col", "text", "--keep-col", "posted", "--source-col", "site", "--entities",
               "--out", str(results), "--no-progress").exit_code == 0
    db = str(tmp_path / "store.db")
    res = cli("cases", "add", str(results), "--db", db, "--source-col", "site", "--date-col", "posted")
    assert res.exit_code == 0 and "2 new ad(s)" in res.stdout
    res = cli("cases", "add", str(results), "--db", db, "--source-col", "site", "--date-col", "posted")
    assert "already imported" in res.stdout


def test_a_redacted_scan_into_a_store_keeps_only_keyed_tokens_and_still_finds_the_number(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("REDFLAG_DB", raising=False)
    ads, results, db = tmp_path / "telegram.csv", tmp_path / "out.jsonl", tmp_path / "redacted.db"
    pd.concat([ADS_A, ADS_B]).to_csv(ads, index=False)
    monkeypatch.delenv("REDFLAG_REDACT_KEY", raising=False)
    res = cli("scan", str(ads), "--db", str(db), "--redact", "--out", str(results), "--no-progress")
    assert res.exit_code == 2 and "REDFLAG_REDACT_KEY" in res.output and len(res.output.strip().splitlines()) == 1
    assert not db.exists() and not results.exists()
    monkeypatch.setenv("REDFLAG_REDACT_KEY", "a long private key for this team")
    res = cli("scan", str(ads), "--db", str(db), "--redact", "--id-col", "ad", "--source-col", "site", "--region", "GB",
              "--out", str(results), "--no-progress")
    assert res.exit_code == 0, res.output
    found = json.loads(cli("cases", "search", "--db", str(db), "--phone", "+44 7700 900123", "--format", "json").stdout)
    assert sorted(r["id"] for r in found) == [1, 3]
    assert json.loads(cli("cases", "track", "07700900123", "--db", str(db), "--region", "GB", "--format", "json").stdout)["ads"] == 2
    shown = json.loads(cli("cases", "show", "3", "--db", str(db), "--format", "json").stdout)
    assert shown["redacted"] and "900123" not in shown["text"] and "anna_jobs" not in shown["text"]
    assert len(shown["text"]) == len(ADS_B["text"][0])  # masked in place: the evidence offsets still hold
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("redacted.db"))
    for secret in (b"7700900123", b"7700 900123", b"anna_jobs"):
        assert secret not in raw and secret not in results.read_bytes()


@pytest.mark.parametrize("args, message", [
    (["cases", "search", "--level", "extreme"], "--level"),
    (["cases", "search", "--since", "soon"], "not a date"),
    (["cases", "search", "--phone", "call me"], "not a phone number"),
    (["cases", "track", "@x", "--hops", "12"], "--hops"),
    (["cases", "review", "999", "--verdict", "confirmed"], "no ad 999"),
    (["cases", "purge", "--older-than", "forever", "--yes"], "--older-than"),
])
def test_bad_values_are_one_line_errors(cli, walk, args, message):
    db, _ = walk
    res = cli(*args, "--db", db)
    assert res.exit_code == 2 and message in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_a_foreign_or_missing_store_is_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("REDFLAG_DB", raising=False)
    foreign = tmp_path / "photo.db"
    foreign.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    for args, message in ((["cases", "stats", "--db", str(foreign)], "not a case store"),
                          (["cases", "stats", "--db", str(tmp_path / "none.db")], "no case store there"),
                          (["cases", "stats"], "no case store given")):
        res = cli(*args)
        assert res.exit_code == 2 and message in res.output, res.output
    assert foreign.read_bytes().startswith(b"\x89PNG")


def test_a_password_in_the_url_is_never_printed(cli):
    res = cli("cases", "stats", "--db", "postgresql://analyst:topsecret99@127.0.0.1:1/cases")
    assert res.exit_code == 2 and "topsecret99" not in res.output and "***" in res.output


def test_purge_and_upgrade(cli, walk):
    db, _ = walk
    res = cli("cases", "purge", "--older-than", "1d", "--yes", "--db", db)
    assert res.exit_code == 0 and "purged 3 ad(s)" in res.stdout
    assert "already the latest" in cli("cases", "upgrade", "--db", db).stdout


def test_report_from_the_store(cli, walk):
    db, tmp_path = walk
    out = tmp_path / "report.html"
    res = cli("report", "--db", db, "--out", str(out), "--level", "medium")
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "<mark" in html and "hostess" in html and "Warehouse operative" not in html
    res = cli("report", "--db", db, "--out", str(tmp_path / "none.html"), "--text", "nothingmatches")
    assert res.exit_code == 2 and not (tmp_path / "none.html").exists()
