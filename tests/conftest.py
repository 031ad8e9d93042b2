"""Shared fixtures: the real data built once per session into a temporary store, the app on it, and the
real Neo4j server (NEO4J_URI) with that build loaded into it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j.exceptions import DriverError, Neo4jError

from api.app import create_app
from graph.build import build
from graph.neo4j_client import connect
from graph.neo4j_load import LoadReport, load
from graph.neo4j_projection import project
from graph.settings import Settings, default_data
from graph.store import open_current

DATA = default_data()
BASE = "https://w3id.org/lires/"
NEO4J_HINT = ("start one with `NEO4J_PASSWORD=lires-dev-password scripts/neo4j-local.sh start` and export "
              "NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=lires-dev-password "
              "(make test does both)")


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Path:
    """A store with the real data/ built into it (once per test session)."""
    path = tmp_path_factory.mktemp("store")
    build(DATA, path, BASE)
    return path


@pytest.fixture(scope="session")
def settings(store: Path) -> Settings:
    """Settings pointing at the session's store, with Neo4j taken from the environment if set."""
    return Settings(store=store, data=DATA, base_iri=BASE)


@pytest.fixture(scope="session")
def client(settings: Settings) -> TestClient:
    """The real app on the real built graph."""
    return TestClient(create_app(settings))


def neo4j_required() -> bool:
    """True when Neo4j tests must fail (not skip) without a server: LIRES_REQUIRE_NEO4J=1."""
    return os.environ.get("LIRES_REQUIRE_NEO4J") == "1"


def neo4j_unavailable(reason: str) -> None:
    """Skip the test, saying how to start Neo4j; fail it instead when LIRES_REQUIRE_NEO4J=1."""
    if neo4j_required():
        pytest.fail(f"{reason}, and LIRES_REQUIRE_NEO4J=1 requires a Neo4j server: {NEO4J_HINT}", pytrace=False)
    pytest.skip(f"{reason}: {NEO4J_HINT}")


@pytest.fixture(scope="session")
def neo4j_driver():
    """A driver for the real Neo4j server of NEO4J_URI (checked to answer); see neo4j_unavailable."""
    config = Settings()
    if not config.neo4j_uri:
        neo4j_unavailable("NEO4J_URI is not set")
    driver = connect(config)
    try:
        driver.verify_connectivity()
    except (Neo4jError, DriverError) as exc:
        driver.close()
        neo4j_unavailable(f"Neo4j at {config.neo4j_uri} does not answer ({exc})")
    yield driver
    driver.close()


@pytest.fixture(scope="session")
def neo4j_graph(neo4j_driver, store: Path) -> LoadReport:
    """The session's build of the real data loaded into Neo4j (full sync: the database holds only it).

    Tests that change the database must load this build again before they end.
    """
    current = open_current(store)
    return load(neo4j_driver, project(current.records, current.manifest["base_iri"]))
