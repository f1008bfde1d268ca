"""Scan rows for the report tests, made by really scanning a few small ads."""

from __future__ import annotations

import pytest

HOSTILE = "Pay a processing fee of $300 to secure your visa. Passport kept by the agent. <script>alert('x')</script> Contact WhatsApp"
RUSSIAN = "Работа в Дубае для девушек, высокая зарплата, жильё бесплатно 🎉 пишите в телеграм"
CLEAN = "Software engineer, permanent contract, salary per collective agreement."


@pytest.fixture(scope="session")
def scanned_rows() -> list[dict]:
    """Three ads scanned with the package: hostile markup, Cyrillic after an emoji, and an honest ad."""
    import pandas as pd

    from redflag import score_frame

    ads = pd.DataFrame({"id": ["hostile-1", "ru 2", "clean-3"], "text": [HOSTILE, RUSSIAN, CLEAN],
                        "source": ["<b>board</b>", "telegram", "board"], "date": ["2026-01-02", "2026-01-20", "2026-02-01"]})
    frame = score_frame(ads, id_col="id", keep_cols=["text", "source", "date"])
    return frame.to_dict("records")
