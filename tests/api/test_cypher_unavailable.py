"""Without a reachable Neo4j, /cypher answers 503 with a clear message and the rest of the API keeps working."""

from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient

from api.app import create_app


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(params=["not configured", "down"])
def case(request, settings):
    neo4j = (
        {"neo4j_uri": None, "neo4j_user": None, "neo4j_password": None}
        if request.param == "not configured"
        else {"neo4j_uri": f"bolt://127.0.0.1:{closed_port()}", "neo4j_user": "neo4j", "neo4j_password": "x" * 8}
    )
    return request.param, TestClient(create_app(settings.model_copy(update=neo4j)))


def test_cypher_is_503_and_says_why(case):
    state, client = case
    response = client.post("/cypher", json={"query": "MATCH (n) RETURN count(n)"})
    assert response.status_code == 503
    assert response.json()["error"] == "service_unavailable"
    expected = "set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD" if state == "not configured" else "is not reachable"
    assert expected in response.json()["detail"]


def test_health_and_the_rest_of_the_api_keep_working(case):
    state, client = case
    health = client.get("/health").json()
    assert health["backends"] == {"neo4j": state}
    assert health["status"] == ("ok" if state == "not configured" else "degraded")
    genk = client.get("/api/entities/municipality/71016")
    assert genk.status_code == 200 and genk.json()["label"] == "Genk"
    sparql = client.get(
        "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+json"}
    )
    assert sparql.status_code == 200 and sparql.json()["boolean"] is True
