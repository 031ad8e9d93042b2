"""Limits: a per-client rate limit on the query endpoints, a request body size limit, and per-query timeouts that
stop a pathological query while other requests are answered."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from api.settings import ApiSettings

ASK = {"query": "ASK { ?s ?p ?o }"}


def test_the_query_endpoints_share_a_per_client_budget(settings: ApiSettings):
    client = TestClient(create_app(settings.model_copy(update={"rate_limit": "3/minute"})))
    assert [client.get("/sparql", params=ASK).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/sparql", params=ASK)
    assert refused.status_code == 429
    assert refused.json()["error"] == "too_many_requests" and "3 per 1 minute" in refused.json()["detail"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert client.post("/sparql", data=ASK).status_code == 429
    assert client.post("/cypher", json={"query": "RETURN 1"}).status_code == 429
    assert client.get("/api/entities/municipality/71016").status_code == 200, "other endpoints are not limited"
    assert client.get("/health").status_code == 200


def test_budgets_are_per_client(settings: ApiSettings):
    app = create_app(settings.model_copy(update={"rate_limit": "2/minute"}))
    first, second = TestClient(app, client=("127.0.0.2", 5000)), TestClient(app, client=("127.0.0.3", 5000))
    assert [first.get("/sparql", params=ASK).status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/sparql", params=ASK).status_code == 200


@pytest.mark.parametrize("limit", ["60 a minute", "", "-1/minute", "ten/second"])
def test_a_malformed_rate_limit_is_refused_at_start_up(limit: str):
    with pytest.raises(ValidationError, match="LIRES_RATE_LIMIT"):
        ApiSettings(rate_limit=limit)


def test_large_bodies_are_refused_before_they_are_read(settings: ApiSettings):
    client = TestClient(create_app(settings.model_copy(update={"max_body_bytes": 10_000})))
    query = "ASK { ?s ?p ?o }  # " + "x" * 20_000
    for response in (
        client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}),
        client.post("/sparql", data={"query": query}),
        client.post("/cypher", json={"query": "RETURN 1 // " + "x" * 20_000}),
        client.post("/admin/rebuild", content=b"x" * 20_000),
    ):
        assert response.status_code == 413, response.text
        assert response.json() == {
            "error": "payload_too_large",
            "detail": "the request body is larger than 10000 bytes",
        }
    small = client.post("/sparql", content="ASK { ?s ?p ?o }", headers={"Content-Type": "application/sparql-query"})
    assert small.status_code == 200 and small.json()["boolean"] is True


def test_a_body_without_a_length_is_cut_off_at_the_limit(settings: ApiSettings):
    client = TestClient(create_app(settings.model_copy(update={"max_body_bytes": 10_000})))
    chunks = (b"ASK { ?s ?p ?o } #" + b"x" * 1000 for _ in range(30))
    response = client.post("/sparql", content=chunks, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413 and response.json()["error"] == "payload_too_large"


"""About 7 * 10^10 solutions on the real graph: never finishes on its own."""
