"""HEAD answers like GET without a body, on every GET route (through the app and through uvicorn)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/health",
        "/api/entities?type=municipality",
        "/doc/municipality/71016",
        "/dataset",
        "/ns",
        "/sparql?query=ASK%7B%7D",
        "/viz/graph",
        "/docs",
        "/openapi.json",
        "/entities?type=project",
        "/static/site.css",
    ],
)
def test_head_is_get_without_body(client, path):
    get, head = client.get(path), client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b""
    for name in ("content-type", "content-length", "etag", "link"):
        assert head.headers.get(name) == get.headers.get(name)


def test_head_of_a_missing_entity_is_404(client):
    response = client.head("/api/entities/municipality/99999")
    assert response.status_code == 404 and response.content == b""


def test_other_methods_are_still_refused(client):
    assert client.request("PUT", "/api/entities").status_code == 405
