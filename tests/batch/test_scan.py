"""Batch scanning: outputs, bad rows, atomic files, worker parity, summary, exit codes, score_frame, Dask."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

import redflag.batch as scan_mod
from redflag.cli import app
from redflag.errors import InputError
from redflag.config import Config
from redflag.batch import ScanOptions, scan, score_frame
from redflag.io.tables import EMSCAD_TEXT_COLS

RISKY = ("Hostess work abroad for girls 18-25. Small processing fee of 200 EUR before the flight. "
         "We keep your passport during the contract. Contact only on WhatsApp +44 7700 900123.")
MEDIUM = "Earn 5000 USD a week from home, no experience needed, start today."
PLAIN = "Line cook for our restaurant in Leeds. Day shifts, 11 GBP an hour, apply on our website."
runner = CliRunner()


def ads(n: int = 6) -> pd.DataFrame:
    texts = [RISKY, PLAIN, MEDIUM]
    return pd.DataFrame({
        "ad_id": [f"ad{i}" for i in range(n)],
        "text": [texts[i % 3] + f" Ref {i}." for i in range(n)],
        "site": [["alpha", "beta"][i % 2] for i in range(n)],
    })


@pytest.fixture
def csv_in(tmp_path):
    path = tmp_path / "ads.csv"
    ads().to_csv(path, index=False)
    return path


def invoke(*args: str):
    return runner.invoke(app, ["scan", *map(str, args), "--no-progress"])


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_every_output_format(tmp_path, csv_in, fmt):
    out = tmp_path / f"res.{fmt}"
    r = invoke(csv_in, "--out", out, "--id-col", "ad_id", "--keep-col", "site", "--entities")
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out, keep_default_na=False) if fmt == "csv" else (
        pd.read_json(out, lines=True, dtype=False) if fmt == "jsonl" else pd.read_parquet(out))
    assert list(df.columns) == ["id", "score", "level", "flags", "reassuring", "model_probability", "evidence", "entities", "site"]
    assert df["id"].tolist() == [f"ad{i}" for i in range(6)]
    assert df.loc[0, "level"] == "high" and "FEE001" in df.loc[0, "flags"].split(";")
    if fmt == "csv":
        assert 'FEE001:"processing fee"@' in df.loc[0, "evidence"]
        assert "whatsapp:+447700900123" in df.loc[0, "entities"]
    else:
        evidence = df.loc[0, "evidence"] if fmt == "jsonl" else json.loads(df.loc[0, "evidence"])
        fee = next(f for f in evidence if f["id"] == "FEE001")
        e = fee["evidence"][0]
        assert RISKY[e["start"]:e["end"]] == e["text"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["ads.csv", out.name])


def test_emscad_columns_are_found_without_options(tmp_path):
    df = pd.DataFrame({"job_id": [7, 8], "title": ["Hostess", "Cook"], "company_profile": ["", "Family bistro"],
                       "description": [RISKY, PLAIN], "requirements": ["", "Food hygiene"], "benefits": [None, "Meals"]})
    path = tmp_path / "emscad.csv"
    df.to_csv(path, index=False)
    out = tmp_path / "res.jsonl"
    assert invoke(path, "--out", out).exit_code == 0
    res = pd.read_json(out, lines=True)
    assert res["id"].tolist() == [7, 8]
    expected = score_frame(df.astype({"job_id": str}))
    assert res["score"].tolist() == expected["score"].tolist()
    assert score_frame(df, text_cols=EMSCAD_TEXT_COLS)["score"].tolist() == expected["score"].tolist()


def test_missing_column_exit_2_lists_columns(tmp_path):
    path = tmp_path / "ads.csv"
    pd.DataFrame({"body": ["x"], "ref": [1]}).to_csv(path, index=False)
    r = invoke(path)
    assert r.exit_code == 2
    assert "'text'" in r.output and "body, ref" in r.output
    assert invoke(path, "--text-col", "body", "--keep-col", "nope").exit_code == 2


def test_bad_rows_are_reported_and_skipped(tmp_path):
    df = pd.DataFrame({"text": [RISKY, "   ", "abc\x00\x00def", "\x01\x02\x03\x04\x05\x06ab", PLAIN, "x" * 1_000_001]})
    path = tmp_path / "ads.jsonl"
    df.to_json(path, orient="records", lines=True)
    out, errs, summ = tmp_path / "res.csv", tmp_path / "errors.csv", tmp_path / "s.json"
    r = invoke(path, "--out", out, "--errors", errs, "--summary-json", summ)
    assert r.exit_code == 0, r.output
    assert pd.read_csv(out)["id"].tolist() == [0, 4]
    errors = pd.read_csv(errs)
    assert errors["row"].tolist() == [1, 2, 3, 5]
    reasons = errors["reason"].tolist()
    assert reasons[0] == "empty text" and "NUL" in reasons[1] and "control" in reasons[2] and "longer" in reasons[3]
    summary = json.loads(summ.read_text())
    assert summary["errors"] == 4 and summary["scanned"] == 2 and summary["rows"] == 6


def test_a_row_that_fails_is_skipped_and_the_rest_kept(tmp_path, monkeypatch):
    real = scan_mod.Checker.check_many

    def flaky(self, texts, explain=False):
        if any("Ref 1." in t for t in texts):
            raise RuntimeError("boom")
        return real(self, texts, explain)

    monkeypatch.setattr(scan_mod.Checker, "check_many", flaky)
    frame, errors = scan_mod._score(ads(), ["text"], "ad_id", [], Config(), False, 0)
    assert frame["id"].tolist() == ["ad0", "ad2", "ad3", "ad4", "ad5"]
    assert [(e.row, e.id) for e in errors] == [(1, "ad1")] and "boom" in errors[0].reason


def test_output_is_atomic_when_interrupted(tmp_path, csv_in, monkeypatch):
    real = scan_mod.run_batch
    calls = []

    def interrupted(plan, chunk, first_row):
        calls.append(first_row)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(plan, chunk, first_row)

    monkeypatch.setattr(scan_mod, "run_batch", interrupted)
    monkeypatch.setattr(scan_mod, "TASK_ROWS", 2)
    with pytest.raises(KeyboardInterrupt):
        scan(csv_in, ScanOptions(out=tmp_path / "res.csv", errors_out=tmp_path / "e.csv"))
    assert [p.name for p in tmp_path.iterdir()] == ["ads.csv"]


def test_refuses_to_write_over_the_input(csv_in):
    before = csv_in.read_bytes()
    r = invoke(csv_in, "--out", csv_in)
    assert r.exit_code == 2 and "over the input" in r.output
    assert csv_in.read_bytes() == before


def test_workers_give_identical_output(tmp_path):
    path = tmp_path / "ads.csv"
    ads(2_500).to_csv(path, index=False)
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"res{workers}.jsonl"
        assert invoke(path, "--out", out, "--id-col", "ad_id", "--workers", workers).exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0].count(b"\n") == 2_500


def test_min_level_and_sort(tmp_path, csv_in):
    out = tmp_path / "res.csv"
    assert invoke(csv_in, "--out", out, "--min-level", "high", "--id-col", "ad_id").exit_code == 0
    res = pd.read_csv(out)
    full = score_frame(ads(), id_col="ad_id")
    assert set(res["level"]) == {"high"} and res["id"].tolist() == full.loc[full["level"] == "high", "id"].tolist()
    assert 0 < len(res) < 6
    assert invoke(csv_in, "--out", out, "--sort", "score", "--id-col", "ad_id").exit_code == 0
    scores = pd.read_csv(out)["score"].tolist()
    assert scores == sorted(scores, reverse=True) and len(scores) == 6


def test_summary_json_counts_flags_pairs_and_sources(tmp_path, csv_in):
    summ = tmp_path / "s.json"
    r = invoke(csv_in, "--summary-json", summ, "--source-col", "site")
    assert r.exit_code == 0 and "ads scanned" in r.output
    s = json.loads(summ.read_text())
    full = score_frame(ads())
    assert s["scanned"] == 6 and s["errors"] == 0
    assert s["levels"] == {lv: int((full["level"] == lv).sum()) for lv in ("low", "medium", "high")}
    fee = next(f for f in s["flags"] if f["id"] == "FEE001")
    assert fee["count"] == 2 and fee["share"] == pytest.approx(2 / 6, abs=1e-6)
    risky = set(full.loc[0, "flags"].split(";"))
    pairs = [tuple(p["flags"]) for p in s["pairs"]]
    assert pairs and all(a < b and {a, b} <= risky for a, b in pairs) and s["pairs"][0]["count"] == 2
    by_site = {x["source"]: x for x in s["sources"]}
    for site, rows in ads().groupby("site").groups.items():
        levels = full.loc[list(rows), "level"]
        assert by_site[site]["high_share"] == pytest.approx((levels == "high").mean(), abs=1e-6)
        assert by_site[site]["medium_or_high_share"] == pytest.approx((levels != "low").mean(), abs=1e-6)
    shares = [x["high_share"] for x in s["sources"]]
    assert shares == sorted(shares, reverse=True)


def test_exit_codes(tmp_path, csv_in):
    assert invoke(csv_in).exit_code == 0
    assert invoke(csv_in, "--fail-on", "high").exit_code == 1
    plain = tmp_path / "plain.csv"
    pd.DataFrame({"text": [PLAIN]}).to_csv(plain, index=False)
    assert invoke(plain, "--fail-on", "high").exit_code == 0
    assert invoke(tmp_path / "missing.csv").exit_code == 2


def test_entities_are_opt_in(tmp_path, csv_in):
    plain, full = tmp_path / "plain.jsonl", tmp_path / "full.jsonl"
    assert invoke(csv_in, "--out", plain, "--id-col", "ad_id").exit_code == 0
    assert invoke(csv_in, "--out", full, "--id-col", "ad_id", "--entities").exit_code == 0
    a, b = pd.read_json(plain, lines=True, dtype=False), pd.read_json(full, lines=True, dtype=False)
    assert a["entities"].map(len).sum() == 0 and b["entities"].map(len).sum() > 0
    assert a.drop(columns="entities").equals(b.drop(columns="entities"))  # scores and evidence do not depend on it
    assert score_frame(ads(), id_col="ad_id")["entities"].map(len).sum() == 0  # the API default is scan's


def test_score_frame_is_pure():
    df = ads()
    before = df.copy(deep=True)
    a, b = score_frame(df, id_col="ad_id"), score_frame(df, id_col="ad_id")
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(df, before)
    assert a["id"].tolist() == df["ad_id"].tolist()
    with pytest.raises(InputError):
        score_frame(df, text_cols=["nope"])


def test_lazy_package_exports():
    import redflag

    assert redflag.check(RISKY).level == "high"
    assert redflag.score_frame is score_frame


def test_dask_matches_scan(tmp_path, csv_in):
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    out = tmp_path / "res.jsonl"
    assert invoke(csv_in, "--out", out, "--id-col", "ad_id", "--keep-col", "site").exit_code == 0
    expected = pd.read_json(out, lines=True, dtype=False)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        ddf = dd.read_csv(csv_in, dtype=str, blocksize=200)
        assert ddf.npartitions > 1
        scored = ddf.map_partitions(score_frame, id_col="ad_id", keep_cols=["site"], meta=score_frame(ddf._meta, id_col="ad_id", keep_cols=["site"]))
        got = scored.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got.astype(object), expected.astype(object), check_dtype=False)
