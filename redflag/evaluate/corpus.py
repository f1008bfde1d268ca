"""A labelled corpus read the way `redflag scan` reads tables, with the rows that could not be used."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from redflag.errors import InputError
from redflag.evaluate.options import EvalOptions
from redflag.evaluate.report import SkippedRow


@dataclass
class Corpus:
    """The usable labelled ads of a table, and the rows that were not usable."""

    texts: list[str]
    y: np.ndarray
    ids: list[Any]
    rows: int
    skipped: list[SkippedRow]
    positive_class: str
    negative_class: str
    label_col: str
    text_cols: list[str]
    id_col: str | None
    path: str
    sha256: str
    part: str = "all"
    types: list[str] | None = None  # each ad's labelled kind of harm ("" when not given); None without a type column

    def subset(self, index: np.ndarray, part: str) -> "Corpus":
        """The ads at ``index`` (a split of this corpus)."""
        return replace(self, texts=[self.texts[i] for i in index], y=self.y[index],
                       ids=[self.ids[i] for i in index], part=part,
                       types=None if self.types is None else [self.types[i] for i in index])

    def without(self, failed: list[tuple[int, str]]) -> "Corpus":
        """The corpus less the ads at the given indices, each becoming a skipped row with its reason."""
        if not failed:
            return self
        bad = {i for i, _ in failed}
        keep = np.array([i for i in range(len(self.texts)) if i not in bad], dtype=int)
        skipped = self.skipped + [SkippedRow(row=None, id=jsonable(self.ids[i]), reason=why) for i, why in failed]
        return replace(self.subset(keep, self.part), skipped=skipped)


def _missing_label(value: Any) -> bool:
    import pandas as pd

    if isinstance(value, str):
        return not value.strip()
    return bool(pd.isna(value))


def jsonable(value: Any) -> Any:
    """A row id as JSON can hold it: numpy scalars unwrapped, anything unusual as its text."""
    if isinstance(value, np.generic):
        return value.item()
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def load_corpus(path: str | Path, options: EvalOptions) -> Corpus:
    """Read a labelled table as `redflag scan` reads tables; rows without text or label are skipped and counted."""
    import pandas as pd

    from redflag.batch.rows import bad_text
    from redflag.io.files import sha256_file
    from redflag.io.tables import join_text, label_column, read_table, resolve_columns
    from redflag.learn.labels import encode_labels

    texts: list[str] = []
    labels: list[Any] = []
    ids: list[Any] = []
    types: list[str] = []
    type_col = options.type_col
    skipped: list[SkippedRow] = []
    text_cols: list[str] | None = None
    id_col = options.id_col
    label_col = options.label_col
    rows = 0
    for chunk in read_table(path, options.input_format):
        if text_cols is None:
            columns = [str(c) for c in chunk.columns]
            text_cols, id_col = resolve_columns(columns, list(options.text_cols) if options.text_cols else None, options.id_col)
            label_col = label_column(text_cols, label_col)
            if label_col not in columns:
                raise InputError(f"no label column {label_col!r} in the input; it has: {', '.join(columns)} (choose with --label-col)")
            if type_col is not None and type_col not in columns:
                raise InputError(f"no type column {type_col!r} in the input; it has: {', '.join(columns)} (choose with --type-col)")
            if type_col is None and "type" in columns and "type" not in text_cols and "type" != label_col:
                type_col = "type"
        chunk_texts = join_text(chunk, text_cols).tolist()
        chunk_ids = chunk[id_col].tolist() if id_col else list(range(rows, rows + len(chunk)))
        chunk_types = chunk[type_col].tolist() if type_col else [None] * len(chunk)
        for i, (text, label) in enumerate(zip(chunk_texts, chunk[label_col].tolist())):
            reason = "missing label" if _missing_label(label) else bad_text(text)
            if reason is None:
                texts.append(text)
                labels.append(label)
                ids.append(chunk_ids[i])
                kind = chunk_types[i]
                types.append("" if kind is None or _missing_label(kind) else str(kind).strip().lower())
            else:
                skipped.append(SkippedRow(row=rows + i, id=jsonable(chunk_ids[i]), reason=reason))
        rows += len(chunk)
    if not texts:
        raise InputError(f"{path}: none of its {rows} rows has both a text and a label")
    y, pos, neg = encode_labels(pd.Series(labels, dtype=object), label_col, options.positive)
    return Corpus(texts=texts, y=np.asarray(y, dtype=bool), ids=ids, rows=rows, skipped=skipped,
                  positive_class=pos, negative_class=neg, label_col=label_col, text_cols=list(text_cols),
                  id_col=id_col, path=str(path), sha256=sha256_file(Path(path)), types=types if type_col else None)
