"""score_frame and the frame scoring: one row per good ad, input untouched, failures per row, Dask parity."""

from __future__ import annotations

import pandas as pd
import pytest

from redflag.batch.frame import RESULT_COLS, empty_frame, score_frame, score_rows
from redflag.config import Config
from redflag.errors import InputError
from redflag.io.tables import EMSCAD_TEXT_COLS
from redflag.pipeline import Checker


def test_a_row_that_fails_is_skipped_and_the_rest_kept(ads, monkeypatch):
    real = Checker.check_many

    def flaky(self, texts, explain=False):
        if any("Ref 1." in t for t in texts):
            raise RuntimeError("boom")
        return real(self, texts, explain)

    monkeypatch.setattr(Checker, "check_many", flaky)
    frame, errors = score_rows(ads(), ["text"], "ad_id", [], Config(), False, 0)
    assert frame["id"].tolist() == ["ad0", "ad2", "ad3", "ad4", "ad5"]
    assert [(e.row, e.id) for e in errors] == [(1, "ad1")] and "boom" in errors[0].reason


def test_bad_rows_are_numbered_from_the_first_row(texts):
    df = pd.DataFrame({"text": [texts.plain, " ", texts.risky]})
    frame, errors = score_rows(df, ["text"], None, [], Config(), False, 100)
    assert frame["id"].tolist() == [100, 102]
    assert [(e.row, e.id, e.reason) for e in errors] == [(101, 101, "empty text")]


def test_emscad_columns_are_found(texts):
    df = pd.DataFrame({"job_id": [7, 8], "title": ["Hostess", "Cook"], "company_profile": ["", "Family bistro"],
                       "description": [texts.risky, texts.plain], "requirements": ["", "Food hygiene"], "benefits": [None, "Meals"]})
    expected = score_frame(df.astype({"job_id": str}))
    assert expected["id"].tolist() == ["7", "8"]
    assert score_frame(df, text_cols=EMSCAD_TEXT_COLS)["score"].tolist() == expected["score"].tolist()


def test_entities_are_opt_in(ads):
    assert score_frame(ads(), id_col="ad_id")["entities"].map(len).sum() == 0  # the API default is scan's
    assert score_frame(ads(), id_col="ad_id", config=Config(entities=True))["entities"].map(len).sum() > 0


def test_score_frame_is_pure(ads):
    df = ads()
    before = df.copy(deep=True)
    a, b = score_frame(df, id_col="ad_id"), score_frame(df, id_col="ad_id")
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(df, before)
    assert a["id"].tolist() == df["ad_id"].tolist()
    with pytest.raises(InputError):
        score_frame(df, text_cols=["nope"])


def test_columns_and_explain_terms(ads):
    frame = score_frame(ads(), id_col="ad_id", explain=True, keep_cols=["site"])
    assert list(frame.columns) == RESULT_COLS + ["terms", "site"]
    assert all(isinstance(t, list) for t in frame["terms"]) and frame["terms"].map(len).sum() > 0
    assert frame["site"].tolist() == ads()["site"].tolist()


def test_empty_frame_has_the_full_dtypes(ads):
    empty = empty_frame(False, ["site"])
    full = score_frame(ads(), id_col="ad_id", keep_cols=["site"])
    assert len(empty) == 0 and list(empty.columns) == list(full.columns)
    assert empty["score"].dtype == full["score"].dtype == "float64"


def test_lazy_package_exports(texts):
    import redflag

    assert redflag.check(texts.risky).level == "high"
    assert redflag.score_frame is score_frame


def test_dask_matches_scan(tmp_path, csv_in, invoke):
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
