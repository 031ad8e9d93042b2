"""Fair sharing: one client cannot take every SPARQL worker or every Cypher slot, and routes that never query
(/health, /doc, pages) do not wait on the query engines. Two clients on loopback: the greedy one connects from
127.0.0.2, the others from 127.0.0.1; the served app sees them as two addresses."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from api.settings import ApiSettings

JSON = {"Accept": "application/sparql-results+json"}
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ENDLESS_CYPHER = "UNWIND range(1, 3000000000) AS x RETURN count(x)"


def _timed(call: Callable[[], httpx.Response]) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


@pytest.fixture
def clients() -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """(greedy, other): HTTP clients that connect from 127.0.0.2 and from 127.0.0.1."""
    greedy = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=60)
    other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.1"), timeout=60)
    yield greedy, other
    greedy.close()
    other.close()


def test_one_client_cannot_take_every_sparql_worker(settings: ApiSettings, serve, clients):
    greedy, other = clients
    url = serve(settings.model_copy(update={"sparql_timeout_s": 4.0, "sparql_workers": 2, "queries_per_client": 1}))
    assert other.get(f"{url}/sparql", params={"query": "ASK {}"}, headers=JSON).status_code == 200  # workers up
    with ThreadPoolExecutor(6) as pool:
        heavy = [
            pool.submit(_timed, lambda: greedy.get(f"{url}/sparql", params={"query": CROSS_PRODUCT})) for _ in range(4)
        ]
        time.sleep(1.0)
        light = [_timed(lambda: other.get(f"{url}/sparql", params={"query": "ASK {}"}, headers=JSON)) for _ in range(5)]
        done = [future.result() for future in heavy]
    assert [r.status_code for r, _ in light] == [200] * 5
    assert max(seconds for _, seconds in light) < 1.0
    # one heavy query runs and one waits its turn (both stopped at the timeout); the other two are refused at once
    refused = [(r, seconds) for r, seconds in done if r.status_code == 503]
    assert sorted(r.status_code for r, _ in done) == [503, 503, 504, 504]
    for response, seconds in refused:
        assert seconds < 1.0 and response.json()["error"] == "overloaded"
        assert "127.0.0.2 already has 2 SPARQL queries" in response.json()["detail"]
        assert response.headers["Retry-After"] == "4"


@pytest.mark.neo4j
def test_a_flood_of_cypher_from_one_client_leaves_the_rest_of_the_app_answering(
    settings: ApiSettings, serve, clients, neo4j_graph
):
    greedy, other = clients
    url = serve(settings.model_copy(update={"cypher_timeout_s": 4.0, "queries_per_client": 1}))
    assert other.get(f"{url}/doc/municipality/71016", headers={"Accept": "text/html"}).status_code == 200  # warm
    with ThreadPoolExecutor(42) as pool:
        flood = [
            pool.submit(_timed, lambda: greedy.post(f"{url}/cypher", json={"query": ENDLESS_CYPHER})) for _ in range(42)
        ]
        time.sleep(1.0)
        others = [
            _timed(lambda: other.get(f"{url}/health")),
            _timed(lambda: other.get(f"{url}/doc/municipality/71016", headers={"Accept": "text/html"})),
            _timed(lambda: other.get(f"{url}/api/entities/municipality/71016")),
            _timed(lambda: other.post(f"{url}/cypher", json={"query": "MATCH (m:Municipality) RETURN count(m)"})),
        ]
        done = [future.result() for future in flood]
    assert [r.status_code for r, _ in others] == [200, 200, 200, 200]
    assert others[3][0].json()["data"] == [[50]]
    assert max(seconds for _, seconds in others) < 2.0, [round(s, 2) for _, s in others]
    statuses = [r.status_code for r, _ in done]
    assert statuses.count(503) == 40 and statuses.count(400) == 2  # two ran (one after the other) until the timeout
    assert all(seconds < 2.0 for r, seconds in done if r.status_code == 503)
