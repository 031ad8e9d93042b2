"""Errors: a browser navigating gets a small HTML page (same status and message, escaped); JSON clients keep the
common JSON body."""

from __future__ import annotations

import pytest

from api.pages.error import prefers_html

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
"""What Chromium sends when it navigates to a page."""


@pytest.mark.parametrize(
    ("accept", "html"),
    [
        (BROWSER, True),
        ("text/html", True),
        ("*/*", False),
        (None, False),
        ("application/json", False),
        ("application/json, text/html", False),
        ("text/html;q=0.5, application/json", False),
        ("text", False),
    ],
)
def test_html_only_when_preferred(accept, html):
    assert prefers_html(accept) is html


@pytest.mark.parametrize(
    ("path", "status", "detail"),
    [
        ("/api/entities/municipality/99999", 404, "no municipality with ref &#39;99999&#39;"),
        ("/api/entities?limit=0", 422, "query.limit: Input should be greater than or equal to 1"),
        ("/no/such/page", 404, "Not Found"),
    ],
)
def test_browser_gets_an_html_error_page(client, path, status, detail):
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert f'<p class="error">{detail}</p>' in response.text
    assert '<a href="/">Naar de startpagina</a>' in response.text


def test_error_page_escapes_the_message(client):
    response = client.get("/api/entities?type=<b>x</b>", headers={"Accept": BROWSER})
    assert response.status_code == 400
    assert "unknown type &#39;&lt;b&gt;x&lt;/b&gt;&#39;" in response.text and "<b>x" not in response.text


@pytest.mark.parametrize("accept", [None, "*/*", "application/json"])
def test_json_clients_keep_the_json_body(client, accept):
    response = client.get("/api/entities/municipality/99999", headers={"Accept": accept} if accept else {})
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "no municipality with ref '99999'"}


def test_headers_survive_on_the_page(client):
    response = client.delete("/api/entities", headers={"Accept": BROWSER})
    assert response.status_code == 405 and response.headers["allow"] == "GET"
    assert response.headers["content-type"].startswith("text/html")
