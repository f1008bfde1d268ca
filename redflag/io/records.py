"""Streamed CSV, TSV and JSONL read record by record, so one bad row costs only itself.

Each record keeps its line number and byte offset in the (uncompressed) input. A record that cannot
be read (a byte that is not UTF-8, more fields than the header, broken JSON, an unbalanced quote
that runs the lines after it together) becomes a placeholder row whose ``UNREADABLE`` cell says
why, so row numbers stay those of the file; with ``bad="raise"`` the first one is an InputError.
A read that fails part-way (corrupt or truncated gzip) ends the table with one placeholder row for
the rest and ``attrs["truncated"]`` on that last chunk, so what was read before it is kept.

An unbalanced quote is seen when a line inside a quoted field has the header's number of fields
and a first field shaped like the record's own ('ad-17' then 'ad-18'): that line starts the next
row again, so only the row with the stray quote is lost; a quote still open at the end of the
input, or a record over MAX_RECORD_BYTES, is reported too. An input with more than half of its
rows unreadable fails (judged from JUDGE_AFTER rows on, and at its end).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from redflag.errors import InputError

UNREADABLE = "__redflag_unreadable__"  # column present only in chunks that hold a placeholder row
MAX_RECORD_BYTES = 16 << 20  # no ad is this long: a record past it is lines run together by a stray quote
MOSTLY_BAD = 0.5  # more than this share of unreadable rows fails the input ...
JUDGE_AFTER = 100  # ... once this many rows have been read, and at the end of any input
_UTF8 = "a byte that is not UTF-8 (save the file as UTF-8)"
_BOM = b"\xef\xbb\xbf"
_DIGITS, _LETTERS = re.compile(r"[0-9]+"), re.compile(r"[^\W\d_]+")

Where = tuple[int, int, str]  # (0-based line, byte offset, reason) of an unreadable record

csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES + 1))


class _Resync(Exception):
    """A continuation line looks like the start of a new record: the current one has an unbalanced quote."""


class _TooLong(Exception):
    """The current record has grown past MAX_RECORD_BYTES."""


class _Tally:
    """Readable and unreadable rows so far; fails the input when it is mostly unreadable."""

    def __init__(self, path: Path, fmt: str, bad: str) -> None:
        self.path, self.fmt, self.mode = path, fmt.upper(), bad
        self.good = self.bad = 0
        self.first: str | None = None

    def unreadable(self, row: int, where: Where) -> str:
        """The placeholder's reason for one bad record (an InputError in ``raise`` mode)."""
        line, offset, reason = where
        text = f"unreadable {self.fmt} at byte {offset} (line {line + 1}): {reason}"
        if self.mode == "raise":
            raise InputError(f"{self.path}: row {row}: {text}")
        self.bad += 1
        self.first = self.first or f"row {row}, {text}"
        return text

    def judge(self, final: bool = False) -> None:
        """Fail when more than MOSTLY_BAD of the rows read could not be read."""
        total = self.good + self.bad
        if total and self.bad > MOSTLY_BAD * total and (final or total >= JUDGE_AFTER):
            raise InputError(f"{self.path}: mostly unreadable as {self.fmt}: {self.bad:,} of {total:,} rows "
                             f"{'' if final else 'so far '}could not be read (first: {self.first})")


class _Source:
    """Raw lines of a binary stream with their byte offsets; a read that fails ends it, kept as ``fault``."""

    def __init__(self, stream: BinaryIO) -> None:
        self._it = iter(stream)
        self.offset = 0  # byte offset of the next line
        self.line = 0  # 0-based number of the next line
        self.fault: str | None = None

    def next(self) -> bytes | None:
        """The next line with its newline, or None at the end (or when reading failed)."""
        try:
            raw = next(self._it)
        except StopIteration:
            return None
        except (OSError, EOFError, zlib.error) as exc:
            kind = "corrupt gzip data" if isinstance(exc, (zlib.error, EOFError, gzip.BadGzipFile)) else "read error"
            first = str(exc).strip().splitlines()
            self.fault = f"{kind} after uncompressed byte {self.offset} ({first[0] if first else type(exc).__name__})"
            return None
        if self.offset == 0 and raw.startswith(_BOM):
            raw = raw[len(_BOM):]
            self.offset = len(_BOM)
        return raw


def _decode(raw: bytes) -> tuple[str, int | None]:
    """The line as text, and the index of its first byte that is not UTF-8 (None when all are)."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return raw.decode("utf-8", "replace"), exc.start


def _shape(value: str) -> str:
    """Digits and letters collapsed ('ad-1234' -> 'a-9'): tells an id-like first field from prose."""
    return _LETTERS.sub("a", _DIGITS.sub("9", value))


def header_names(text: str, sep: str) -> list[str]:
    """The column names pandas gives the header record ``text``: blanks 'Unnamed: i', repeats 'name.1'."""
    return [str(c) for c in pd.read_csv(io.StringIO(text), sep=sep, dtype=object, nrows=0).columns]


class CsvRecords:
    """CSV or TSV records of a binary stream, each checked on its own."""

    def __init__(self, src: _Source, sep: str) -> None:
        self.src, self.sep = src, sep
        self.ncols = 0  # 0 until the header is read
        self.pending: tuple[str, int, int | None] | None = None
        self.header_text = ""
        self._reset()

    def _reset(self) -> None:
        self.rec_line, self.rec_offset = self.src.line, self.src.offset
        self.rec_lines: list[str] = []
        self.rec_bytes = 0
        self.bad_byte: int | None = None
        self.first_shape: str | None = None
        self.unterminated = False

    def _feed(self, replay: tuple[str, int, int | None] | None) -> Iterator[str]:
        """Lines for csv.reader; notes bad bytes and checks each line that continues a record."""
        src = self.src
        while True:
            if replay is not None:
                (text, size, bad), replay = replay, None
            else:
                raw = src.next()
                if raw is None:
                    self.unterminated = bool(self.rec_lines)  # the reader asked for more: EOF inside quotes
                    return
                text, bad = _decode(raw)
                size = len(raw)
            if not self.rec_lines:
                self.rec_line, self.rec_offset = src.line, src.offset
            else:
                self._check_continuation(text, size, bad)
            if bad is not None and self.bad_byte is None:
                self.bad_byte = src.offset + bad
            self.rec_lines.append(text)
            self.rec_bytes += size
            src.line += 1
            src.offset += size
            yield text

    def _check_continuation(self, text: str, size: int, bad: int | None) -> None:
        if self.rec_bytes + size > MAX_RECORD_BYTES:
            raise _TooLong
        if self.ncols < 2 or self.sep not in text:
            return
        fields = next(csv.reader([text], delimiter=self.sep), [])
        if len(fields) != self.ncols or not fields[0]:
            return
        if self.first_shape is None:
            self.first_shape = _shape(next(csv.reader([self.rec_lines[0]], delimiter=self.sep), [""])[0])
        if _shape(fields[0]) == self.first_shape:
            self.pending = (text, size, bad)
            raise _Resync

    def records(self) -> Iterator[tuple[list[str] | None, Where | None]]:
        """(fields, None) per readable record, (None, where) per unreadable one; blank lines skipped."""
        replay = None
        while True:
            reader = csv.reader(self._feed(replay), delimiter=self.sep)
            replay = None
            try:
                for fields in reader:
                    reason = self._problem(fields)
                    where = (self.rec_line, self.rec_offset if self.bad_byte is None else self.bad_byte)
                    if not self.ncols:
                        self.header_text = "".join(self.rec_lines)
                    self._reset()
                    if reason is not None:
                        yield None, (*where, reason)
                    elif len(fields) > 1 or (fields and fields[0].strip()):
                        yield fields, None
                return
            except _Resync:
                reason = (f"a quote opened on line {self.rec_line + 1} is still open on line {self.src.line + 1}, "
                          "which starts a new row")
                replay, self.pending = self.pending, None
            except _TooLong:
                reason = f"a row over {MAX_RECORD_BYTES:,} bytes (an unbalanced quote?)"
            except csv.Error as exc:
                reason = str(exc)
            yield None, (self.rec_line, self.rec_offset, reason)
            self._reset()

    def _problem(self, fields: list[str]) -> str | None:
        if self.unterminated:
            return f"the quote opened on line {self.rec_line + 1} is never closed"
        if self.bad_byte is not None:
            return _UTF8
        if self.ncols and len(fields) > self.ncols:
            return f"{len(fields)} fields where the header has {self.ncols}"
        return None

    def frames(self, chunksize: int, tally: _Tally) -> Iterator[pd.DataFrame]:
        """Frames of up to ``chunksize`` rows, placeholders included, named by the header."""
        records = self.records()
        for fields, bad in records:
            if bad is not None:
                raise InputError(f"{tally.path}: the header cannot be read: {bad[2]} (byte {bad[1]})")
            columns = header_names(self.header_text, self.sep)
            self.ncols = len(columns)
            break
        else:
            raise pd.errors.EmptyDataError("no header")
        width = len(columns)
        for rows, reasons in _chunked(records, chunksize, tally):
            for i, reason in enumerate(reasons):
                if reason is not None:
                    rows[i] = [None] * width
                elif len(rows[i]) < width:
                    rows[i] = rows[i] + [""] * (width - len(rows[i]))  # as pandas fills a short row
            yield _with_reasons(pd.DataFrame(rows, columns=columns, dtype=object), reasons)


class JsonlRecords:
    """JSON Lines records of a binary stream: each non-blank line one object."""

    def __init__(self, src: _Source) -> None:
        self.src = src

    def records(self) -> Iterator[tuple[tuple[str, int, int] | None, Where | None]]:
        """((text, line, offset), None) per line that decodes, (None, where) per one that does not."""
        src = self.src
        while (raw := src.next()) is not None:
            text, bad = _decode(raw)
            line, offset = src.line, src.offset
            src.line += 1
            src.offset += len(raw)
            if bad is not None:
                yield None, (line, offset + bad, _UTF8)
            elif text.strip():
                yield (text, line, offset), None

    def frames(self, chunksize: int, tally: _Tally) -> Iterator[pd.DataFrame]:
        """Frames of up to ``chunksize`` rows, placeholders included; pandas types the columns, as before."""
        columns: list = []  # every column seen so far: a chunk of placeholders only still has them
        for items, reasons in _chunked(self.records(), chunksize, tally, count_good=False):
            good = [i for i, r in enumerate(reasons) if r is None]
            try:
                parsed = _parse_jsonl([items[i][0] for i in good])
                if len(parsed) != len(good):
                    raise ValueError("not one object per line")
            except ValueError:
                good = self._recheck(items, reasons, good, tally)
                parsed = _parse_jsonl([items[i][0] for i in good])
            tally.good += len(good)
            seen = set(columns)
            columns += [c for c in parsed.columns if c not in seen]
            if len(good) < len(items):
                parsed = parsed.astype(object).set_axis(good).reindex(index=range(len(items)), columns=columns)
                parsed = parsed.astype(object).where(parsed.notna(), None)
            yield _with_reasons(parsed, reasons)

    @staticmethod
    def _recheck(items: list, reasons: list[str | None], good: list[int], tally: _Tally) -> list[int]:
        """The lines of a chunk pandas refused, one by one: the broken ones become placeholders."""
        kept = []
        for i in good:
            text, line, offset, row = items[i]
            try:
                value = json.loads(text)
                problem = None if isinstance(value, dict) else f"a JSON {type(value).__name__}, not an object"
            except ValueError as exc:
                problem = f"broken JSON ({exc})"
            if problem is None:
                kept.append(i)
            else:
                reasons[i] = tally.unreadable(row, (line, offset, problem))
        return kept


def _parse_jsonl(lines: list[str]) -> pd.DataFrame:
    if not lines:
        return pd.DataFrame()
    return pd.read_json(io.StringIO("".join(t if t.endswith("\n") else t + "\n" for t in lines)), lines=True, dtype=False)


def _chunked(records: Iterator[tuple[Any, Where | None]], chunksize: int, tally: _Tally,
             count_good: bool = True) -> Iterator[tuple[list, list[str | None]]]:
    """Records and their reasons (None when readable), ``chunksize`` at a time."""
    items: list = []
    reasons: list[str | None] = []
    row = 0
    for item, bad in records:
        if bad is None:
            items.append(item if count_good else (*item, row))
            reasons.append(None)
            tally.good += count_good
        else:
            items.append(None)
            reasons.append(tally.unreadable(row, bad))
        row += 1
        if len(items) >= chunksize:
            yield items, reasons
            tally.judge()
            items, reasons = [], []
    if items:
        yield items, reasons


def _with_reasons(df: pd.DataFrame, reasons: list[str | None]) -> pd.DataFrame:
    if any(r is not None for r in reasons):
        df[UNREADABLE] = reasons
    return df


def read_streamed(path: Path, fmt: str, chunksize: int, bad: str = "raise") -> Iterator[tuple[pd.DataFrame, float]]:
    """Frames of a CSV, TSV or JSONL file (a .gz looked through), each with the share of the file read so far."""
    size = max(1, path.stat().st_size)
    tally = _Tally(path, fmt, bad)
    with open(path, "rb") as raw:
        stream = gzip.GzipFile(fileobj=raw) if path.suffix.lower() == ".gz" else raw
        src = _Source(stream)
        records = JsonlRecords(src) if fmt == "jsonl" else CsvRecords(src, "\t" if fmt == "tsv" else ",")
        columns: list[str] = []
        try:
            for frame in records.frames(chunksize, tally):
                columns = [c for c in frame.columns if c != UNREADABLE]
                yield frame, min(1.0, raw.tell() / size)
        except pd.errors.EmptyDataError:
            if src.fault is None:
                raise
        if src.fault is not None:
            if bad == "raise" or not columns:
                raise InputError(f"{path}: {src.fault}")
            reason = tally.unreadable(tally.good + tally.bad, (src.line, src.offset, f"{src.fault}; nothing after it can be read"))
            tail = pd.DataFrame([[None] * len(columns)], columns=columns, dtype=object)
            tail[UNREADABLE] = [reason]
            tail.attrs["truncated"] = f"{path}: {src.fault}"
            yield tail, 1.0
    tally.judge(final=True)
