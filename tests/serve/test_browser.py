"""The local page in a real browser (the system's Chromium): paste, submit, verdict and marked phrase,
no horizontal scrolling on a 390-pixel phone, keyboard use, no console errors, nothing fetched elsewhere."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _keep(png: Path, name: str) -> None:
    target = Path(os.environ["REDFLAG_ARTIFACTS"]) if os.environ.get("REDFLAG_ARTIFACTS") else ARTIFACTS
    target.mkdir(parents=True, exist_ok=True)
    if target == ARTIFACTS and not (target / ".gitignore").exists():
        (target / ".gitignore").write_text("*\n", encoding="utf-8")
    shutil.copy(png, target / name)


@pytest.fixture
def browser_page(server, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    foreign: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            def open_page(width: int, locale: str = "en-GB"):
                context = browser.new_context(viewport={"width": width, "height": 800}, locale=locale)
                page = context.new_page()
                page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
                page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
                page.on("request", lambda r: None if r.url.startswith(server) else foreign.append(r.url))
                return page

            yield open_page, problems, foreign
        finally:
            browser.close()


def _no_horizontal_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), \
        page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_paste_submit_and_read_the_verdict_on_a_phone(browser_page, server, hostess, tmp_path):
    open_page, problems, foreign = browser_page
    page = open_page(390)
    page.goto(server + "/")
    _no_horizontal_scroll(page)
    assert page.get_by_label("The job ad or message").is_visible()
    page.get_by_label("The job ad or message").fill(hostess)
    page.get_by_role("button", name="Check the ad").click()
    page.wait_for_selector("#result")

    assert "HIGH" in page.locator("#result > .banner").inner_text()
    assert page.locator("#result").get_attribute("data-level") == "high"
    marked = page.locator("#result > ol mark.bad").all_inner_texts()
    assert "processing fee" in marked and "employer keeps your passport" in marked
    assert "Where to get help" in page.locator("#result").inner_text()
    # the pasted ad stays in the box, as typed
    assert page.get_by_label("The job ad or message").input_value() == hostess
    _no_horizontal_scroll(page)

    page.locator("details.whole-ad summary").click()
    whole = page.locator("details.whole-ad .ad-text")
    assert whole.inner_text().strip() == hostess.strip()
    runs = whole.locator("mark.bad").all_inner_texts()  # overlapping phrases are one marked run
    assert any("processing fee" in run for run in runs) and all(run in hostess for run in runs)
    page.locator("details.all-details summary").click()
    assert "FEE001" in page.locator("details.all-details").inner_text()
    _no_horizontal_scroll(page)

    png = tmp_path / "page-390.png"
    page.screenshot(path=str(png), full_page=True)
    _keep(png, "serve-390.png")
    assert problems == [] and foreign == []


def test_keyboard_only_check_in_the_ads_language(browser_page, server):
    open_page, problems, foreign = browser_page
    page = open_page(1280, locale="es-ES")
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "text"
    page.keyboard.type("Se buscan chicas de 18 a 25 años para un club en el extranjero. Pago de inscripción de "
                       "200 euros antes de viajar. Contacto solo por WhatsApp.")
    for _ in range(10):  # on through the file, language and country fields to the button
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Revisar la oferta"
    page.keyboard.press("Enter")
    page.wait_for_selector("#result")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("#result mark.bad").count() >= 2
    assert page.get_by_role("link", name="Revisar otra oferta").is_visible()
    assert problems == [] and foreign == []


def test_an_empty_ad_is_one_clear_error_above_the_form(browser_page, server):
    open_page, problems, _ = browser_page
    page = open_page(390)
    page.goto(server + "/")
    page.get_by_role("button", name="Check the ad").click()
    alert = page.get_by_role("alert")
    assert "empty" in alert.inner_text()
    assert page.get_by_label("The job ad or message").is_visible()
    _no_horizontal_scroll(page)
    assert [p for p in problems if "400" not in p] == []  # the browser logs the 400 status itself
