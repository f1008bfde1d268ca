"""Opening stores: new files owner-only, foreign and newer stores refused, older ones upgraded only on request."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from redflag.cases import StoreError, open_store, schema_version
from redflag.cases.location import resolve, shown, sqlalchemy_url
from redflag.cases.migrations import LATEST


def test_new_sqlite_store_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "cases.db"
    os.umask(0o022)
    with open_store(str(path), create=True) as store:
        assert store.version == LATEST
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_missing_store_is_not_created_by_a_reading_command(tmp_path):
    with pytest.raises(StoreError, match="no case store there"):
        open_store(str(tmp_path / "none.db"))
    assert not (tmp_path / "none.db").exists()


def test_a_foreign_file_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for")
    with pytest.raises(StoreError, match="not an SQLite database"):
        open_store(str(path), create=True)
    assert path.read_text().startswith("these are")


def test_an_sqlite_database_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a case store"):
        open_store(str(path), create=True)


def test_a_newer_schema_is_refused(db):
    with open_store(db, create=True) as store:
        with store.begin() as conn:
            conn.exec_driver_sql(f"UPDATE meta SET value = '{LATEST + 1}' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=f"schema version {LATEST + 1} is newer"):
        open_store(db)


def test_an_older_schema_is_upgraded_only_when_asked_and_keeps_its_ads(db, exports):
    from redflag.cases import make_filters, search
    from redflag.cases.importer import import_results

    with open_store(db, create=True, version=1) as store:  # a store made before full-text search existed
        import_results(store, exports[0], source_col="site", date_col="date")
    with pytest.raises(StoreError, match="run 'redflag cases upgrade'"):
        open_store(db)
    with open_store(db, upgrade=True) as store:
        assert store.upgraded_from == 1 and schema_version(store) == LATEST
        found = search(store, make_filters(words="hostess Dubai"))
    assert [r["snippet"][:9] for r in found] == ["Ukrainian"]  # the upgrade indexed the text already stored


def test_a_password_is_never_shown():
    url = "postgresql://moderator:s3cret-pass@db.example.org:5432/cases"
    assert "s3cret" not in shown(url) and shown(url) == "postgresql://moderator:***@db.example.org:5432/cases"
    assert sqlalchemy_url(url)[0].startswith("postgresql+psycopg://")


def test_a_failed_connection_is_one_line_without_the_password():
    with pytest.raises(StoreError) as info:
        open_store("postgresql://someone:hunter2-pw@127.0.0.1:1/cases")
    message = str(info.value)
    assert "hunter2" not in message and "\n" not in message and "***" in message


def test_the_store_comes_from_the_environment_or_settings(monkeypatch, tmp_path):
    monkeypatch.delenv("REDFLAG_DB", raising=False)
    with pytest.raises(StoreError, match="no case store given"):
        resolve(None, settings={})
    assert resolve(None, settings={"db": "x.db"}) == "x.db"
    monkeypatch.setenv("REDFLAG_DB", str(tmp_path / "env.db"))
    assert resolve(None, settings={"db": "x.db"}) == str(tmp_path / "env.db")
    assert resolve("given.db", settings={"db": "x.db"}) == "given.db"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "sqlite://", "sqlite:///?mode=ro"])
def test_unsupported_urls_are_named(url):
    with pytest.raises(StoreError):
        sqlalchemy_url(url)
