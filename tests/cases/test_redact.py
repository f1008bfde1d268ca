"""A redacted store keeps contact details only as keyed tokens, and still finds them."""

from __future__ import annotations

import pytest

from redflag.cases import StoreError, ad, make_filters, open_store, search, track
from redflag.cases.importer import import_results


def test_redacted_store_keeps_no_raw_identifier_and_still_finds_it(tmp_path, exports, monkeypatch):
    monkeypatch.setenv("REDFLAG_REDACT_KEY", "a long private key for this team")
    path = tmp_path / "redacted.db"
    with open_store(str(path), create=True) as store:
        for e in exports:
            import_results(store, e, source_col="site", date_col="date", redact=True)
        assert len(search(store, make_filters(phone="+44 7700 900123"))) == 2
        assert len(search(store, make_filters(handle="@anna_jobs"))) == 2
        assert track(store, "07700900123")["ads"] == 2
        shown = ad(store, search(store, make_filters(phone="+44 7700 900123"))[0]["id"])
        assert "900123" not in shown["text"] and shown["redacted"]
        assert all(e["value"].startswith("[") for e in shown["entities"] if e["kind"] in ("phone", "handle", "email"))
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("redacted.db"))
    for secret in (b"7700900123", b"7700 900123", b"anna_jobs", b"careers@northfield"):
        assert secret not in raw


def test_redaction_needs_a_key(tmp_path, exports, monkeypatch):
    monkeypatch.delenv("REDFLAG_REDACT_KEY", raising=False)
    with open_store(str(tmp_path / "r.db"), create=True) as store, pytest.raises(StoreError, match="REDFLAG_REDACT_KEY"):
        import_results(store, exports[0], redact=True)
