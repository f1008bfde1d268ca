"""Batch scanning of ad tables: score chunks (in worker processes for big inputs), write results, summarise.

``score_frame`` is the one pure step (a DataFrame of ads in, a DataFrame of results out), so the
same function runs here, on Dask ``map_partitions`` or on Spark ``mapInPandas``. ``scan`` wraps it
with chunked reading, ordered multiprocessing, atomic output and a summary; it never prints.
"""

from __future__ import annotations

import gc
import heapq
import itertools
import multiprocessing
import os
import re
import signal
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from redflag.config import Config
from redflag.batch.rows import MAX_AD_CHARS, bad_text
from redflag.levels import LEVELS, RANK as LEVEL_RANK
from redflag.pipeline import Checker, checker_for
from redflag.result import Result
from redflag.io.tables import dumps, join_text, open_writer, read_table, resolve_columns, serialise

RESULT_COLS = ["id", "score", "level", "flags", "reassuring", "model_probability", "evidence", "entities"]
MIN_PARALLEL_ROWS = 2_000  # below this, starting worker processes costs more than it saves
TASK_ROWS = 500  # rows per task sent to a worker: big enough to amortise pickling, small enough to balance
EVIDENCE_QUOTE = 60  # characters of a quoted phrase kept in the compact (CSV) evidence
COMPACT_MAX = 1_000  # characters of a compact evidence or entities cell
_DTYPES = {"score": "float64", "model_probability": "float64", "level": str, "flags": str, "reassuring": str}
SCAN_CONFIG = Config(entities=False)  # batch default: entities cost a third of the time and are opt-in


# ------------------------------------------------------------------ one frame


@dataclass(frozen=True)
class RowError:
    """A row that was reported and skipped: its 0-based row number, its id and why."""

    row: int
    id: Any
    reason: str

    def to_dict(self) -> dict:
        return {"row": self.row, "id": self.id, "reason": self.reason}


def _score(df: pd.DataFrame, text_cols: list[str], id_col: str | None, keep_cols: list[str],
           config: Config, explain: bool, first_row: int) -> tuple[pd.DataFrame, list[RowError]]:
    """Results for the good rows of ``df`` (structured cells) and the rows skipped, in input order."""
    texts = join_text(df, text_cols).tolist()
    ids = df[id_col].tolist() if id_col else list(range(first_row, first_row + len(df)))
    errors: list[RowError] = []
    good: list[int] = []
    for i, text in enumerate(texts):
        reason = bad_text(text)
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
    frame = _result_frame(out, [ids[i] for i in rows], explain)
    if id_col:  # keep the id's type, so results join back onto the input
        frame["id"] = df[id_col].take(rows).reset_index(drop=True)
    for col in keep_cols:
        frame[col] = df[col].take(rows).reset_index(drop=True)
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


def _result_frame(results: list[Result], ids: list[Any], explain: bool) -> pd.DataFrame:
    cols: dict[str, list] = {c: [] for c in RESULT_COLS}
    cols["id"] = ids
    if explain:
        cols["terms"] = []
    for r in results:
        red = r.red_flags  # the same split as `redflag check`: good-practice rules are reassuring
        cols["score"].append(round(r.score, 2))
        cols["level"].append(r.level)
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


def score_frame(df: pd.DataFrame, text_cols: list[str] | None = None, id_col: str | None = None,
                config: Config | None = None, explain: bool = False, *, keep_cols: list[str] | None = None) -> pd.DataFrame:
    """Results for a frame of ads, one row per good ad in input order; the input is never changed.

    Columns: id, score, level, flags, reassuring, model_probability, evidence (list of flags with
    their phrases), entities (list of dicts; empty unless ``config.entities``), then ``keep_cols``;
    ``explain`` adds the model's terms. The default config is that of ``redflag scan``. Rows whose
    text is empty or binary are skipped, as in ``redflag scan``. Without ``id_col`` the id is the
    row's position in ``df``.
    """
    cols, id_col = resolve_columns([str(c) for c in df.columns], text_cols, id_col)
    frame, _ = _score(df, cols, id_col, list(keep_cols or ()), config or SCAN_CONFIG, explain, 0)
    return frame


# ------------------------------------------------------------------ formatting cells


def compact_evidence(evidence: list[dict]) -> str:
    """``FEE001:"processing fee"@120-134 | ...``: each flag's first phrase, short enough for a spreadsheet."""
    parts = []
    for flag in evidence:
        ev = flag["evidence"]
        if not ev:
            parts.append(flag["id"])
            continue
        e = ev[0]
        quote = " ".join(e["text"].split())
        if len(quote) > EVIDENCE_QUOTE:
            quote = quote[: EVIDENCE_QUOTE - 1] + "…"
        more = f" (+{len(ev) - 1})" if len(ev) > 1 else ""
        parts.append(f'{flag["id"]}:"{quote}"@{e["start"]}-{e["end"]}{more}')
    return _cap(" | ".join(parts))


def compact_entities(entities: list[dict]) -> str:
    """``kind:value`` for each distinct entity, joined with '; '."""
    seen = dict.fromkeys(f'{e["kind"]}:{e["value"]}' for e in entities)
    return _cap("; ".join(seen))


def _cap(text: str) -> str:
    return text if len(text) <= COMPACT_MAX else text[: COMPACT_MAX - 1] + "…"


def for_format(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """The frame as written: compact text cells in CSV, JSON text in Parquet, structures in JSONL."""
    if fmt == "jsonl":
        return frame
    out = frame.copy()
    nested = [c for c in ("evidence", "entities", "terms") if c in out.columns]
    if fmt == "csv":
        out["evidence"] = [compact_evidence(v) for v in out["evidence"].tolist()]
        out["entities"] = [compact_entities(v) for v in out["entities"].tolist()]
        if "terms" in out.columns:
            out["terms"] = [" ".join(f'{t["term"]}:{t["weight"]:+.3f}' for t in v) for v in out["terms"].tolist()]
    else:
        for c in nested:
            out[c] = [dumps(v) for v in out[c].tolist()]
    return out


# ------------------------------------------------------------------ batches in workers


@dataclass(frozen=True)
class Plan:
    """Everything a worker needs to turn a chunk of the input into output rows (picklable)."""

    text_cols: list[str]
    id_col: str | None
    keep_cols: list[str]
    source_col: str | None
    config: Config
    explain: bool
    out_format: str | None  # None: no output file
    min_level: str = "low"
    as_frame: bool = False  # hand back a frame (Parquet output, or rows buffered for sorting)


@dataclass
class Batch:
    """One scored chunk: output ready to write, the few fields the summary needs, and the skipped rows."""

    first_row: int
    rows: int
    output: Any  # str (CSV/JSONL text), a DataFrame, or None
    scores: list[float]
    levels: list[str]
    flags: list[str]
    ids: list[Any]
    sources: list[Any] | None
    errors: list[RowError]


def run_batch(plan: Plan, chunk: pd.DataFrame, first_row: int) -> Batch:
    """Score one chunk and prepare its output; the same code runs in-process and in workers."""
    frame, errors = _score(chunk, plan.text_cols, plan.id_col, plan.keep_cols, plan.config, plan.explain, first_row)
    output: Any = None
    if plan.out_format is not None:
        kept = frame
        if plan.min_level != "low":
            kept = frame[frame["level"].map(LEVEL_RANK) >= LEVEL_RANK[plan.min_level]]
        shaped = for_format(kept, plan.out_format)
        output = shaped if plan.as_frame else serialise(shaped, plan.out_format, header=False)
    sources = frame[plan.source_col].tolist() if plan.source_col else None
    return Batch(first_row, len(chunk), output, frame["score"].tolist(), frame["level"].tolist(),
                 frame["flags"].tolist(), frame["id"].tolist(), sources, errors)


_PLAN: Plan | None = None


def _init_worker(plan: Plan) -> None:
    global _PLAN
    _PLAN = plan
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool and removes the output
    checker_for(plan.config)  # load rules and model once, before the first task
    gc.freeze()  # the model's vocabulary and the compiled rules live for good: collections need not walk them


def _worker_batch(chunk: pd.DataFrame, first_row: int) -> Batch:
    return run_batch(_PLAN, chunk, first_row)


def _tasks(chunks: Iterator[pd.DataFrame], size: int) -> Iterator[tuple[pd.DataFrame, int]]:
    first = 0
    for chunk in chunks:
        for s in range(0, len(chunk), size):
            part = chunk.iloc[s : s + size]
            yield part, first + s
        first += len(chunk)


def _batches(plan: Plan, chunks: Iterator[pd.DataFrame], workers: int) -> Iterator[Batch]:
    """Scored batches in input order; with several workers at most a few tasks are in flight, so memory stays flat."""
    first = next(chunks, None)
    if first is None:
        return
    chunks = itertools.chain([first], chunks)
    if workers <= 1 or len(first) < MIN_PARALLEL_ROWS:
        for part, row in _tasks(chunks, TASK_ROWS):
            yield run_batch(plan, part, row)
        return
    # fork is cheapest and safe while this is the only thread; otherwise fork from a clean server process
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["redflag.batch"])
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(plan,))
    try:
        pending: deque = deque()
        for part, row in _tasks(chunks, TASK_ROWS):
            pending.append(pool.apply_async(_worker_batch, (part, row)))
            if len(pending) >= 3 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


# ------------------------------------------------------------------ summary


@dataclass
class Summary:
    """What a moderator reads first: counts per level and flag, frequent pairs, risk per source, skipped rows."""

    rows: int = 0
    scanned: int = 0
    written: int = 0
    levels: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)
    sources: dict = field(default_factory=dict)  # source -> [ads, medium+, high]
    errors: list[RowError] = field(default_factory=list)
    top: list = field(default_factory=list)  # heap of (score, -row, id, level, flags)
    top_n: int = 10

    def add(self, batch: Batch) -> None:
        self.rows += batch.rows
        self.scanned += len(batch.levels)
        self.errors.extend(batch.errors)
        self.levels.update(batch.levels)
        sources = batch.sources if batch.sources is not None else itertools.repeat(None)
        for k, (score, level, flags, ad_id, source) in enumerate(zip(batch.scores, batch.levels, batch.flags, batch.ids, sources)):
            ids = flags.split(";") if flags else []
            self.flags.update(ids)
            if len(ids) > 1:
                self.pairs.update(itertools.combinations(sorted(ids), 2))
            if batch.sources is not None:
                key = "" if source is None or source is pd.NA or (isinstance(source, float) and source != source) else str(source)
                s = self.sources.setdefault(key, [0, 0, 0])
                s[0] += 1
                s[1] += level != "low"
                s[2] += level == "high"
            item = (score, -(batch.first_row + k), ad_id, level, flags)
            if len(self.top) < self.top_n:
                heapq.heappush(self.top, item)
            elif item > self.top[0]:
                heapq.heapreplace(self.top, item)

    def to_dict(self) -> dict:
        n = self.scanned
        share = (lambda c: round(c / n, 6) if n else 0.0)
        sources = sorted(self.sources.items(), key=lambda kv: (-kv[1][2] / kv[1][0], -kv[1][1] / kv[1][0], -kv[1][0], kv[0]))
        return {
            "rows": self.rows,
            "scanned": n,
            "written": self.written,
            "errors": len(self.errors),
            "levels": {level: self.levels.get(level, 0) for level in LEVELS},
            "flags": [{"id": f, "count": c, "share": share(c)} for f, c in sorted(self.flags.items(), key=lambda kv: (-kv[1], kv[0]))],
            "pairs": [{"flags": list(p), "count": c, "share": share(c)} for p, c in sorted(self.pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:20]],
            "sources": [
                {"source": s, "ads": a, "medium_or_high": m, "high": h,
                 "medium_or_high_share": round(m / a, 6), "high_share": round(h / a, 6)}
                for s, (a, m, h) in sources
            ],
            "top": [{"row": -r, "id": i, "score": s, "level": lv, "flags": f} for s, r, i, lv, f in sorted(self.top, reverse=True)],
            "error_rows": [e.to_dict() for e in self.errors[:100]],
        }


# ------------------------------------------------------------------ the scan


@dataclass(frozen=True)
class ScanOptions:
    """How to read, score and write one scan."""

    input_format: str | None = None
    text_cols: list[str] | None = None
    id_col: str | None = None
    keep_cols: list[str] = field(default_factory=list)
    source_col: str | None = None
    out: Path | None = None
    output_format: str | None = None
    sort: bool = False
    min_level: str = "low"
    errors_out: Path | None = None
    workers: int = 1
    explain: bool = False
    chunksize: int = 2_000  # rows read at a time: memory is bounded by this, not by the file


def scan(path: str | Path, options: ScanOptions, config: Config = SCAN_CONFIG,
         progress: Callable[[int, float | None], None] | None = None) -> Summary:
    """Scan a table of ads into ``options.out`` (if given) and return the summary.

    ``progress(rows_done, fraction_or_None)`` is called after every batch. Output appears only when
    the whole input has been scanned; an error or Ctrl-C leaves no file behind.
    """
    path = Path(path)
    chunks = read_table(path, options.input_format, options.chunksize)
    first = next(chunks)
    text_cols, id_col = resolve_columns([str(c) for c in first.columns], options.text_cols, options.id_col)
    extra = list(dict.fromkeys(options.keep_cols + ([options.source_col] if options.source_col else [])))
    resolve_columns([str(c) for c in first.columns], extra or text_cols, None)  # same one-line error for a missing column
    plan_format = None
    writer = None
    if options.out is not None:
        writer = open_writer(options.out, options.output_format, protect=[path])
        plan_format = writer.format
    errors_writer = None
    try:
        if options.errors_out is not None:
            errors_writer = open_writer(options.errors_out, None, protect=[path] + ([options.out] if options.out else []))
        plan = Plan(text_cols, id_col, extra, options.source_col, config, options.explain, plan_format,
                    options.min_level, as_frame=options.sort or plan_format == "parquet")
        summary = Summary()
        buffered: list[pd.DataFrame] = []
        header = True
        read = [None]  # the share of the input read so far, for the progress bar

        def tracked(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
            for frame in frames:
                read[0] = frame.attrs.get("fraction")
                yield frame

        for batch in _batches(plan, tracked(itertools.chain([first], chunks)), options.workers):
            summary.add(batch)
            if writer is not None:
                if isinstance(batch.output, pd.DataFrame):
                    summary.written += len(batch.output)
                    if options.sort:
                        buffered.append(batch.output)
                    else:
                        writer.write(batch.output)
                else:
                    if header:
                        writer.write_text(serialise(_empty_output(plan), plan_format, header=True))
                        header = False
                    writer.write_text(batch.output)
                    summary.written += _count_rows(batch, plan)
            if progress is not None:
                progress(summary.rows, read[0])
        if writer is not None:
            if options.sort:
                ordered = pd.concat(buffered, ignore_index=True) if buffered else for_format(_empty_output(plan), plan_format)
                ordered = ordered.sort_values("score", ascending=False, kind="stable")
                writer.write(ordered)
            elif header and plan_format != "parquet":
                writer.write_text(serialise(for_format(_empty_output(plan), plan_format), plan_format, header=True))
            elif writer.rows == 0 and plan_format == "parquet":
                writer.write(for_format(_empty_output(plan), plan_format))
        if errors_writer is not None:
            errors_writer.write(pd.DataFrame([e.to_dict() for e in summary.errors], columns=["row", "id", "reason"]))
            errors_writer.close()
        if writer is not None:
            writer.close()
        return summary
    except BaseException:
        if writer is not None:
            writer.abort()
        if errors_writer is not None:
            errors_writer.abort()
        raise


def _empty_output(plan: Plan) -> pd.DataFrame:
    cols = RESULT_COLS + (["terms"] if plan.explain else []) + plan.keep_cols
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, object)) for c in cols})


def _count_rows(batch: Batch, plan: Plan) -> int:
    if plan.min_level == "low":
        return len(batch.levels)
    return sum(LEVEL_RANK[lv] >= LEVEL_RANK[plan.min_level] for lv in batch.levels)


def default_workers() -> int:
    """All cores: scanning is CPU-bound and each worker holds its own model."""
    return os.cpu_count() or 1
