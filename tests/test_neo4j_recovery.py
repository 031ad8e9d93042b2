"""A real outage: stop the local Neo4j, /cypher says 503 and the rest works; start it, /cypher works again
in the same app, without a restart. Needs the server of scripts/neo4j-local.sh (not an external one)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from api.app import create_app

pytestmark = pytest.mark.neo4j
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-local.sh"


def script(command: str, port: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEO4J_PORT": str(port)}
    return subprocess.run([str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=180)


def test_cypher_recovers_after_a_real_restart(settings, neo4j_graph):
    port = urlparse(settings.neo4j_uri).port or 7687
    status = script("status", port)
    if status.returncode != 0 or f":{port})" not in status.stdout:
        pytest.skip(f"Neo4j at {settings.neo4j_uri} is not the one of scripts/neo4j-local.sh ({status.stdout.strip()})")
    client = TestClient(create_app(settings))
    query = {"query": "MATCH (n) RETURN count(n) AS nodes"}
    assert client.post("/cypher", json=query).json()["data"] == [[sum(neo4j_graph.nodes.values())]]
    stopped = script("stop", port)
    try:
        assert stopped.returncode == 0, stopped.stderr
        down = client.post("/cypher", json=query)
        assert down.status_code == 503 and "is not reachable" in down.json()["detail"]
        assert client.get("/health").json()["backends"]["neo4j"] == "down"
        assert client.get("/api/entities/municipality/71016").status_code == 200
    finally:
        started = script("start", port)
    assert started.returncode == 0, started.stderr
    assert client.get("/health").json()["backends"]["neo4j"] == "up"
    up = client.post("/cypher", json=query)
    assert up.status_code == 200 and up.json()["data"] == [[sum(neo4j_graph.nodes.values())]]
