"""A real outage: stop the local Neo4j while a query runs; that query and the next get 503, /health says
degraded and the rest works; start it, /cypher works again in the same app, without a restart. Needs the server
of scripts/neo4j-local.sh (not an external one)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.support import ROOT

pytestmark = pytest.mark.neo4j
SCRIPT = ROOT / "scripts" / "neo4j-local.sh"


def script(command: str, port: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEO4J_PORT": str(port)}
    return subprocess.run([str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=180)


def test_cypher_recovers_after_a_real_restart(settings, neo4j_graph):
    port = urlparse(settings.neo4j_uri).port or 7687
    status = script("status", port)
    if status.returncode != 0 or f":{port})" not in status.stdout:
        pytest.skip(f"Neo4j at {settings.neo4j_uri} is not the one of scripts/neo4j-local.sh ({status.stdout.strip()})")
    client = TestClient(create_app(settings.model_copy(update={"cypher_timeout_s": 120.0})))
    query = {"query": "MATCH (n) WHERE NOT n:LoadState RETURN count(n) AS nodes"}
    assert client.post("/cypher", json=query).json()["data"] == [[sum(neo4j_graph.nodes.values())]]
    in_flight: list = []
    slow = threading.Thread(
        target=lambda: in_flight.append(
            client.post("/cypher", json={"query": "UNWIND range(1, 3000000000) AS x RETURN count(x)"})
        )
    )
    slow.start()
    time.sleep(1)  # the slow query is running when the server goes down
    stopped = script("stop", port)
    try:
        assert stopped.returncode == 0, stopped.stderr
        slow.join(timeout=120)
        assert in_flight[0].status_code == 503 and in_flight[0].json()["error"] == "service_unavailable"
        down = client.post("/cypher", json=query)
        assert down.status_code == 503 and "is not reachable" in down.json()["detail"]
        health = client.get("/health").json()
        assert health["backends"]["neo4j"] == "down" and health["status"] == "degraded"
        assert client.get("/api/entities/municipality/71016").status_code == 200
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
    finally:
        started = script("start", port)
    assert started.returncode == 0, started.stderr
    assert client.get("/health").json()["backends"]["neo4j"] == "up"
    up = client.post("/cypher", json=query)
    assert up.status_code == 200 and up.json()["data"] == [[sum(neo4j_graph.nodes.values())]]
