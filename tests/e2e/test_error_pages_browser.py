"""Errors: a browser navigating gets a small HTML page (same status and message, escaped); JSON clients keep the
common JSON body."""

from __future__ import annotations

import pytest


@pytest.mark.browser
def test_chromium_shows_the_error_page(live_server, browser_page):
    response = browser_page.page.goto(f"{live_server}/doc/municipality/99999")
    assert response.status == 404
    assert browser_page.page.inner_text("h1") == "404 · Not Found"
    assert "no municipality with ref '99999'" in browser_page.page.inner_text("main")
    assert browser_page.foreign_requests() == []
