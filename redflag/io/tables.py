"""Tables of ads in and out: chunked readers, column choice, and writers that never leave half a file.

Readers stream CSV, TSV and JSONL (optionally gzip-compressed) record by record (``redflag.io.records``)
and Parquet by pyarrow record batches, so memory does not grow with the file. Excel workbooks and
JSON arrays cannot be streamed: they are read whole, then handed out in chunks.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from redflag.errors import InputError
from redflag.io.files import discard, put_in_place, same_file, temp_beside
from redflag.io.records import UNREADABLE, read_streamed

EMSCAD_TEXT_COLS = ["title", "company_profile", "description", "requirements", "benefits"]
EMSCAD_ID_COL = "job_id"
DEFAULT_TEXT_COL = "text"
EMSCAD_LABEL_COL = "fraudulent"
DEFAULT_LABEL_COL = "label"

INPUT_FORMATS = ("csv", "tsv", "jsonl", "json", "xlsx", "parquet")
OUTPUT_FORMATS = ("csv", "jsonl", "parquet")
_SUFFIXES = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".parquet": "parquet", ".pq": "parquet",
}
_STREAMED = ("csv", "tsv", "jsonl")  # the formats read in chunks record by record, gzip included


def table_format(path: str | Path, given: str | None, allowed: tuple[str, ...], what: str) -> str:
    """The format named by ``given`` or by the file's extension (a trailing .gz is looked through)."""
    if given:
        fmt = given.lower().lstrip(".")
        if fmt not in allowed:
            raise InputError(f"unknown {what} format {given!r}; choose one of {', '.join(allowed)}")
        return fmt
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    fmt = _SUFFIXES.get(suffixes[-1]) if suffixes else None
    if fmt not in allowed:
        raise InputError(f"cannot tell the {what} format of {Path(path).name}; name it with --{what}-format ({', '.join(allowed)})")
    return fmt


def read_table(path: str | Path, input_format: str | None = None, chunksize: int = 10_000,
               bad_rows: str = "raise") -> Iterator[pd.DataFrame]:
    """Chunks of the table at ``path``; any read problem becomes a one-line InputError.

    With ``bad_rows="mark"`` a CSV, TSV or JSONL row that cannot be read is kept as a placeholder
    whose ``UNREADABLE`` cell says why (see ``redflag.io.records``) instead of failing the input.
    """
    path = Path(path)
    fmt = table_format(path, input_format, INPUT_FORMATS, "input")
    _check_readable(path)
    compressed = path.suffix.lower() == ".gz"
    if compressed and fmt not in _STREAMED:
        raise InputError(f"{path.name}: only CSV, TSV and JSONL can be read gzip-compressed")
    return _guarded(path, fmt, _chunks(path, fmt, chunksize, bad_rows))


def _check_readable(path: Path) -> None:
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory, not a table")
        size = path.stat().st_size
        with open(path, "rb"):
            pass
    except FileNotFoundError:
        raise InputError(f"file not found: {path}") from None
    except PermissionError:
        raise InputError(f"{path} cannot be read: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}") from None
    if size == 0:
        raise InputError(f"{path} is empty: there are no ads to scan")


def _chunks(path: Path, fmt: str, chunksize: int, bad_rows: str) -> Iterator[tuple[pd.DataFrame, float]]:
    """Frames with the share of the input read so far (bytes for streamed formats, rows otherwise)."""
    if fmt in _STREAMED:
        yield from read_streamed(path, fmt, chunksize, bad_rows)
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetFile(path) as pf:
            total, done = max(1, pf.metadata.num_rows), 0
            for batch in pf.iter_batches(batch_size=chunksize):
                done += batch.num_rows
                yield batch.to_pandas(), done / total
    else:
        df = pd.read_excel(path, dtype=str) if fmt == "xlsx" else pd.read_json(path, orient="records", dtype=False, encoding="utf-8")
        for start in range(0, len(df), chunksize):
            yield df.iloc[start : start + chunksize], min(1.0, (start + chunksize) / len(df))


def _guarded(path: Path, fmt: str, chunks: Iterator[tuple[pd.DataFrame, float]]) -> Iterator[pd.DataFrame]:
    """Re-raise the many ways a reader fails as one line naming the file; refuse a table without rows."""
    rows = 0
    try:
        for chunk, fraction in chunks:
            rows += len(chunk)
            if len(chunk):
                truncated = chunk.attrs.get("truncated")
                chunk = chunk.reset_index(drop=True)
                chunk.attrs["fraction"] = fraction
                if truncated:
                    chunk.attrs["truncated"] = truncated  # how far into the input: for progress bars
                yield chunk
    except InputError:
        raise
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{path} is empty: there are no ads to scan") from None
    except pd.errors.ParserError as exc:
        raise InputError(f"{path}: malformed {fmt.upper()}: {_first_line(exc)}") from None
    except (ValueError, OSError, EOFError, KeyError, TypeError, ImportError) as exc:
        raise InputError(f"{path}: cannot be read as {fmt.upper()}: {_first_line(exc)}") from None
    except Exception as exc:  # pyarrow's and openpyxl's own error types
        if type(exc).__module__.split(".")[0] in ("pyarrow", "openpyxl", "zipfile"):
            raise InputError(f"{path}: cannot be read as {fmt.upper()}: {_first_line(exc)}") from None
        raise
    if rows == 0:
        raise InputError(f"{path} has no rows: there are no ads to scan")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def resolve_columns(columns: list[str], text_cols: list[str] | None, id_col: str | None) -> tuple[list[str], str | None]:
    """The text columns and id column to use; EMSCAD's columns are recognised when none are named."""
    present = set(columns)
    if text_cols:
        chosen = list(text_cols)
    elif all(c in present for c in EMSCAD_TEXT_COLS) and DEFAULT_TEXT_COL not in present:
        chosen = list(EMSCAD_TEXT_COLS)
        if id_col is None and EMSCAD_ID_COL in present:
            id_col = EMSCAD_ID_COL
    else:
        chosen = [DEFAULT_TEXT_COL]
    missing = [c for c in chosen + ([id_col] if id_col else []) if c not in present]
    if missing:
        raise InputError(
            f"no column {', '.join(repr(m) for m in missing)} in the input; it has: {', '.join(map(str, columns)) or 'none'}"
            + ("" if text_cols else " (choose with --text-col)")
        )
    return chosen, id_col


def label_column(text_cols: list[str], given: str | None) -> str:
    """The label column: the one named, else EMSCAD's when its text columns are in use, else 'label'."""
    if given:
        return given
    return EMSCAD_LABEL_COL if list(text_cols) == EMSCAD_TEXT_COLS else DEFAULT_LABEL_COL


def join_text(df: pd.DataFrame, text_cols: list[str]) -> pd.Series:
    """Each row's text columns joined with newlines, as the model was trained; missing cells are empty."""
    parts = [[_cell(v) for v in df[c].tolist()] for c in text_cols]
    joined = parts[0] if len(parts) == 1 else ["\n".join(row) for row in zip(*parts)]
    return pd.Series(joined, index=df.index, dtype=object)


def _cell(v: Any) -> str:
    if isinstance(v, str):
        return v
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    return str(v)


class TableWriter:
    """Writes frames to a temporary file beside ``path``; only ``close`` after success puts it in place."""

    def __init__(self, path: str | Path, output_format: str | None = None, *, protect: Iterable[str | Path] = ()) -> None:
        self.path = Path(path)
        self.format = table_format(self.path, output_format, OUTPUT_FORMATS, "output")
        for other in protect:
            if same_file(self.path, other):
                raise InputError(f"refusing to write the output over the input file {other}")
        if self.path.is_dir():
            raise InputError(f"{self.path} is a directory; give a file name for the output")
        fd, self.tmp = temp_beside(self.path)
        self.rows = 0
        self._parquet = None
        self._wrote_parquet = False
        self._fh = None if self.format == "parquet" else os.fdopen(fd, "w", encoding="utf-8", newline="")
        if self._fh is None:
            os.close(fd)
        self._done = False

    def write(self, df: pd.DataFrame) -> None:
        """Append rows; the first frame fixes the columns (and the Parquet schema)."""
        if self.format != "parquet":
            self._fh.write(serialise(df, self.format, header=self.rows == 0))
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            if self._parquet is None:
                table = pa.Table.from_pandas(df, preserve_index=False)
                self._parquet = pq.ParquetWriter(self.tmp, table.schema)
            else:
                table = pa.Table.from_pandas(df, schema=self._parquet.schema, preserve_index=False)
            self._parquet.write_table(table)
        self.rows += len(df)

    def write_text(self, text: str) -> None:
        """Append text already in the file's format (CSV/JSONL rows serialised elsewhere)."""
        self._fh.write(text)

    def close(self) -> None:
        """Finish the file and move it into place."""
        if self._done:
            return
        self._close_handles()
        if self.format == "parquet" and not self._wrote_parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.table({}), self.tmp)
        put_in_place(self.tmp, self.path)
        self._done = True

    def abort(self) -> None:
        """Drop the temporary file: nothing half-written is left behind."""
        if self._done:
            return
        self._done = True
        try:
            self._close_handles()
        finally:
            discard(self.tmp)

    def _close_handles(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self._parquet is not None:
            self._parquet.close()
            self._wrote_parquet = True
            self._parquet = None

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def open_writer(path: str | Path, output_format: str | None = None, *, protect: Iterable[str | Path] = ()) -> TableWriter:
    """A writer for CSV, JSONL or Parquet chosen by extension or ``output_format``; ``protect`` lists files never to overwrite."""
    return TableWriter(path, output_format, protect=protect)


def serialise(df: pd.DataFrame, fmt: str, header: bool) -> str:
    """CSV or JSONL text for ``df``, so worker processes can do the formatting and hand back text."""
    if fmt == "csv":
        return df.to_csv(header=header, index=False, lineterminator="\n")
    if not len(df):
        return ""
    text = df.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
    return text if text.endswith("\n") else text + "\n"

