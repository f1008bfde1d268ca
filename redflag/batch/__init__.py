"""Batch scanning of ad tables: rows (validation), frame (score_frame), workers (ordered pool), run (the scan command).

``score_frame`` is the one pure step (a DataFrame of ads in, a DataFrame of results out), so the
same function runs in ``redflag scan``, on Dask ``map_partitions`` or on Spark ``mapInPandas``.
"""

from __future__ import annotations

from redflag.batch.frame import SCAN_CONFIG, score_frame
from redflag.batch.rows import RowError
from redflag.batch.run import ScanOptions, Summary, scan
from redflag.batch.workers import default_workers

__all__ = ["SCAN_CONFIG", "RowError", "ScanOptions", "Summary", "default_workers", "scan", "score_frame"]
