"""`redflag scan` without the terminal: read a table in chunks, score them in order, write results, summarise.

Output appears only when the whole input has been scanned; an error or Ctrl-C leaves no file behind.
Nothing here prints: the CLI shows the Summary through ``redflag.render.scan_summary``.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from redflag.batch.frame import SCAN_CONFIG, TEXT_COL, empty_frame, score_rows
from redflag.batch.rows import RowError
from redflag.batch.signals import sigterm_stops
from redflag.batch.workers import ordered
from redflag.config import Config
from redflag.errors import InputError
from redflag.io.tables import UNREADABLE, TableWriter, open_writer, read_table, resolve_columns, serialise
from redflag.levels import LEVELS, RANK, at_least
from redflag.pipeline import checker_for
from redflag.render.cells import for_format

ERROR_COLS = ["row", "id", "reason"]


class InputTruncated(InputError):
    """The input could not be read to its end; the rows before the fault were scanned and written."""

    def __init__(self, message: str, summary: "Summary") -> None:
        super().__init__(message)
        self.summary = summary


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
    store_cols: tuple[str, ...] | None = None  # hand back each ad's row with its text for the case store, and these columns


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
    langs: list[str] = field(default_factory=list)  # each scored ad's main language, as ``levels``
    harms: list[str] = field(default_factory=list)  # each scored ad's kinds of harm, ";"-joined
    records: list[dict] | None = None  # result rows with the ad text (TEXT_COL), for the case store


def run_batch(plan: Plan, chunk: pd.DataFrame, first_row: int) -> Batch:
    """Score one chunk and prepare its output; the same code runs in-process and in workers."""
    storing = plan.store_cols is not None
    carried = plan.keep_cols + [c for c in plan.store_cols or () if c not in plan.keep_cols]
    frame, errors = score_rows(chunk, plan.text_cols, plan.id_col, carried, plan.config, plan.explain, first_row,
                               with_text=storing)
    records = frame.to_dict("records") if storing else None
    if storing:
        frame = frame.drop(columns=[TEXT_COL] + [c for c in carried if c not in plan.keep_cols])
    output: Any = None
    if plan.out_format is not None:
        kept = frame
        if plan.min_level != "low":
            kept = frame[frame["level"].map(RANK) >= RANK[plan.min_level]]
        shaped = for_format(kept, plan.out_format)
        output = shaped if plan.as_frame else serialise(shaped, plan.out_format, header=False)
    sources = frame[plan.source_col].tolist() if plan.source_col else None
    return Batch(first_row, len(chunk), output, frame["score"].tolist(), frame["level"].tolist(),
                 frame["flags"].tolist(), frame["id"].tolist(), sources, errors, frame["lang"].tolist(),
                 frame["harm"].tolist(), records)


def _count(table: dict, key: Any, level: str) -> None:
    """One more ad under ``key``: its [ads, medium or high, high] counts."""
    c = table.setdefault(key, [0, 0, 0])
    c[0] += 1
    c[1] += level != "low"
    c[2] += level == "high"


@dataclass
class Summary:
    """What a moderator reads first: counts per level, language and flag, frequent pairs, risk per source, skipped rows."""

    rows: int = 0
    scanned: int = 0
    written: int = 0
    levels: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)
    sources: dict = field(default_factory=dict)  # source -> [ads, medium+, high]
    languages: dict = field(default_factory=dict)  # main language -> [ads, medium+, high]
    harms: dict = field(default_factory=dict)  # kind of harm -> [ads, medium+, high]
    errors: list[RowError] = field(default_factory=list)
    top: list = field(default_factory=list)  # heap of (score, -row, id, level, flags, lang)
    top_n: int = 10

    def add(self, batch: Batch) -> None:
        """Count one batch in."""
        self.rows += batch.rows
        self.scanned += len(batch.levels)
        self.errors.extend(batch.errors)
        self.levels.update(batch.levels)
        langs = batch.langs or ["und"] * len(batch.levels)
        harms = batch.harms or [""] * len(batch.levels)
        sources = batch.sources if batch.sources is not None else itertools.repeat(None)
        for k, (score, level, flags, ad_id, source, lang, kinds) in enumerate(
                zip(batch.scores, batch.levels, batch.flags, batch.ids, sources, langs, harms)):
            ids = flags.split(";") if flags else []
            self.flags.update(ids)
            if len(ids) > 1:
                self.pairs.update(itertools.combinations(sorted(ids), 2))
            _count(self.languages, lang, level)
            for harm in kinds.split(";") if kinds else ():
                _count(self.harms, harm, level)
            if batch.sources is not None:
                key = "" if source is None or source is pd.NA or (isinstance(source, float) and source != source) else str(source)
                _count(self.sources, key, level)
            item = (score, -(batch.first_row + k), ad_id, level, flags, lang)
            if len(self.top) < self.top_n:
                heapq.heappush(self.top, item)
            elif item > self.top[0]:
                heapq.heapreplace(self.top, item)

    def to_dict(self) -> dict:
        """The summary as plain data, ranked: what the tables and the summary JSON show."""
        n = self.scanned
        share = (lambda c: round(c / n, 6) if n else 0.0)
        sources = sorted(self.sources.items(), key=lambda kv: (-kv[1][2] / kv[1][0], -kv[1][1] / kv[1][0], -kv[1][0], kv[0]))
        languages = sorted(self.languages.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return {
            "rows": self.rows,
            "scanned": n,
            "written": self.written,
            "errors": len(self.errors),
            "levels": {level: self.levels.get(level, 0) for level in LEVELS},
            "languages": [
                {"lang": lang, "ads": a, "share": share(a), "medium_or_high": m, "high": h,
                 "medium_or_high_share": round(m / a, 6), "high_share": round(h / a, 6)}
                for lang, (a, m, h) in languages
            ],
            "harms": [
                {"harm": harm, "ads": a, "share": share(a), "medium_or_high": m, "high": h}
                for harm, (a, m, h) in sorted(self.harms.items(), key=lambda kv: (-kv[1][2], -kv[1][1], -kv[1][0], kv[0]))
            ],
            "flags": [{"id": f, "count": c, "share": share(c)} for f, c in sorted(self.flags.items(), key=lambda kv: (-kv[1], kv[0]))],
            "pairs": [{"flags": list(p), "count": c, "share": share(c)} for p, c in sorted(self.pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:20]],
            "sources": [
                {"source": s, "ads": a, "medium_or_high": m, "high": h,
                 "medium_or_high_share": round(m / a, 6), "high_share": round(h / a, 6)}
                for s, (a, m, h) in sources
            ],
            "top": [{"row": -r, "id": i, "score": s, "level": lv, "lang": g, "flags": f}
                    for s, r, i, lv, f, g in sorted(self.top, reverse=True)],
            "error_rows": [e.to_dict() for e in self.errors[:100]],
        }


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
    sink: Callable[[Batch], None] | None = None  # gets every batch as it is scanned (the case store)
    store_cols: tuple[str, ...] = ()  # columns the sink needs beside the results (date, URL)


class _ResultFile:
    """The results as they arrive: the header once, then rows in input order, or all rows by score at the end."""

    def __init__(self, writer: TableWriter, plan: Plan, sort: bool) -> None:
        self.writer, self.plan, self.sort = writer, plan, sort
        self.buffered: list[pd.DataFrame] = []
        self.header = True

    def add(self, batch: Batch) -> int:
        """Write (or keep, to sort) one batch's output; the rows it holds."""
        if isinstance(batch.output, pd.DataFrame):
            if self.sort:
                self.buffered.append(batch.output)
            else:
                self.writer.write(batch.output)
            return len(batch.output)
        self._write_header()
        self.writer.write_text(batch.output)
        if self.plan.min_level == "low":
            return len(batch.levels)
        return sum(at_least(lv, self.plan.min_level) for lv in batch.levels)

    def finish(self) -> None:
        """Write what is still owed: the sorted rows, or the header (Parquet: the schema) of an empty result."""
        fmt = self.writer.format
        if self.sort:
            ordered_rows = pd.concat(self.buffered, ignore_index=True) if self.buffered else self._empty()
            self.writer.write(ordered_rows.sort_values("score", ascending=False, kind="stable"))
        elif fmt != "parquet":
            self._write_header()
        elif self.writer.rows == 0:
            self.writer.write(self._empty())

    def _write_header(self) -> None:
        if self.header:
            self.writer.write_text(serialise(self._empty(), self.writer.format, header=True))
            self.header = False

    def _empty(self) -> pd.DataFrame:
        return for_format(empty_frame(self.plan.explain, self.plan.keep_cols), self.writer.format)


def _columns(first: pd.DataFrame, options: ScanOptions) -> tuple[list[str], str | None, list[str]]:
    """Text columns, id column and columns carried along; a missing column is a one-line InputError."""
    columns = [str(c) for c in first.columns if c != UNREADABLE]
    text_cols, id_col = resolve_columns(columns, options.text_cols, options.id_col)
    extra = list(dict.fromkeys(options.keep_cols + ([options.source_col] if options.source_col else [])))
    resolve_columns(columns, extra or text_cols, None)  # same one-line error for a missing column
    if options.store_cols:
        resolve_columns(columns, list(options.store_cols), None)
    return text_cols, id_col, extra


def scan(path: str | Path, options: ScanOptions, config: Config = SCAN_CONFIG,
         progress: Callable[[int, float | None], None] | None = None) -> Summary:
    """Scan a table of ads into ``options.out`` (if given) and return the summary.

    ``progress(rows_done, fraction_or_None)`` is called after every batch. Output appears only when
    the whole input has been scanned; an error, Ctrl-C or SIGTERM (raised as Terminated) leaves no file behind.
    """
    with sigterm_stops():
        return _scan(Path(path), options, config, progress)


def _scan(path: Path, options: ScanOptions, config: Config,
          progress: Callable[[int, float | None], None] | None) -> Summary:
    chunks = read_table(path, options.input_format, options.chunksize, bad_rows="mark")
    first = next(chunks)
    text_cols, id_col, extra = _columns(first, options)
    writer = open_writer(options.out, options.output_format, protect=[path]) if options.out is not None else None
    errors_writer = None
    try:
        if options.errors_out is not None:
            errors_writer = open_writer(options.errors_out, None, protect=[path] + ([options.out] if options.out else []))
        out_format = writer.format if writer is not None else None
        plan = Plan(text_cols, id_col, extra, options.source_col, config, options.explain, out_format,
                    options.min_level, as_frame=options.sort or out_format == "parquet",
                    store_cols=tuple(options.store_cols) if options.sink is not None else None)
        results = _ResultFile(writer, plan, options.sort) if writer is not None else None
        summary = Summary()
        read: list[float | None] = [None]  # the share of the input read so far, for the progress bar
        truncated: list[str] = []  # why the input ended early (corrupt gzip): the rows before it are kept

        def tracked(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
            for frame in frames:
                read[0] = frame.attrs.get("fraction")
                truncated.extend(filter(None, [frame.attrs.get("truncated")]))
                yield frame

        batches = ordered(partial(run_batch, plan), tracked(itertools.chain([first], chunks)), options.workers,
                          setup=partial(checker_for, config), preload=["redflag.batch.run"])
        with closing(batches):  # on any exit the workers stop now, not when the generator is collected
            for batch in batches:
                if options.sink is not None:
                    options.sink(batch)
                summary.add(batch)
                if results is not None:
                    summary.written += results.add(batch)
                if progress is not None:
                    progress(summary.rows, read[0])
        if results is not None:
            results.finish()
        if errors_writer is not None:
            errors_writer.write(pd.DataFrame([e.to_dict() for e in summary.errors], columns=ERROR_COLS))
            errors_writer.close()
        if writer is not None:
            writer.close()
        if truncated:
            kept = f"; the {summary.scanned:,} ads before it were scanned" + (f" and written to {options.out}" if writer else "")
            raise InputTruncated(truncated[0] + kept, summary)
        return summary
    except BaseException:
        for w in (writer, errors_writer):
            if w is not None:
                w.abort()
        raise
