"""A small two-class model with both analyzers, trained once for the model tests."""

from __future__ import annotations

import random
import pandas as pd
import pytest

BAD = [
    "Urgent hiring! No experience needed",
    "earn $5000/week from home",
    "send your passport copy",
    "pay a small registration fee",
    "contact us on WhatsApp",
    "accommodation provided, deductions from salary",
    "cash daily, no questions asked",
    "İstanbul hostess job, ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ",
]
GOOD = [
    "We are an equal opportunity employer",
    "competitive salary and pension",
    "apply through our careers page",
    "5 years of experience in Python",
    "health insurance and 25 days leave",
    "full-time permanent contract",
    "Ünïcödé café résumé naïve",
    "reports to the head of finance",
]
FILLER = "the a team work company role we you our will with and for to of in on at as is be by".split()
ODD_TEXTS = ["", "   ", "a", "I", "ab cd", "$$$ !!!", "x\u00a0y\tz\n\nw", "ΣΟΦΟΚΛΕΟΥΣ İİ ß", "urgent " * 50]


def make_ads(n: int = 160, seed: int = 1, parts: int = 30) -> pd.DataFrame:
    """Small, deliberately noisy two-class ads with unicode, odd whitespace and short words."""
    r = random.Random(seed)
    rows = []
    for i in range(n):
        y = i % 3 == 0
        out = []
        for _ in range(parts):
            k = r.random()
            if k < 0.3:
                out.append(r.choice(BAD if y or r.random() < 0.15 else GOOD))
            elif k < 0.5:
                out.append(r.choice(GOOD if not y or r.random() < 0.3 else BAD))
            else:
                out.append(" ".join(r.choices(FILLER, k=r.randint(1, 6))) + r.choice([".", ",", "!", "", "\n", "  \t", " I a"]))
        rows.append({"id": i, "title": r.choice(["Job", None, "Hostess", "x"]), "text": " ".join(out), "label": int(y)})
    return pd.DataFrame(rows)


@pytest.fixture(scope="session")
def toy(tmp_path_factory):
    """(frame, joined texts, saved paths) of a word+char model, so both analyzers are exercised."""
    from redflag.io.tables import join_text
    from redflag.learn.train import save, train

    df = make_ads()
    trained = train(df, ["title", "text"], "label", seed=7, C=4.0, features="word+char")
    out = tmp_path_factory.mktemp("model") / "toy.joblib"
    paths = save(trained, out)
    return df, join_text(df, ["title", "text"]).tolist(), paths


@pytest.fixture(scope="session")
def ads_maker():
    """The make_ads function, for tests that need their own noisy ads."""
    return make_ads


@pytest.fixture(scope="session")
def odd_texts() -> list[str]:
    """Empty, one-letter, odd-whitespace and case-changing texts that scorers must still get right."""
    return list(ODD_TEXTS)
