"""The pages in real headless Chromium: the YASGUI editor at /sparql runs queries, every page works
offline (requests only to 127.0.0.1) and logs no error."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT = os.environ.get("LIRES_SCREENSHOT")
"""Where to save a screenshot of the query editor (to look at it), if set."""


@contextmanager
def opened(url: str) -> Iterator[Page]:
    """``url`` loaded in headless Chromium; on leaving, asserts only 127.0.0.1 was asked and nothing failed."""
    requested: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.on("request", lambda request: requested.append(request.url))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)
        page.goto(url, wait_until="networkidle")
        yield page
        browser.close()
    hosts = {urlparse(u).hostname for u in requested if u.startswith(("http:", "https:", "ws:", "wss:"))}
    assert hosts == {"127.0.0.1"}, requested
    assert errors == []


@pytest.mark.browser
def test_query_editor_runs_example_queries(lod_server):
    with opened(f"{lod_server}/sparql") as page:
        page.get_by_role("button", name="Gemeenten van het arrondissement Maaseik (vandaag)").click()
        page.wait_for_selector(".yasr table tbody tr")
        cells = page.locator(".yasr table tbody").inner_text()
        assert "Pelt" in cells and "Oudsbergen" in cells and "Neerpelt" not in cells  # merged into Pelt in 2019
        page.get_by_role("button", name="Alles over Genk (DESCRIBE, een graaf)").click()
        page.wait_for_function("document.querySelector('.yasr').innerText.includes('66447')")
        if SCREENSHOT:
            page.screenshot(path=SCREENSHOT, full_page=True)


@pytest.mark.browser
@pytest.mark.parametrize(("path", "text"), [("/dataset", "Entiteiten per klasse"), ("/ns", "nutsRegion"),
                                            ("/doc/municipality/71016", "Genk")])
def test_linked_data_pages_render_offline(lod_server, path, text):
    with opened(f"{lod_server}{path}") as page:
        assert text in page.inner_text("main")
