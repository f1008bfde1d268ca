"""The batch package exports the public names of its modules, and nothing else."""

from __future__ import annotations

import redflag.batch as batch
from redflag.batch import frame, rows, run, workers


def test_public_names_are_the_modules_own():
    assert batch.score_frame is frame.score_frame and batch.SCAN_CONFIG is frame.SCAN_CONFIG
    assert batch.scan is run.scan and batch.ScanOptions is run.ScanOptions and batch.Summary is run.Summary
    assert batch.RowError is rows.RowError and batch.default_workers is workers.default_workers
    assert sorted(batch.__all__) == sorted(n for n in batch.__all__ if hasattr(batch, n))
    assert not batch.SCAN_CONFIG.entities  # entities are opt-in in batch scans
