"""The ordered worker pool: cut a table's chunks into tasks, run them in processes, yield results in input order.

A worker that dies (SIGKILL from the OOM killer) breaks the pool at once instead of leaving the scan waiting.

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
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from concurrent.futures.process import _threads_wakeups as _EXIT_WAKEUPS  # the exit hook's list of pool threads
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import pandas as pd

from redflag.errors import RedflagError

T = TypeVar("T")
Job = Callable[[pd.DataFrame, int], T]  # (rows, 0-based number of their first row) -> result

MIN_PARALLEL_ROWS = 2_000  # below this, starting worker processes costs more than it saves
TASK_ROWS = 500  # rows per task sent to a worker: big enough to amortise pickling, small enough to balance
IN_FLIGHT = 3  # tasks queued per worker: enough to keep it busy, few enough to bound memory
RETRIES = 1  # fresh pools after a lost worker before the scan fails

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


def _init_worker(job: Job, setup: Callable[[], object] | None, parent: int | None = None) -> None:
    global _JOB
    _JOB = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool and removes the output
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited through fork: a worker just stops
    _die_with_parent(parent)
    if setup is not None:
        setup()  # e.g. load rules and model once, before the first task
    gc.freeze()  # what setup loaded lives for good: collections need not walk it


def _die_with_parent(parent: int | None = None) -> None:
    """Ask Linux to stop this worker when the process that started it is killed, rather than leave it waiting.

    ``parent`` is that process's pid as it knew it before forking: read here instead, a scan killed
    between the fork and this line would already have been replaced by init, and the check below
    would pass. A fork server's workers read it here (the server outlives them).
    """
    if parent is None:
        parent = os.getppid()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux
    if os.getppid() != parent:  # the parent died before the request was in place
        os._exit(1)


def _run(chunk: pd.DataFrame, first_row: int) -> object:
    return _JOB(chunk, first_row)


class WorkerLost(RedflagError):
    """A worker process died (killed by the OOM killer or by hand) and its rows could not be scored."""


def ordered(job: Job, chunks: Iterator[pd.DataFrame], workers: int, *, setup: Callable[[], object] | None = None,
            preload: Sequence[str] = ()) -> Iterator[T]:
    """``job`` over every task of ``chunks``, results in input order; in-process for one worker or a small input.

    ``job`` and ``setup`` must be picklable (module-level functions or partials of them); ``preload``
    names modules a fork server imports once for all its workers. A worker that dies costs a fresh
    pool and its tasks are run again, once; a second loss is a WorkerLost error, never a hang.
    """
    first = next(chunks, None)
    if first is None:
        return
    chunks = itertools.chain([first], chunks)
    if workers <= 1 or len(first) < MIN_PARALLEL_ROWS:
        for part, row in tasks(chunks, TASK_ROWS):
            yield job(part, row)
        return
    pool = _Pool(workers, job, setup, preload)
    try:
        pending: deque = deque()
        for part, row in tasks(chunks, TASK_ROWS):
            pending.append(pool.submit(part, row))
            if len(pending) >= IN_FLIGHT * workers:
                yield pool.result(pending)
        while pending:
            yield pool.result(pending)
        pool.close()
    finally:
        pool.stop()


class _Pool:
    """A ProcessPoolExecutor that notices a lost worker (a bare multiprocessing Pool waits for it forever)."""

    def __init__(self, workers: int, job: Job, setup: Callable[[], object] | None, preload: Sequence[str]) -> None:
        self.args = (workers, job, setup, list(preload))
        self.retries = RETRIES
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        workers, job, setup, preload = self.args
        # fork is cheapest and safe while this is the only thread; otherwise fork from a clean server process
        if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
            ctx, parent = multiprocessing.get_context("fork"), os.getpid()
        else:
            ctx, parent = multiprocessing.get_context("forkserver"), None
            ctx.set_forkserver_preload(preload)
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(job, setup, parent))

    def submit(self, part: pd.DataFrame, row: int) -> tuple[Future, pd.DataFrame, int]:
        """Queue one task; the rows are kept until its result is in, to run it again if its worker dies."""
        return self.executor.submit(_run, part, row), part, row

    def result(self, pending: deque) -> object:
        """The result of the oldest task; after a lost worker, every pending task again in a fresh pool."""
        while True:
            future, part, row = pending[0]
            try:
                value = future.result()
            except BrokenProcessPool:
                self._restart(pending, row, len(part))
                continue
            pending.popleft()
            return value

    def _restart(self, pending: deque, row: int, rows: int) -> None:
        if self.retries <= 0:
            raise WorkerLost(f"a worker process died twice (killed, perhaps out of memory) while scoring rows {row:,}-"
                             f"{row + rows - 1:,}; nothing was written. Try fewer --workers.") from None
        self.retries -= 1
        self.stop()
        self.executor = self._start()
        tasks = [(part, row) for _, part, row in pending]
        pending.clear()
        pending.extend(self.submit(part, row) for part, row in tasks)

    def close(self) -> None:
        """Wait for the workers to finish after the last result."""
        self.executor.shutdown(wait=True)

    def stop(self) -> None:
        """End the workers now (error, Ctrl-C, SIGTERM): queued tasks are dropped, running ones killed."""
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            if proc.is_alive():
                proc.terminate()
        for proc in processes:
            proc.join(timeout=5)
        # The pool's manager thread, woken by shutdown, closes its wake-up pipe as it ends; the
        # interpreter's exit hook would write to that pipe again and may find it closed (a traceback at
        # exit). Its work is done: take it off the hook's list.
        manager = getattr(self.executor, "_executor_manager_thread", None)
        if manager is not None:
            _EXIT_WAKEUPS.pop(manager, None)
