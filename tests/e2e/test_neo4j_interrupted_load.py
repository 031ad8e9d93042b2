"""Nothing half-written looks healthy: a real ``lires neo4j-load`` killed with SIGKILL half-way leaves Neo4j marked
incomplete; /health, /cypher and ``lires neo4j-load --status`` say so and name the last complete load, and the
next load makes the graph whole again.

The killed load is of a second build of the real data under another base IRI, so every node it writes replaces
one of the session's build: half-way, Neo4j holds nodes of both builds, some without their relationships."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.build import build
from graph.neo4j import load_state
from graph.neo4j.projection import project
from graph.store import open_current
from tests.support import BASE, DATA, LIRES, load_build

pytestmark = pytest.mark.neo4j

OTHER_BASE = "https://example.org/lires/"


@pytest.fixture(scope="module")
def other_store(tmp_path_factory) -> Path:
    """The real data built again under OTHER_BASE."""
    store = tmp_path_factory.mktemp("other-base") / "store"
    build(DATA, store, OTHER_BASE)
    return store


def _count(driver, base: str) -> int:
    query = "MATCH (n) WHERE n.iri STARTS WITH $base RETURN count(n) AS n"
    return driver.execute_query(query, base=base).records[0]["n"]


def _marker(driver) -> load_state.LoadState | None:
    with driver.session() as session:
        return load_state.read(session)


def _lires(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(LIRES), *args], capture_output=True, text=True, timeout=300, env=os.environ)


def test_a_killed_load_is_visible_and_the_next_one_makes_the_graph_whole(
    neo4j_driver, neo4j_graph, store: Path, other_store: Path, settings: ApiSettings
):
    complete, other = open_current(store), open_current(other_store)
    assert _marker(neo4j_driver).complete and _marker(neo4j_driver).build == complete.id
    killed = subprocess.Popen(
        [str(LIRES), "neo4j-load", "--store", str(other_store), "--batch-size", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while _count(neo4j_driver, OTHER_BASE) < 20:  # half-way: some nodes of the other build are written
            assert killed.poll() is None and time.monotonic() < deadline, "the load ended before it could be killed"
            time.sleep(0.05)
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        app = TestClient(create_app(settings))
        assert _count(neo4j_driver, OTHER_BASE) > 0 and _count(neo4j_driver, BASE) > 0, "not half-written"

        marker = _marker(neo4j_driver)
        assert (marker.state, marker.build, marker.complete_build) == ("loading", other.id, complete.id)
        status = _lires("neo4j-load", "--status")
        assert status.returncode == 1
        said = " ".join((status.stdout + status.stderr).split())
        assert f"incomplete: a load of build {other.id} started at" in said
        assert f"the last complete load was of build {complete.id} at" in said
        health = app.get("/health").json()
        assert (health["status"], health["backends"]["neo4j"]) == ("degraded", "incomplete")
        assert health["neo4j_load"]["state"] == "loading" and health["neo4j_load"]["build"] == other.id
        assert health["neo4j_load"]["complete_build"] == complete.id
        refused = app.post("/cypher", json={"query": "MATCH (m:Municipality) RETURN count(m)"})
        assert refused.status_code == 503 and "half-written" in refused.json()["detail"]

        finished = _lires("neo4j-load", "--store", str(other_store))
        assert finished.returncode == 0, finished.stdout + finished.stderr
        expected = project(other.records, OTHER_BASE)
        assert _count(neo4j_driver, BASE) == 0
        assert _count(neo4j_driver, OTHER_BASE) == sum(expected.node_counts().values())
        relationships = neo4j_driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n").records[0]["n"]
        assert relationships == sum(expected.relationship_counts().values())
        marker = _marker(neo4j_driver)
        assert (marker.state, marker.build, marker.complete_build) == ("complete", other.id, other.id)
        assert _lires("neo4j-load", "--status").returncode == 0
        health = app.get("/health").json()
        assert (health["status"], health["backends"]["neo4j"]) == ("ok", "up")
        assert app.post("/cypher", json={"query": "MATCH (m:Municipality) RETURN count(m)"}).json()["data"] == [[50]]
    finally:
        if killed.poll() is None:
            killed.kill()
        load_build(neo4j_driver, complete)
