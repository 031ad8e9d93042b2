"""/docs in real headless Chromium: Swagger UI from the vendored files lists the API's operations, offline."""

from __future__ import annotations

"""Where to save a screenshot of /docs (to look at it), if set."""


def test_redoc_is_not_served_and_docs_names_no_other_host(client):
    assert client.get("/redoc").status_code == 404
    html = client.get("/docs").text
    assert "/static/swagger-ui/swagger-ui-bundle.js" in html and "https://" not in html
