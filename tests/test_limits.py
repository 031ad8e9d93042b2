"""Limits: a per-client rate limit on the query endpoints, a request body size limit, and per-query timeouts that
stop a pathological query while other requests are answered."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from graph.settings import Settings

ASK = {"query": "ASK { ?s ?p ?o }"}
JSON = {"Accept": "application/sparql-results+json"}
MUNICIPALITIES = "SELECT ?m WHERE { ?m a <https://w3id.org/lires/ns#Municipality> }"


def test_the_query_endpoints_share_a_per_client_budget(settings: Settings):
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


def test_budgets_are_per_client(settings: Settings):
    app = create_app(settings.model_copy(update={"rate_limit": "2/minute"}))
    first, second = TestClient(app, client=("127.0.0.2", 5000)), TestClient(app, client=("127.0.0.3", 5000))
    assert [first.get("/sparql", params=ASK).status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/sparql", params=ASK).status_code == 200


@pytest.mark.parametrize("limit", ["60 a minute", "", "-1/minute", "ten/second"])
def test_a_malformed_rate_limit_is_refused_at_start_up(limit: str):
    with pytest.raises(ValidationError, match="LIRES_RATE_LIMIT"):
        Settings(rate_limit=limit)


def test_large_bodies_are_refused_before_they_are_read(settings: Settings):
    client = TestClient(create_app(settings.model_copy(update={"max_body_bytes": 10_000})))
    query = "ASK { ?s ?p ?o }  # " + "x" * 20_000
    for response in (client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}),
                     client.post("/sparql", data={"query": query}),
                     client.post("/cypher", json={"query": "RETURN 1 // " + "x" * 20_000}),
                     client.post("/admin/rebuild", content=b"x" * 20_000)):
        assert response.status_code == 413, response.text
        assert response.json() == {"error": "payload_too_large", "detail": "the request body is larger than 10000 "
                                   "bytes"}
    small = client.post("/sparql", content="ASK { ?s ?p ?o }", headers={"Content-Type": "application/sparql-query"})
    assert small.status_code == 200 and small.json()["boolean"] is True


def test_a_body_without_a_length_is_cut_off_at_the_limit(settings: Settings):
    client = TestClient(create_app(settings.model_copy(update={"max_body_bytes": 10_000})))
    chunks = (b"ASK { ?s ?p ?o } #" + b"x" * 1000 for _ in range(30))
    response = client.post("/sparql", content=chunks, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413 and response.json()["error"] == "payload_too_large"


CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""About 7 * 10^10 solutions on the real graph: never finishes on its own."""
ENDLESS_CYPHER = "UNWIND range(1, 3000000000) AS x RETURN count(x)"


def _timed(call: Callable[[], httpx.Response]) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_a_pathological_sparql_query_stops_at_its_timeout_while_others_are_answered(settings: Settings, serve):
    url = serve(settings.model_copy(update={"sparql_timeout_s": 4.0, "sparql_workers": 2}))
    with ThreadPoolExecutor(2) as pool:
        # both workers up (each starts and opens the build on its first query, which the timeout does not count)
        warm = [pool.submit(httpx.get, f"{url}/sparql", params={"query": "ASK {}"}, timeout=60) for _ in range(2)]
        assert [w.result().status_code for w in warm] == [200, 200]
        slow = pool.submit(_timed, lambda: httpx.get(f"{url}/sparql", params={"query": CROSS_PRODUCT}, timeout=60))
        time.sleep(0.5)
        others = [_timed(lambda: httpx.get(f"{url}/api/entities/municipality/71016", timeout=10)),
                  _timed(lambda: httpx.get(f"{url}/sparql", params={"query": MUNICIPALITIES}, headers=JSON,
                                           timeout=10)),
                  _timed(lambda: httpx.get(f"{url}/api/gaps", timeout=10)),
                  _timed(lambda: httpx.get(f"{url}/health", timeout=10))]
        assert not slow.done(), "the pathological query ended before the others were asked"
        stopped, elapsed = slow.result()
    assert [r.status_code for r, _ in others] == [200, 200, 200, 200]
    assert max(seconds for _, seconds in others) < 3.0
    assert len(others[1][0].json()["results"]["bindings"]) == 50
    assert stopped.status_code == 504 and stopped.json()["error"] == "query_timeout"
    assert 4.0 - 0.5 <= elapsed < 4.0 + 3.0


@pytest.mark.neo4j
def test_a_pathological_cypher_query_stops_at_its_timeout_while_others_are_answered(settings: Settings, serve,
                                                                                    neo4j_graph):
    url = serve(settings.model_copy(update={"cypher_timeout_s": 4.0}))
    with ThreadPoolExecutor(2) as pool:
        slow = pool.submit(_timed, lambda: httpx.post(f"{url}/cypher", json={"query": ENDLESS_CYPHER}, timeout=60))
        time.sleep(0.5)
        count = _timed(lambda: httpx.post(f"{url}/cypher", timeout=10,
                                          json={"query": "MATCH (m:Municipality) RETURN count(m) AS n"}))
        entity = _timed(lambda: httpx.get(f"{url}/api/entities/municipality/71016", timeout=10))
        assert not slow.done(), "the pathological query ended before the others were asked"
        stopped, elapsed = slow.result()
    assert count[0].json()["data"] == [[50]] and entity[0].status_code == 200
    assert max(count[1], entity[1]) < 3.0
    assert stopped.status_code == 400 and "longer than 4 s" in stopped.json()["detail"]
    assert 4.0 - 0.5 <= elapsed < 4.0 + 3.0
