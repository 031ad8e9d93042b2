"""/docs in real headless Chromium: Swagger UI from the vendored files lists the API's operations, offline."""

from __future__ import annotations

import os

import pytest

from tests.support import assert_offline_and_clean, opened

SCREENSHOT = os.environ.get("LIRES_SCREENSHOT_DOCS")


@pytest.mark.browser
def test_docs_lists_operations_offline(live_server, browser_page):
    page = opened(browser_page, f"{live_server}/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/entities/{type}/{ref}" in paths and "/sparql" in paths
    if SCREENSHOT:
        page.screenshot(path=SCREENSHOT)
    assert_offline_and_clean(browser_page)
