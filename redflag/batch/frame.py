"""One frame of ads in, one frame of results out: the pure step of every batch scan.

``score_frame`` runs unchanged in ``redflag scan``, on Dask ``map_partitions`` or on Spark
``mapInPandas``; the structured cells it returns are shaped for a file by ``redflag.render.cells``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from redflag.batch.rows import RowError, bad_text
from redflag.config import Config
from redflag.io.tables import UNREADABLE, join_text, resolve_columns
from redflag.pipeline import Checker, checker_for
from redflag.result import Result

RESULT_COLS = ["id", "score", "level", "lang", "harm", "flags", "reassuring", "model_probability", "evidence", "entities"]
_DTYPES = {"score": "float64", "model_probability": "float64", "level": str, "lang": str, "harm": str, "flags": str,
           "reassuring": str}
SCAN_CONFIG = Config(entities=False)  # batch default: entities cost a third of the time and are opt-in


TEXT_COL = "_text"  # the joined ad text, added for the case store only (never written to a result file)


def score_rows(df: pd.DataFrame, text_cols: list[str], id_col: str | None, keep_cols: list[str],
               config: Config, explain: bool, first_row: int, with_text: bool = False) -> tuple[pd.DataFrame, list[RowError]]:
    """Results for the good rows of ``df`` (structured cells) and the rows skipped, in input order."""
    texts = join_text(df, text_cols).tolist()
    ids = df[id_col].tolist() if id_col else list(range(first_row, first_row + len(df)))
    errors: list[RowError] = []
    good: list[int] = []
    unreadable = [r if isinstance(r, str) else None for r in df[UNREADABLE].tolist()] if UNREADABLE in df.columns \
        else [None] * len(texts)
    for i, text in enumerate(texts):
        reason = unreadable[i] or bad_text(text)
        if reason is None:
            good.append(i)
        else:
            errors.append(RowError(first_row + i, ids[i], reason))
    checker = checker_for(config)
    results = _check_all(checker, [texts[i] for i in good], explain)
    rows: list[int] = []
    out: list[Result] = []
    for i, res in zip(good, results):
        if isinstance(res, Exception):
            errors.append(RowError(first_row + i, ids[i], f"failed: {type(res).__name__}: {res}"))
        else:
            rows.append(i)
            out.append(res)
    errors.sort(key=lambda e: e.row)
    frame = result_frame(out, [ids[i] for i in rows], explain)
    if id_col:  # keep the id's type, so results join back onto the input
        frame["id"] = df[id_col].take(rows).reset_index(drop=True)
    for col in keep_cols:
        frame[col] = df[col].take(rows).reset_index(drop=True)
    if with_text:
        frame[TEXT_COL] = pd.Series([texts[i] for i in rows], dtype=object)
    return frame, errors


def _check_all(checker: Checker, texts: list[str], explain: bool) -> list[Result | Exception]:
    """The batch path; when it fails, ad by ad, so one bad row costs only itself."""
    try:
        return checker.check_many(texts, explain=explain)
    except Exception:
        out: list[Result | Exception] = []
        for text in texts:
            try:
                out.extend(checker.check_many([text], explain=explain))
            except Exception as exc:  # reported per row; the scan goes on
                out.append(exc)
        return out


def result_frame(results: list[Result], ids: list[Any], explain: bool) -> pd.DataFrame:
    """The result columns for ``results``: the same split of red flags and reassuring signs as ``redflag check``."""
    cols: dict[str, list] = {c: [] for c in RESULT_COLS}
    cols["id"] = ids
    if explain:
        cols["terms"] = []
    for r in results:
        red = r.red_flags
        cols["score"].append(round(r.score, 2))
        cols["level"].append(r.level)
        cols["lang"].append(r.lang)
        cols["harm"].append(";".join(r.harms))
        cols["flags"].append(";".join(f.id for f in red))
        cols["reassuring"].append(";".join(f.id for f in r.reassuring))
        cols["model_probability"].append(round(r.model.probability, 6) if r.model is not None else None)
        cols["evidence"].append([
            {"id": f.id, "title": f.title, "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in f.evidence]}
            for f in red
        ])
        cols["entities"].append([e.to_dict() for e in r.entities])
        if explain:
            cols["terms"].append([{"term": t.term, "weight": round(t.weight, 6)} for t in r.model.terms] if r.model else [])
    # explicit dtypes, so an empty frame (a Dask meta) has the same ones as a full one
    return pd.DataFrame({c: pd.Series(v, dtype=_DTYPES.get(c, object)) for c, v in cols.items()})


def empty_frame(explain: bool, keep_cols: list[str]) -> pd.DataFrame:
    """A result frame without rows, with the columns and dtypes of a full one (headers of empty outputs)."""
    cols = RESULT_COLS + (["terms"] if explain else []) + keep_cols
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, object)) for c in cols})


def score_frame(df: pd.DataFrame, text_cols: list[str] | None = None, id_col: str | None = None,
                config: Config | None = None, explain: bool = False, *, keep_cols: list[str] | None = None) -> pd.DataFrame:
    """Results for a frame of ads, one row per good ad in input order; the input is never changed.

    Columns: id, score, level, lang (the ad's main language, ``und`` when too short to tell), harm (the
    kinds of harm its red flags point to, heaviest first: labour;sexual;scam), flags, reassuring, model_probability, evidence (list of flags with
    their phrases), entities (list of dicts; empty unless ``config.entities``), then ``keep_cols``;
    ``explain`` adds the model's terms. The default config is that of ``redflag scan``. Rows whose
    text is empty or binary are skipped, as in ``redflag scan``. Without ``id_col`` the id is the
    row's position in ``df``.
    """
    cols, id_col = resolve_columns([str(c) for c in df.columns], text_cols, id_col)
    frame, _ = score_rows(df, cols, id_col, list(keep_cols or ()), config or SCAN_CONFIG, explain, 0)
    return frame
