"""Limits: a per-client rate limit on the query endpoints, a request body size limit, and per-query timeouts that
stop a pathological query while other requests are answered. The pathological query comes from another client
(127.0.0.2): a client's own next query waits for its running one (tests/e2e/test_fair_share.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from api.settings import ApiSettings

JSON = {"Accept": "application/sparql-results+json"}


MUNICIPALITIES = "SELECT ?m WHERE { ?m a <https://w3id.org/lires/ns#Municipality> }"


CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


ENDLESS_CYPHER = "UNWIND range(1, 3000000000) AS x RETURN count(x)"


def _attacker() -> httpx.Client:
    """A client that connects from 127.0.0.2: to the app, another client than the tests' 127.0.0.1."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=60)


def _timed(call: Callable[[], httpx.Response]) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_a_pathological_sparql_query_stops_at_its_timeout_while_others_are_answered(settings: ApiSettings, serve):
    url = serve(settings.model_copy(update={"sparql_timeout_s": 4.0, "sparql_workers": 2}))
    others = [
        lambda: httpx.get(f"{url}/api/entities/municipality/71016", timeout=10),
        lambda: httpx.get(f"{url}/sparql", params={"query": MUNICIPALITIES}, headers=JSON, timeout=10),
        lambda: httpx.get(f"{url}/api/gaps", timeout=10),
        lambda: httpx.get(f"{url}/health", timeout=10),
    ]
    with ThreadPoolExecutor(2) as pool, _attacker() as attacker:
        # both workers up (each opens the build as it starts, which the timeout does not count), the app warm
        warm = [pool.submit(httpx.get, f"{url}/sparql", params={"query": "ASK {}"}, timeout=60) for _ in range(2)]
        assert [w.result().status_code for w in warm] == [200, 200]
        assert [other().status_code for other in others] == [200, 200, 200, 200]
        slow = pool.submit(_timed, lambda: attacker.get(f"{url}/sparql", params={"query": CROSS_PRODUCT}))
        time.sleep(0.5)
        answered = [_timed(other) for other in others]
        assert not slow.done(), "the pathological query ended before the others were asked"
        stopped, elapsed = slow.result()
    assert [r.status_code for r, _ in answered] == [200, 200, 200, 200]
    assert max(seconds for _, seconds in answered) < 3.0
    assert len(answered[1][0].json()["results"]["bindings"]) == 50
    assert stopped.status_code == 504 and stopped.json()["error"] == "query_timeout"
    assert 4.0 - 0.5 <= elapsed < 4.0 + 3.0


@pytest.mark.neo4j
def test_a_pathological_cypher_query_stops_at_its_timeout_while_others_are_answered(
    settings: ApiSettings, serve, neo4j_graph
):
    url = serve(settings.model_copy(update={"cypher_timeout_s": 4.0}))
    with ThreadPoolExecutor(2) as pool, _attacker() as attacker:
        slow = pool.submit(_timed, lambda: attacker.post(f"{url}/cypher", json={"query": ENDLESS_CYPHER}))
        time.sleep(0.5)
        count = _timed(
            lambda: httpx.post(
                f"{url}/cypher", timeout=10, json={"query": "MATCH (m:Municipality) RETURN count(m) AS n"}
            )
        )
        entity = _timed(lambda: httpx.get(f"{url}/api/entities/municipality/71016", timeout=10))
        assert not slow.done(), "the pathological query ended before the others were asked"
        stopped, elapsed = slow.result()
    assert count[0].json()["data"] == [[50]] and entity[0].status_code == 200
    assert max(count[1], entity[1]) < 3.0
    assert stopped.status_code == 400 and "longer than 4 s" in stopped.json()["detail"]
    assert 4.0 - 0.5 <= elapsed < 4.0 + 3.0
