"""The scan command: outputs in every format, bad rows, atomic files, worker parity, summary, exit codes."""

from __future__ import annotations

import importlib
import json

import pandas as pd
import pytest

from redflag.batch import ScanOptions, scan, score_frame
from redflag.batch.frame import SCAN_CONFIG
from redflag.config import Config

run_mod = importlib.import_module("redflag.batch.run")
workers_mod = importlib.import_module("redflag.batch.workers")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_every_output_format(tmp_path, csv_in, invoke, texts, fmt):
    out = tmp_path / f"res.{fmt}"
    r = invoke(csv_in, "--out", out, "--id-col", "ad_id", "--keep-col", "site", "--entities")
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out, keep_default_na=False) if fmt == "csv" else (
        pd.read_json(out, lines=True, dtype=False) if fmt == "jsonl" else pd.read_parquet(out))
    assert list(df.columns) == ["id", "score", "level", "lang", "harm", "flags", "reassuring", "model_probability", "evidence", "entities", "site"]
    assert df["id"].tolist() == [f"ad{i}" for i in range(6)]
    assert df.loc[0, "level"] == "high" and "FEE001" in df.loc[0, "flags"].split(";")
    if fmt == "csv":
        assert 'FEE001:"processing fee"@' in df.loc[0, "evidence"]
        assert "whatsapp:+447700900123" in df.loc[0, "entities"]
    else:
        evidence = df.loc[0, "evidence"] if fmt == "jsonl" else json.loads(df.loc[0, "evidence"])
        fee = next(f for f in evidence if f["id"] == "FEE001")
        e = fee["evidence"][0]
        assert texts.risky[e["start"]:e["end"]] == e["text"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["ads.csv", out.name])


def test_emscad_columns_are_found_without_options(tmp_path, invoke, texts):
    df = pd.DataFrame({"job_id": [7, 8], "title": ["Hostess", "Cook"], "company_profile": ["", "Family bistro"],
                       "description": [texts.risky, texts.plain], "requirements": ["", "Food hygiene"], "benefits": [None, "Meals"]})
    path = tmp_path / "emscad.csv"
    df.to_csv(path, index=False)
    out = tmp_path / "res.jsonl"
    assert invoke(path, "--out", out).exit_code == 0
    res = pd.read_json(out, lines=True)
    assert res["id"].tolist() == [7, 8]
    assert res["score"].tolist() == pytest.approx(score_frame(df.astype({"job_id": str}))["score"].tolist(), abs=0.006)


def test_missing_column_exit_2_lists_columns(tmp_path, invoke):
    path = tmp_path / "ads.csv"
    pd.DataFrame({"body": ["x"], "ref": [1]}).to_csv(path, index=False)
    r = invoke(path)
    assert r.exit_code == 2
    assert "'text'" in r.output and "body, ref" in r.output
    assert invoke(path, "--text-col", "body", "--keep-col", "nope").exit_code == 2


def test_bad_rows_are_reported_and_skipped(tmp_path, invoke, texts):
    df = pd.DataFrame({"text": [texts.risky, "   ", "abc\x00\x00def", "\x01\x02\x03\x04\x05\x06ab", texts.plain, "x" * 1_000_001]})
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


@pytest.mark.parametrize("workers", ["1", "2"])
def test_unreadable_rows_are_reported_with_their_offset_and_the_scan_goes_on(tmp_path, invoke, texts, workers):
    lines = [b"id,text\n"] + [f"ad{i},{[texts.risky, texts.plain][i % 2].replace(',', '')}\n".encode() for i in range(3_000)]
    lines[2_501] = lines[2_501].replace(b"passport", b"pass\xffport")
    lines[2_701] = b"ad2700,one,two\n"
    data = b"".join(lines)
    path, out, errs = tmp_path / "ads.csv", tmp_path / "res.csv", tmp_path / "errors.csv"
    path.write_bytes(data)
    r = invoke(path, "--out", out, "--errors", errs, "--workers", workers, "--id-col", "id")
    assert r.exit_code == 0, r.output
    ids = pd.read_csv(out)["id"].tolist()
    assert len(ids) == 2_998 and "ad2500" not in ids and ids[-1] == "ad2999"
    errors = pd.read_csv(errs)
    assert errors["row"].tolist() == [2_500, 2_700]
    bad = data.index(b"\xff")
    assert f"byte {bad} (line 2502)" in errors["reason"][0] and "3 fields" in errors["reason"][1]


def test_a_truncated_gzip_is_one_line_exit_2_and_the_rows_before_it_are_kept(tmp_path, invoke, texts):
    import gzip

    body = b"".join(f"ad{i},{texts.plain.replace(',', '')}\n".encode() for i in range(5_000))
    packed = gzip.compress(b"id,text\n" + body)
    path, out = tmp_path / "ads.csv.gz", tmp_path / "res.csv"
    path.write_bytes(packed[: len(packed) * 3 // 4])
    r = invoke(path, "--out", out, "--workers", "1", "--id-col", "id")
    assert r.exit_code == 2
    assert "corrupt gzip data" in r.output and "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
    kept = pd.read_csv(out)["id"].tolist()
    assert 100 < len(kept) < 5_000 and kept == [f"ad{i}" for i in range(len(kept))]


def test_output_is_atomic_when_interrupted(tmp_path, csv_in, monkeypatch):
    real = run_mod.run_batch
    calls = []

    def interrupted(plan, chunk, first_row):
        calls.append(first_row)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(plan, chunk, first_row)

    monkeypatch.setattr(run_mod, "run_batch", interrupted)
    monkeypatch.setattr(workers_mod, "TASK_ROWS", 2)
    with pytest.raises(KeyboardInterrupt):
        scan(csv_in, ScanOptions(out=tmp_path / "res.csv", errors_out=tmp_path / "e.csv"))
    assert [p.name for p in tmp_path.iterdir()] == ["ads.csv"]


def test_refuses_to_write_over_the_input(csv_in, invoke):
    before = csv_in.read_bytes()
    r = invoke(csv_in, "--out", csv_in)
    assert r.exit_code == 2 and "over the input" in r.output
    assert csv_in.read_bytes() == before


def test_workers_give_identical_output(tmp_path, ads, invoke):
    path = tmp_path / "ads.csv"
    ads(2_500).to_csv(path, index=False)
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"res{workers}.jsonl"
        assert invoke(path, "--out", out, "--id-col", "ad_id", "--workers", workers).exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0].count(b"\n") == 2_500


def test_min_level_and_sort(tmp_path, csv_in, ads, invoke):
    out = tmp_path / "res.csv"
    assert invoke(csv_in, "--out", out, "--min-level", "high", "--id-col", "ad_id").exit_code == 0
    res = pd.read_csv(out)
    full = score_frame(ads(), id_col="ad_id")
    assert set(res["level"]) == {"high"} and res["id"].tolist() == full.loc[full["level"] == "high", "id"].tolist()
    assert 0 < len(res) < 6
    assert invoke(csv_in, "--out", out, "--sort", "score", "--id-col", "ad_id").exit_code == 0
    scores = pd.read_csv(out)["score"].tolist()
    assert scores == sorted(scores, reverse=True) and len(scores) == 6


@pytest.mark.parametrize("fmt, sort", [("csv", False), ("csv", True), ("jsonl", False), ("parquet", False)])
def test_nothing_kept_still_writes_a_valid_file(tmp_path, texts, fmt, sort):
    path = tmp_path / "ads.csv"
    pd.DataFrame({"text": [texts.plain, texts.plain + " Weekends off."]}).to_csv(path, index=False)
    out = tmp_path / f"res.{fmt}"
    summary = scan(path, ScanOptions(out=out, min_level="high", sort=sort))
    assert summary.scanned == 2 and summary.written == 0
    if fmt == "csv":
        assert out.read_text().splitlines() == ["id,score,level,lang,harm,flags,reassuring,model_probability,evidence,entities"]
    elif fmt == "jsonl":
        assert out.read_text() == ""
    else:
        assert len(pd.read_parquet(out)) == 0


def test_scan_returns_the_summary_without_an_output(csv_in, ads):
    progress = []
    summary = scan(csv_in, ScanOptions(id_col="ad_id", source_col="site"), SCAN_CONFIG,
                   progress=lambda rows, fraction: progress.append((rows, fraction)))
    full = score_frame(ads(), id_col="ad_id")
    assert summary.rows == summary.scanned == 6 and summary.written == 0
    assert dict(summary.levels) == full["level"].value_counts().to_dict()
    assert progress[-1][0] == 6 and progress[-1][1] == pytest.approx(1.0)


def test_summary_json_counts_flags_pairs_and_sources(tmp_path, csv_in, ads, invoke):
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


def test_summary_keeps_the_riskiest_ads_in_order(ads):
    plan = run_mod.Plan(["text"], "ad_id", [], None, Config(), False, None)
    summary = run_mod.Summary(top_n=2)
    summary.add(run_mod.run_batch(plan, ads(), 0))
    d = summary.to_dict()
    assert [t["id"] for t in d["top"]] == ["ad0", "ad3"]  # equal scores: the earlier row ranks first
    assert d["rows"] == d["scanned"] == 6 and d["errors"] == 0 and d["error_rows"] == []


def test_run_batch_shapes_output_for_the_file(ads):
    plan = run_mod.Plan(["text"], "ad_id", [], None, Config(), False, "csv", min_level="medium")
    batch = run_mod.run_batch(plan, ads(), 10)
    assert batch.first_row == 10 and batch.rows == 6 and len(batch.levels) == 6
    lines = batch.output.splitlines()
    assert all(line.startswith("ad") for line in lines)  # rows only: the header is the file's
    assert len(lines) == sum(lv != "low" for lv in batch.levels)
    framed = run_mod.run_batch(run_mod.Plan(["text"], "ad_id", [], None, Config(), False, "parquet", as_frame=True), ads(), 0)
    assert isinstance(framed.output, pd.DataFrame) and isinstance(framed.output.loc[0, "evidence"], str)


def test_exit_codes(tmp_path, csv_in, invoke, texts):
    assert invoke(csv_in).exit_code == 0
    assert invoke(csv_in, "--fail-on", "high").exit_code == 1
    plain = tmp_path / "plain.csv"
    pd.DataFrame({"text": [texts.plain]}).to_csv(plain, index=False)
    assert invoke(plain, "--fail-on", "high").exit_code == 0
    assert invoke(tmp_path / "missing.csv").exit_code == 2


def test_entities_are_opt_in(tmp_path, csv_in, ads, invoke):
    plain, full = tmp_path / "plain.jsonl", tmp_path / "full.jsonl"
    assert invoke(csv_in, "--out", plain, "--id-col", "ad_id").exit_code == 0
    assert invoke(csv_in, "--out", full, "--id-col", "ad_id", "--entities").exit_code == 0
    a, b = pd.read_json(plain, lines=True, dtype=False), pd.read_json(full, lines=True, dtype=False)
    assert a["entities"].map(len).sum() == 0 and b["entities"].map(len).sum() > 0
    assert a.drop(columns="entities").equals(b.drop(columns="entities"))  # scores and evidence do not depend on it


def test_scan_redact_masks_contacts_in_the_output(tmp_path, invoke):
    ads = [("a1", "Hostess work abroad, girls 18-25. WhatsApp +44 7700 900123 now."),
           ("a3", "Warehouse operative in Leeds, apply at careers@northwind-logistics.co.uk.")]
    src = tmp_path / "ads.csv"
    pd.DataFrame(ads, columns=["id", "text"]).to_csv(src, index=False)
    out = tmp_path / "out.jsonl"
    res = invoke(src, "--id-col", "id", "--out", out, "--redact", "--entities", "--region", "GB")
    assert res.exit_code in (0, 1), res.output
    body = out.read_text()
    assert "7700" not in body and "careers@" not in body  # the company domain stays, for linking
    assert "[phone:" in body or "[whatsapp:" in body


# ------------------------------------------------------------------ languages

SPANISH = "Pago de inscripción de 200 euros antes de viajar. Contacto solo por WhatsApp. Se buscan chicas de 18 a 25 años."
RUSSIAN = "Требуются девушки 18-25 лет для работы за границей. Оплата за оформление 200 евро до выезда."


@pytest.fixture
def mixed_in(tmp_path, texts):
    """Four ads in three languages."""
    path = tmp_path / "mixed.csv"
    pd.DataFrame({"text": [texts.risky, SPANISH, RUSSIAN, texts.plain]}).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_every_output_format_has_each_ads_language(tmp_path, mixed_in, invoke, fmt):
    out = tmp_path / f"res.{fmt}"
    assert invoke(mixed_in, "--out", out, "--no-model").exit_code == 0
    df = pd.read_csv(out, keep_default_na=False) if fmt == "csv" else (
        pd.read_json(out, lines=True, dtype=False) if fmt == "jsonl" else pd.read_parquet(out))
    assert df["lang"].tolist() == ["en", "es", "ru", "en"]


def test_sorted_output_keeps_the_language_with_its_row(tmp_path, mixed_in, invoke):
    out = tmp_path / "res.jsonl"
    assert invoke(mixed_in, "--out", out, "--no-model", "--sort", "score").exit_code == 0
    df = pd.read_json(out, lines=True, dtype=False)
    assert dict(zip(df["id"], df["lang"])) == {0: "en", 1: "es", 2: "ru", 3: "en"}


def test_summary_counts_ads_per_language(tmp_path, mixed_in, invoke):
    path = tmp_path / "summary.json"
    r = invoke(mixed_in, "--no-model", "--summary-json", path)
    assert r.exit_code == 0, r.output
    langs = json.loads(path.read_text(encoding="utf-8"))["languages"]
    assert [(g["lang"], g["ads"]) for g in langs] == [("en", 2), ("es", 1), ("ru", 1)]
    assert langs[0]["share"] == 0.5 and all(set(g) >= {"medium_or_high", "high", "high_share"} for g in langs)
    assert "languages" in r.stdout
    top = json.loads(path.read_text(encoding="utf-8"))["top"]
    assert {t["id"]: t["lang"] for t in top} == {0: "en", 1: "es", 2: "ru", 3: "en"}


def test_lang_reads_every_ad_in_one_language(tmp_path, mixed_in, invoke):
    out = tmp_path / "res.csv"
    assert invoke(mixed_in, "--out", out, "--no-model", "--lang", "es").exit_code == 0
    assert set(pd.read_csv(out)["lang"]) == {"es"}


def test_score_frame_has_the_language_column(texts):
    frame = score_frame(pd.DataFrame({"text": [texts.plain, SPANISH]}), config=Config(use_model=False, entities=False))
    assert frame["lang"].tolist() == ["en", "es"]


# ------------------------------------------------------------------ kinds of harm

def test_each_row_and_the_summary_name_the_kinds_of_harm(tmp_path, mixed_in, invoke):
    out, path = tmp_path / "res.csv", tmp_path / "summary.json"
    r = invoke(mixed_in, "--out", out, "--no-model", "--summary-json", path)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out, keep_default_na=False)
    harms = [set(h.split(";")) if h else set() for h in df["harm"]]
    assert "labour" in harms[1] and "sexual" in harms[1] and "sexual" in harms[2]  # a fee to travel + young women
    assert harms[3] == set()  # the plain ad points to nothing
    counted = {g["harm"]: g["ads"] for g in json.loads(path.read_text(encoding="utf-8"))["harms"]}
    assert counted["sexual"] == sum("sexual" in h for h in harms) and "kinds of harm" in r.stdout
