"""The pages in real headless Chromium: the YASGUI editor at /sparql runs queries, every page works
offline (requests only to 127.0.0.1) and logs no error."""

from __future__ import annotations

import os

import pytest

from tests.support import assert_offline_and_clean, opened

SCREENSHOT = os.environ.get("LIRES_SCREENSHOT")
"""Where to save a screenshot of the query editor (to look at it), if set."""


@pytest.mark.browser
def test_query_editor_runs_example_queries(live_server, browser_page):
    page = opened(browser_page, f"{live_server}/sparql")
    page.get_by_role("button", name="Gemeenten van het arrondissement Maaseik (vandaag)").click()
    page.wait_for_selector(".yasr table tbody tr")
    cells = page.locator(".yasr table tbody").inner_text()
    assert "Pelt" in cells and "Oudsbergen" in cells and "Neerpelt" not in cells  # merged into Pelt in 2019
    page.get_by_role("button", name="Alles over Genk (DESCRIBE, een graaf)").click()
    page.wait_for_function("document.querySelector('.yasr').innerText.includes('66447')")
    if SCREENSHOT:
        page.screenshot(path=SCREENSHOT, full_page=True)
    assert_offline_and_clean(browser_page)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "text"),
    [("/dataset", "Entiteiten per klasse"), ("/ns", "nutsRegion"), ("/doc/municipality/71016", "Genk")],
)
def test_linked_data_pages_render_offline(live_server, browser_page, path, text):
    page = opened(browser_page, f"{live_server}{path}")
    assert text in page.inner_text("main")
    assert_offline_and_clean(browser_page)
