"""POST /api/check with a real HTTP client against the running server: the JSON of `check --format json`."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest

from tests.serve.conftest import ROOT


def _cli_json(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "redflag", "check", "--format", "json", *args], cwd=ROOT,
                          capture_output=True, text=True)
    return done.stdout


def test_json_body_gives_exactly_the_check_output(server, hostess):
    r = httpx.post(f"{server}/api/check", json={"text": hostess}, timeout=30)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.text == _cli_json("--text", hostess)
    data = r.json()
    assert data["level"] == "high" and data["source"] == "the ad text"
    for flag in data["flags"]:
        for ev in flag["evidence"]:
            assert hostess[ev["start"]:ev["end"]] == ev["text"]


def test_plain_text_body_and_query_options(server):
    ad = "Trabajo en el extranjero. El jefe guarda los pasaportes. Pago de 300 euros por el visado."
    r = httpx.post(f"{server}/api/check?ui_lang=en&region=ES", content=ad.encode(), timeout=30,
                   headers={"content-type": "text/plain; charset=utf-8"})
    assert r.status_code == 200
    assert r.text == _cli_json("--text", "--ui-lang", "en", "--region", "ES", ad)
    assert r.json()["ui_lang"] == "en"


def test_uploaded_file_is_named_by_its_file_name(server, hostess):
    r = httpx.post(f"{server}/api/check", files={"file": ("offer.txt", hostess.encode(), "text/plain")}, timeout=30)
    assert r.status_code == 200
    assert r.json()["source"] == "offer.txt"
    assert r.json()["score"] == json.loads(_cli_json("--text", hostess))["score"]


def test_redact_masks_contacts_as_the_cli_does(server, hostess):
    r = httpx.post(f"{server}/api/check", json={"text": hostess, "redact": True}, timeout=30)
    assert r.status_code == 200
    assert r.text == _cli_json("--redact", "--text", hostess)
    assert "900123" not in r.text


@pytest.mark.parametrize(("kwargs", "status", "words"), [
    ({"json": {"text": ""}}, 400, "empty"),
    ({"json": {"text": "   \n"}}, 400, "empty"),
    ({"json": ["not", "an", "object"]}, 400, "JSON object"),
    ({"json": {"text": 5}}, 400, '"text" must be'),
    ({"json": {"text": "ad", "colour": "red"}}, 400, "unknown key 'colour'"),
    ({"json": {"text": "work abroad", "ui_lang": "xx"}}, 400, "ui_lang 'xx'"),
    ({"json": {"text": "work abroad", "region": "Atlantis"}}, 400, "region 'Atlantis'"),
    ({"json": {"text": "work abroad", "redact": "yes"}}, 400, '"redact"'),
    ({"content": b"{\"text\": ", "headers": {"content-type": "application/json"}}, 400, "not valid JSON"),
    ({"content": b"\xff\xfe\x00\x00\xd8", "headers": {"content-type": "text/plain"}}, 400, "not valid"),
    ({"content": b"PNG\x00\x00\x00data", "headers": {"content-type": "text/plain"}}, 400, "binary"),
    ({"content": b"hello", "headers": {"content-type": "image/png"}}, 415, "content type 'image/png'"),
    ({"content": b"x" * 1_200_000, "headers": {"content-type": "text/plain"}}, 413, "limit for one ad"),
    ({"content": b"a" * 1_000_001, "headers": {"content-type": "text/plain"}}, 400, "larger than the 1,000,000-byte"),
    ({"json": {"text": "<p>&nbsp;</p><br/>"}}, 400, "empty"),
])
def test_bad_requests_get_one_line_errors(server, kwargs, status, words):
    r = httpx.post(f"{server}/api/check", timeout=30, **kwargs)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert words in error and "\n" not in error and "Traceback" not in error


def test_a_streamed_body_without_length_is_cut_at_the_limit(server):
    def chunks():
        for _ in range(40):
            yield b"y" * 65536

    r = httpx.post(f"{server}/api/check", content=chunks(), headers={"content-type": "text/plain"}, timeout=30)
    assert r.status_code == 413 and "limit for one ad" in r.json()["error"]


def test_wrong_method_and_path_and_host(server):
    r = httpx.get(f"{server}/api/check", timeout=10)
    assert r.status_code == 405 and r.json() == {"error": "Method Not Allowed"}
    assert httpx.get(f"{server}/nothing-here", timeout=10).status_code == 404
    # a page elsewhere that points a name at 127.0.0.1 is refused: only loopback names are served
    assert httpx.get(f"{server}/", headers={"host": "attacker.example"}, timeout=10).status_code == 400


def test_responses_load_nothing_external_and_are_not_kept(server):
    r = httpx.get(f"{server}/", timeout=10)
    assert r.status_code == 200
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert r.headers["cache-control"] == "no-store" and r.headers["referrer-policy"] == "no-referrer"
    assert "http://" not in r.text.replace(server, "") and "https://" not in r.text
    assert "<script" not in r.text
