"""`redflag link`: read a batch of ads, score them, group them into networks, write the clusters.

Scores come from a column of an earlier scan (``score_col``), or are computed here with the
fast batch path; either way a cluster's risk sits beside its ads' own scores, so a harmless-looking
ad that shares a phone with high-risk ads is flagged for a look.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from redflag.batch.rows import bad_text
from redflag.config import Config
from redflag.errors import InputError
from redflag.io.tables import join_text, open_writer, read_table, resolve_columns
from redflag.link.clusters import Cluster, link_records
from redflag.pipeline import Checker
from redflag.render.clusters import sentences

SCORE_BATCH = 2_000


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """What to read and how to link it."""

    text_cols: tuple[str, ...] = ()
    id_col: str | None = None
    source_col: str | None = None
    score_col: str | None = None
    input_format: str | None = None
    similarity: float = 0.8
    score: bool = True
    region: str | None = None


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What one run of `redflag link` found, and how much of it to show (``redflag.render.clusters.render``)."""

    clusters: list[Cluster]
    ads: int  # ads read
    skipped: int  # rows that were not one ad
    top: int = 10  # clusters listed
    redact: bool = False  # identifiers shown only as stable tokens


def load_records(path: str | Path, options: LinkOptions, config: Config) -> tuple[list[dict], int]:
    """Every readable ad of the file as a record (id, text, source, score, level), plus the count of skipped rows."""
    records: list[dict] = []
    skipped = 0
    checker = Checker(config) if options.score and not options.score_col else None
    row = 0
    for chunk in read_table(path, options.input_format):
        text_cols, id_col = resolve_columns(list(map(str, chunk.columns)), list(options.text_cols) or None, options.id_col)
        for option, col in (("--source-col", options.source_col), ("--score-col", options.score_col)):
            if col and col not in chunk.columns:
                raise InputError(f"{option} {col!r} not found; the table has {', '.join(map(str, chunk.columns))}")
        texts = join_text(chunk, text_cols).tolist()
        ids = chunk[id_col].astype(str).tolist() if id_col else [str(row + i) for i in range(len(chunk))]
        sources = chunk[options.source_col].astype(str).tolist() if options.source_col else [None] * len(chunk)
        given = chunk[options.score_col].tolist() if options.score_col else [None] * len(chunk)
        # an earlier scan's output carries each ad's kinds of harm beside its score
        given_harm = chunk["harm"].tolist() if options.score_col and "harm" in chunk.columns else [None] * len(chunk)
        good = [i for i, t in enumerate(texts) if bad_text(t) is None]
        skipped += len(texts) - len(good)
        scored: dict[int, Any] = {}
        if checker is not None:
            for a in range(0, len(good), SCORE_BATCH):
                part = good[a:a + SCORE_BATCH]
                for i, res in zip(part, checker.check_many([texts[i] for i in part])):
                    scored[i] = res
        for i in good:
            rec = {"id": ids[i], "text": texts[i], "source": sources[i]}
            if i in scored:
                rec["score"], rec["level"] = scored[i].score, scored[i].level
                rec["harm"] = tuple(scored[i].harms)
            elif given[i] is not None:
                rec["score"] = given_score(given[i], options.score_col, row + i)
                if isinstance(given_harm[i], str):
                    rec["harm"] = given_harm[i]
            records.append(rec)
        row += len(chunk)
    return records, skipped


def given_score(value: Any, column: str | None, row: int) -> float | None:
    """A score from an earlier scan's column: a number (empty is no score); anything else names its row."""
    if isinstance(value, str) and not value.strip():
        return None
    try:
        score = float(value)
    except (TypeError, ValueError):
        raise InputError(f"--score-col {column!r}: row {row} holds {str(value)[:40]!r}, not a score (a number 0-100)") from None
    return None if math.isnan(score) else score


def link_file(path: str | Path, options: LinkOptions, config: Config = Config()) -> tuple[list[Cluster], int, int]:
    """Clusters of the file's ads, largest and riskiest first; plus ads read and rows skipped."""
    records, skipped = load_records(path, options, config)
    clusters = link_records(records, similarity=options.similarity, region=options.region)
    clusters.sort(key=lambda c: (-(c.high_risk or 0), -c.size, -(c.max_score or 0), c.id))
    return clusters, len(records), skipped


def cluster_row(cluster: Cluster, redact: bool = False) -> dict:
    """A cluster as the clusters file holds it: its data, then its explanation and summary in words."""
    return {**cluster.to_dict(redact=redact), **sentences(cluster, redact)}


def write_clusters(clusters: list[Cluster], out: str | Path, output_format: str | None, redact: bool,
                   protect: Iterable[str | Path] = ()) -> None:
    """One row per cluster: complete in JSONL, lists joined with ';' in CSV and Parquet."""
    import pandas as pd

    rows = [cluster_row(c, redact) for c in clusters]
    with open_writer(out, output_format, protect=protect) as writer:
        fmt = writer.format
        if fmt != "jsonl":
            for r in rows:
                r["ad_ids"] = ";".join(r["ad_ids"])
                r["identifiers"] = ";".join(f"{i['kind']}:{i['value']}" for i in r["identifiers"])
                r["link_kinds"] = ";".join(r["link_kinds"])
                r["sources"] = ";".join(r["sources"])
                r["watch"] = ";".join(r["watch"])
                r["harms"] = ";".join(f"{k}:{n}" for k, n in r["harms"].items())
        writer.write(pd.DataFrame(rows, columns=list(rows[0]) if rows else ["id", "size", "ad_ids"]))
