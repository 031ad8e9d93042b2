"""HEAD answers like GET without a body, on every GET route (through the app and through uvicorn)."""

from __future__ import annotations

import httpx


def test_head_over_http(live_server):
    response = httpx.head(f"{live_server}/doc/municipality/71016", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert int(response.headers["content-length"]) > 0 and response.content == b""
