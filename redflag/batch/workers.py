"""The ordered worker pool: cut a table's chunks into tasks, run them in processes, yield results in input order.

At most a few tasks per worker are in flight, so memory stays flat however long the input is.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import pandas as pd

T = TypeVar("T")
Job = Callable[[pd.DataFrame, int], T]  # (rows, 0-based number of their first row) -> result

MIN_PARALLEL_ROWS = 2_000  # below this, starting worker processes costs more than it saves
TASK_ROWS = 500  # rows per task sent to a worker: big enough to amortise pickling, small enough to balance
IN_FLIGHT = 3  # tasks queued per worker: enough to keep it busy, few enough to bound memory

_JOB: Job | None = None


def default_workers() -> int:
    """All cores: scanning is CPU-bound and each worker holds its own model."""
    return os.cpu_count() or 1


def tasks(chunks: Iterator[pd.DataFrame], size: int) -> Iterator[tuple[pd.DataFrame, int]]:
    """Slices of at most ``size`` rows with the input row number each one starts at."""
    first = 0
    for chunk in chunks:
        for s in range(0, len(chunk), size):
            yield chunk.iloc[s : s + size], first + s
        first += len(chunk)


def _init_worker(job: Job, setup: Callable[[], object] | None) -> None:
    global _JOB
    _JOB = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool and removes the output
    if setup is not None:
        setup()  # e.g. load rules and model once, before the first task
    gc.freeze()  # what setup loaded lives for good: collections need not walk it


def _run(chunk: pd.DataFrame, first_row: int) -> object:
    return _JOB(chunk, first_row)


def ordered(job: Job, chunks: Iterator[pd.DataFrame], workers: int, *, setup: Callable[[], object] | None = None,
            preload: Sequence[str] = ()) -> Iterator[T]:
    """``job`` over every task of ``chunks``, results in input order; in-process for one worker or a small input.

    ``job`` and ``setup`` must be picklable (module-level functions or partials of them); ``preload``
    names modules a fork server imports once for all its workers.
    """
    first = next(chunks, None)
    if first is None:
        return
    chunks = itertools.chain([first], chunks)
    if workers <= 1 or len(first) < MIN_PARALLEL_ROWS:
        for part, row in tasks(chunks, TASK_ROWS):
            yield job(part, row)
        return
    # fork is cheapest and safe while this is the only thread; otherwise fork from a clean server process
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(preload))
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(job, setup))
    try:
        pending: deque = deque()
        for part, row in tasks(chunks, TASK_ROWS):
            pending.append(pool.apply_async(_run, (part, row)))
            if len(pending) >= IN_FLIGHT * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
