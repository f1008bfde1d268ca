"""Suite-wide setup: parsed rule packs are cached in a folder of the test run, not in the user's home."""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config) -> None:
    if "REDFLAG_CACHE_DIR" not in os.environ:
        os.environ["REDFLAG_CACHE_DIR"] = tempfile.mkdtemp(prefix="redflag-test-cache-")
