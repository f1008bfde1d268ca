"""Case-store fixtures: every store test runs on a real SQLite file and, when one is given, a real PostgreSQL server.

`.ci/run` starts PostgreSQL and sets REDFLAG_TEST_PG_URL; without it the PostgreSQL half is skipped.
"""

from __future__ import annotations

import os

import pandas as pd
import pytest

PG_ENV = "REDFLAG_TEST_PG_URL"

SITE_A = [
    ("a1", "Ukrainian girls 18-21 wanted for hostess work in Dubai, flight paid. Send photos on WhatsApp +44 7700 900123.", "2026-10-01"),
    ("a2", "Warehouse operative, 40 hours a week, 12.50 GBP per hour, written contract, apply at careers@northfield-farms.co.uk", "2026-10-02"),
    ("a3", "Online job 30 minutes a day, 300 USD daily, contact telegram @anna_jobs or 07700 900123", "2026-10-10"),
]
SITE_B = [
    ("b1", "UKRAINIAN GIRLS 18-21 wanted for hostess work in Dubai, flight paid.  Send photos on WhatsApp +44 7700 900123.", "2026-11-03"),
    ("b2", "Construction workers for Germany, pay the visa fee of 900 EUR before departure, the employer keeps your passport. Call +49 1512 3456789", "2026-11-04"),
    ("b3", "Ищем девушек 18-25 для работы хостес в Дубае, перелёт оплачен, пишите в Telegram @anna_jobs", "2026-11-05"),
]


def export(rows, site: str) -> pd.DataFrame:
    """One site's export as `redflag scan --keep-col text` writes it: real results of the shipped checker."""
    from redflag import score_frame
    from redflag.config import Config

    df = pd.DataFrame([{"id": i, "text": t, "date": d, "site": site} for i, t, d in rows])
    out = score_frame(df, ["text"], "id", Config(region="GB"), keep_cols=["text", "date", "site"])
    return out


@pytest.fixture(scope="session")
def exports(tmp_path_factory):
    """Two sites' scan results as JSONL files: (site A path, site B path)."""
    folder = tmp_path_factory.mktemp("exports")
    paths = []
    for name, rows in (("site-a", SITE_A), ("site-b", SITE_B)):
        path = folder / f"{name}.jsonl"
        export(rows, name).to_json(path, orient="records", lines=True, force_ascii=False)
        paths.append(path)
    return tuple(paths)


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    """A store location that does not hold a store yet: a new SQLite file, or an emptied PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "cases.db")
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set (.ci/run starts a PostgreSQL server and sets it)")
    _reset_postgres(url)
    return url


@pytest.fixture
def filled(db, exports):
    """A store with both sites' exports imported; yields (db, store)."""
    from redflag.cases import open_store
    from redflag.cases.importer import import_results

    with open_store(db, create=True) as store:
        for path in exports:
            import_results(store, path, source_col="site", date_col="date")
        yield db, store
