"""The ordered worker pool: tasks cut from chunks, results in input order in-process and in workers."""

from __future__ import annotations

import importlib
import operator
import sys

import pandas as pd
import pytest

workers = importlib.import_module("redflag.batch.workers")


def _first_and_rows(chunk: pd.DataFrame, first_row: int) -> tuple[int, list[int]]:
    return first_row, chunk["n"].tolist()


def _chunks(total: int, size: int):
    return (pd.DataFrame({"n": range(s, min(s + size, total))}) for s in range(0, total, size))


def test_tasks_number_rows_across_chunks():
    got = [(row, len(part)) for part, row in workers.tasks(_chunks(7, 3), 2)]
    assert got == [(0, 2), (2, 1), (3, 2), (5, 1), (6, 1)]


def test_in_process_keeps_order_and_numbers():
    out = list(workers.ordered(_first_and_rows, _chunks(1_200, 1_000), 1))
    assert [row for row, _ in out] == [0, 500, 1000]
    assert sum((rows for _, rows in out), []) == list(range(1_200))


def test_empty_input_yields_nothing():
    assert list(workers.ordered(_first_and_rows, iter(()), 2)) == []


def test_worker_processes_keep_input_order(monkeypatch):
    monkeypatch.setattr(workers, "TASK_ROWS", 100)
    # operator.add is importable from any process (a fork server pickles the job): row n + first row of its task
    out = list(workers.ordered(operator.add, _chunks(2_500, 2_000), 2))
    assert len(out) == 25
    assert pd.concat(out)["n"].tolist() == [n + n // 100 * 100 for n in range(2_500)]


def _boom(chunk: pd.DataFrame, first_row: int) -> int:
    if first_row >= 1_000:
        raise ValueError("bad task")
    return first_row


def test_a_failing_task_reaches_the_caller():
    with pytest.raises(ValueError, match="bad task"):
        list(workers.ordered(_boom, _chunks(3_000, 3_000), 1))
    with pytest.raises(KeyError):  # chunk[first_row]: the frames have no such column, in the workers
        list(workers.ordered(operator.getitem, _chunks(3_000, 3_000), 2))


def test_default_workers_is_at_least_one():
    assert workers.default_workers() >= 1


def _die_once(marker: str, chunk: pd.DataFrame, first_row: int) -> int:
    """Kill this worker the first time row 1,000 comes up, as the OOM killer would."""
    import os
    import signal

    if first_row == 1_000 and not os.path.exists(marker):
        open(marker, "w").close()
        os.kill(os.getpid(), signal.SIGKILL)
    return first_row


def _die_always(chunk: pd.DataFrame, first_row: int) -> int:
    import os
    import signal

    if first_row == 1_000:
        os.kill(os.getpid(), signal.SIGKILL)
    return first_row


def test_a_killed_worker_costs_a_fresh_pool_and_its_tasks_run_again(tmp_path):
    import functools

    job = functools.partial(_die_once, str(tmp_path / "died"))
    out = list(workers.ordered(job, _chunks(3_000, 3_000), 2))
    assert out == list(range(0, 3_000, workers.TASK_ROWS))
    assert (tmp_path / "died").exists()


def test_a_worker_killed_twice_fails_the_scan_instead_of_hanging():
    with pytest.raises(workers.WorkerLost, match="rows 1,000-1,499") as info:
        list(workers.ordered(_die_always, _chunks(3_000, 3_000), 2))
    assert "\n" not in str(info.value)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_worker_whose_scan_died_before_it_started_stops_at_once():
    import os
    import subprocess

    code = "import sys; from redflag.batch.workers import _die_with_parent; _die_with_parent(int(sys.argv[1])); print('alive')"
    gone = subprocess.run([sys.executable, "-c", code, "999999999"], capture_output=True, text=True, timeout=60)
    assert gone.returncode == 1 and "alive" not in gone.stdout  # its parent is not the one that forked it
    here = subprocess.run([sys.executable, "-c", code, str(os.getpid())], capture_output=True, text=True, timeout=60)
    assert here.returncode == 0 and "alive" in here.stdout
