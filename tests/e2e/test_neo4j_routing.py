"""Neo4j beyond one server: the routing scheme (``neo4j://``, what a cluster or Aura needs) and a named database
(NEO4J_DATABASE) work for the load, /cypher and /health, tested against the local server, which routes to itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from api.settings import ApiSettings
from graph.neo4j.client import connect
from graph.neo4j.load import load
from graph.neo4j.projection import project
from graph.store import open_current
from tests.support import BASE, DATA, UNLIMITED

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def routing(neo4j_driver, store: Path) -> ApiSettings:
    """Settings reaching the configured server through the routing scheme, on its database ``neo4j`` by name."""
    config = ApiSettings()
    assert config.neo4j_uri is not None
    uri = "neo4j://" + config.neo4j_uri.split("://", 1)[1]
    return ApiSettings(
        store=store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED, neo4j_uri=uri, neo4j_database="neo4j"
    )


def test_the_load_through_the_routing_scheme_is_batched_and_idempotent(routing: ApiSettings, store: Path, neo4j_graph):
    current = open_current(store)
    projection = project(current.records, current.manifest["base_iri"])
    batches: list[int] = []
    with connect(routing) as driver:
        driver.verify_connectivity()
        report = load(driver, projection, batch_size=200, advance=batches.append, database=routing.neo4j_database)
        again = load(driver, projection, batch_size=200, database=routing.neo4j_database)
    assert report.nodes == neo4j_graph.nodes and report.relationships == neo4j_graph.relationships
    assert max(batches) == 200 and sum(batches) == projection.size and len(batches) > projection.size // 200
    assert not again.changed and set(again.counters.values()) == {0}


def test_cypher_and_health_through_the_routing_scheme(routing: ApiSettings, neo4j_graph):
    with TestClient(create_app(routing)) as client:
        assert client.get("/health").json()["backends"]["neo4j"] == "up"
        answer = client.post("/cypher", json={"query": "MATCH (m:Municipality {key: '71016'}) RETURN m.name_nl AS n"})
        assert answer.status_code == 200 and answer.json()["data"] == [["Genk"]]


def test_an_unknown_database_is_named_in_the_error(routing: ApiSettings, neo4j_graph):
    with TestClient(create_app(routing.model_copy(update={"neo4j_database": "nosuchdb"}))) as client:
        answer = client.post("/cypher", json={"query": "RETURN 1"})
        assert answer.status_code == 503 and "no database 'nosuchdb' (NEO4J_DATABASE)" in answer.json()["detail"]


def test_a_uri_with_another_scheme_is_refused_at_start_up():
    with pytest.raises(ValidationError, match=r"NEO4J_URI must start with one of bolt://.*neo4j\+s://"):
        ApiSettings(base_iri=BASE, neo4j_uri="http://127.0.0.1:7474", neo4j_user="neo4j", neo4j_password="x" * 8)
