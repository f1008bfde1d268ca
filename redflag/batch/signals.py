"""SIGTERM (sent by `timeout`, CI cancellation and container stops) handled as Ctrl-C is: stop, clean up, exit 143."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

TERMINATED_EXIT = 128 + signal.SIGTERM


class Terminated(SystemExit):
    """SIGTERM arrived: raised in the main thread so every ``finally`` runs, then the process exits 143."""

    def __init__(self) -> None:
        super().__init__(TERMINATED_EXIT)


def _raise_terminated(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the clean-up short
    raise Terminated


@contextmanager
def sigterm_stops() -> Iterator[None]:
    """Within the block SIGTERM raises Terminated (main thread only; a handler someone else installed is left alone)."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
