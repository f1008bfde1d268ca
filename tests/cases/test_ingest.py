"""Ingest: one ad once, every sighting, transactions per chunk, resuming, bad rows skipped."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from redflag.cases import Ingest, StoreError, content_hash, open_store, schema_version
from redflag.cases import schema
from redflag.cases.importer import import_results


def _count(store, table) -> int:
    with store.begin() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_the_same_ad_in_other_markup_case_and_spacing_is_one_ad():
    a = content_hash("Girls wanted for <b>hostess</b> work in Dubai")
    assert a == content_hash("GIRLS wanted for hostess   work in Dubai")
    assert a != content_hash("Girls wanted for hostess work in Doha")


def test_an_ad_posted_on_two_sites_is_one_ad_with_two_sightings(filled):
    _, store = filled
    assert _count(store, schema.ads) == 5  # a1 and b1 are the same ad
    assert _count(store, schema.sightings) == 6
    with store.begin() as conn:
        sources = conn.execute(select(schema.sightings.c.source).join(schema.ads, schema.ads.c.id == schema.sightings.c.ad_id)
                               .where(schema.ads.c.hash == content_hash(
                                   "Ukrainian girls 18-21 wanted for hostess work in Dubai, flight paid. "
                                   "Send photos on WhatsApp +44 7700 900123."))).scalars().all()
    assert sorted(sources) == ["site-a", "site-b"]


def test_reimporting_the_same_export_adds_nothing(filled, exports):
    _, store = filled
    before = [_count(store, t) for t in (schema.ads, schema.sightings, schema.entities, schema.results)]
    counts, skipped, note = import_results(store, exports[0], source_col="site", date_col="date")
    assert "already imported" in note and counts.new_ads == 0
    assert [_count(store, t) for t in (schema.ads, schema.sightings, schema.entities, schema.results)] == before


def test_a_new_export_with_the_same_ads_adds_only_sightings(filled, exports, tmp_path):
    _, store = filled
    rows = [json.loads(line) for line in exports[0].read_text(encoding="utf-8").splitlines()]
    for r in rows:
        r["date"] = "2026-12-01"
    again = tmp_path / "site-a-december.jsonl"
    again.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    ads, entities = _count(store, schema.ads), _count(store, schema.entities)
    counts, _, _ = import_results(store, again, source_col="site", date_col="date")
    assert counts.new_ads == 0 and counts.seen_again == 3 and counts.sightings == 3
    assert _count(store, schema.ads) == ads and _count(store, schema.entities) == entities


def test_an_interrupted_import_keeps_its_chunks_and_resumes(db, exports, monkeypatch):
    import redflag.cases.importer as importer

    monkeypatch.setattr(importer, "CHUNK", 1)  # one row a transaction
    calls = {"n": 0}
    real = Ingest._write

    def failing(self, conn, records, counts):
        calls["n"] += 1
        if calls["n"] == 3:
            raise StoreError("connection lost")
        return real(self, conn, records, counts)

    with open_store(db, create=True) as store:
        monkeypatch.setattr(Ingest, "_write", failing)
        with pytest.raises(StoreError, match="connection lost"):
            import_results(store, exports[0], source_col="site", date_col="date")
        assert _count(store, schema.ads) == 2 and _count(store, schema.sightings) == 2
        with store.begin() as conn:
            status, done = conn.execute(select(schema.scans.c.status, schema.scans.c.rows_done)).one()
        assert (status, done) == ("interrupted", 2)
        monkeypatch.setattr(Ingest, "_write", real)
        counts, _, note = import_results(store, exports[0], source_col="site", date_col="date")
        assert "resumed after row 2" in note and counts.records == 1
        assert _count(store, schema.ads) == 3 and _count(store, schema.sightings) == 3
        assert _count(store, schema.scans) == 1


def test_bad_rows_are_reported_and_skipped(db, exports, tmp_path):
    lines = exports[0].read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["text"] = ""
    worse = json.loads(lines[2])
    worse["level"] = "catastrophic"
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([lines[0], json.dumps(broken), json.dumps(worse), "{not json"]) + "\n", encoding="utf-8")
    with open_store(db, create=True) as store:
        counts, skipped, _ = import_results(store, path, source_col="site", date_col="date")
        assert counts.new_ads == 1 and len(skipped) == 3
        reasons = " ".join(why for _, why in skipped)
        assert "no ad text" in reasons and "catastrophic" in reasons


def test_offsets_outside_the_text_are_a_bad_row_not_invented_evidence(db, exports, tmp_path):
    row = json.loads(exports[0].read_text(encoding="utf-8").splitlines()[0])
    row["text"] = row["text"][:10]  # not the text that was scanned
    path = tmp_path / "shifted.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with open_store(db, create=True) as store:
        counts, skipped, _ = import_results(store, path)
        assert counts.new_ads == 0 and "offsets outside the ad text" in skipped[0][1]


def test_results_without_text_name_the_fix(db, tmp_path):
    from redflag.errors import InputError

    path = tmp_path / "no-text.jsonl"
    path.write_text(json.dumps({"id": 1, "score": 50.0, "level": "medium"}) + "\n")
    with open_store(db, create=True) as store, pytest.raises(InputError, match="--keep-col text"):
        import_results(store, path)


def test_evidence_and_entities_keep_exact_offsets(filled):
    from redflag.cases import ad, make_filters, search

    _, store = filled
    for row in search(store, make_filters(limit=50)):
        found = ad(store, row["id"])
        for flag in found["evidence"]:
            for e in flag["evidence"]:
                assert found["text"][e["start"]:e["end"]] == e["text"]
        for e in found["entities"]:
            assert e["text"] == found["text"][e["start"]:e["end"]]


def test_the_schema_version_is_recorded(filled):
    from redflag.cases.migrations import LATEST

    _, store = filled
    assert schema_version(store) == LATEST
