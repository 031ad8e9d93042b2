"""Shared fixtures: the real data built once per session into a temporary store, and the app on it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.build import build
from graph.settings import Settings, default_data
from graph.store import open_current
from loaders.records import Key, Record

DATA = default_data()
BASE = "https://w3id.org/lires/"


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Path:
    """A store with the real data/ built into it (once per test session)."""
    path = tmp_path_factory.mktemp("store")
    build(DATA, path, BASE)
    return path


@pytest.fixture(scope="session")
def records(store: Path) -> dict[Key, Record]:
    """The canonical records of the session's build, by key."""
    return {r.key: r for r in open_current(store).records}


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
