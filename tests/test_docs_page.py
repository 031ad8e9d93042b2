"""/docs in real headless Chromium: Swagger UI from the vendored files lists the API's operations, offline."""

from __future__ import annotations

import os

import pytest

from tests.test_sparql_page import assert_offline_and_clean, opened

SCREENSHOT = os.environ.get("LIRES_SCREENSHOT_DOCS")
"""Where to save a screenshot of /docs (to look at it), if set."""


@pytest.mark.browser
def test_docs_lists_operations_offline(live_server, browser_page):
    page = opened(browser_page, f"{live_server}/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/entities/{type}/{ref}" in paths and "/sparql" in paths
    if SCREENSHOT:
        page.screenshot(path=SCREENSHOT)
    assert_offline_and_clean(browser_page)


def test_redoc_is_not_served_and_docs_names_no_other_host(client):
    assert client.get("/redoc").status_code == 404
    html = client.get("/docs").text
    assert "/static/swagger-ui/swagger-ui-bundle.js" in html and "https://" not in html
