"""The report in a real browser (the system's Chromium, offline): charts drawn, marks shown, links work."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from redflag.render.html import render_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def _keep(png: Path) -> None:
    """Copy the screenshot where CI collects it, or into tests/artifacts (ignored by git)."""
    target = Path(os.environ["REDFLAG_ARTIFACTS"]) if os.environ.get("REDFLAG_ARTIFACTS") else ARTIFACTS
    target.mkdir(parents=True, exist_ok=True)
    if target == ARTIFACTS and not (target / ".gitignore").exists():
        (target / ".gitignore").write_text("*\n", encoding="utf-8")
    shutil.copy(png, target / "report.png")


@pytest.fixture
def report_file(scanned_rows, tmp_path) -> Path:
    path = tmp_path / "report.html"
    clusters = [{"id": "C1", "size": 2, "ad_ids": ["hostile-1", "ru 2"], "link_kinds": ["phone"],
                 "identifiers": [{"kind": "phone", "value": "+447700900123", "ads": 2}]}]
    with open(path, "w", encoding="utf-8") as fh:
        render_report(scanned_rows, fh, clusters=clusters, title="Browser check")
    return path


def test_report_in_chromium(report_file, scanned_rows, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=str(CHROMIUM),
                                                       headless=True, args=ARGS, viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(report_file.as_uri())
            page.wait_for_selector("body[data-charts=drawn]", timeout=30_000)

            charts = page.locator(".chart")
            assert charts.count() == 5
            for i in range(charts.count()):
                assert charts.nth(i).locator(".main-svg").count() > 0, charts.nth(i).get_attribute("id")

            row = next(r for r in scanned_rows if r["id"] == "ru 2")
            phrases = sorted(e["text"] for f in row["evidence"] for e in f["evidence"])
            shown = sorted(page.locator("#ad-ru_202 mark").all_inner_texts())
            assert shown == phrases
            assert page.locator("#ad-hostile-1 .ad-text").inner_text().count("<script>alert('x')</script>") == 1

            page.locator('a.ad-link[href="#ad-ru_202"]').click()
            page.wait_for_function("location.hash === '#ad-ru_202'")
            assert page.evaluate("document.querySelector(':target').id") == "ad-ru_202"
            assert page.locator("#ad-ru_202").is_visible()

            page.goto(report_file.as_uri())
            page.wait_for_selector("body[data-charts=drawn]", timeout=30_000)
            png = tmp_path / "report.png"
            page.screenshot(path=str(png), full_page=True)
        finally:
            context.close()
    _keep(png)
    assert not problems, problems
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests
