"""A build on a remote SPARQL store is atomic too: it loads into a new named graph, switches, then drops the old
graphs; a failed build leaves the previous graph serving and nothing of its own in the store. Run against each real
store (Fuseki, Virtuoso) of bench.servers.STORE_SERVERS."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.build import build
from graph.settings import Settings
from graph.store import current_path, open_current
from graph.stores.base import StoreUnavailable
from graph.stores.sparql import SparqlGraph, SparqlStore
from records.findings import DataError
from tests.support import BASE, DATA, UNLIMITED


@pytest.fixture
def settings(remote_server: dict, tmp_path: Path) -> Settings:
    """Settings for a fresh store directory whose RDF goes to the remote store of ``remote_server``."""
    return Settings(store=tmp_path / "store", base_iri=BASE, **{k: v for k, v in remote_server.items() if k != "name"})


def graphs(settings: Settings) -> set[str]:
    """The named graphs of the remote store that belong to the builds of ``settings.store`` and hold triples."""
    builds = settings.store / "builds"
    names = [f"{BASE}graph/{p.name}" for p in builds.iterdir()] if builds.exists() else []
    held = set()
    for name in names:
        response = httpx.post(
            str(settings.rdf_store_query_url),
            data={"query": f"SELECT ?s WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }} LIMIT 1"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=60,
        )
        response.raise_for_status()
        if response.json()["results"]["bindings"]:
            held.add(name)
    return held


def every_graph(settings: Settings) -> set[str]:
    """Every named graph of the remote store under ``{base}graph/`` (whichever store directory made it)."""
    query = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{BASE}graph/")) }}'
    response = httpx.post(
        str(settings.rdf_store_query_url),
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=300,
    )
    response.raise_for_status()
    return {row["g"]["value"] for row in response.json()["results"]["bindings"]}


def test_a_rebuild_switches_to_a_new_graph_and_drops_the_previous_one(settings: Settings):
    rdf = SparqlStore(settings)
    first = build(DATA, settings.store, BASE, rdf=rdf)
    second = build(DATA, settings.store, BASE, rdf=rdf)
    assert current_path(settings.store) == second.path.resolve()
    current = open_current(settings.store, rdf)
    assert graphs(settings) == {current.manifest["rdf"]["graph"]} == {f"{BASE}graph/{second.path.name}"}
    assert first.path.name not in current.manifest["rdf"]["graph"] and second.leftovers is None
    assert current.rdf.count() == second.triples == 10_638
    current.rdf.discard()


def test_a_failed_build_leaves_the_previous_graph_serving(settings: Settings, tmp_path: Path):
    rdf = SparqlStore(settings)
    build(DATA, settings.store, BASE, rdf=rdf)
    before = current_path(settings.store)
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    organisations = data / "organisations.csv"
    organisations.write_text(
        organisations.read_text(encoding="utf-8").replace("trade_union", "union", 1), encoding="utf-8"
    )
    graphs_before = every_graph(settings)
    with pytest.raises(DataError, match=r"organisations\.csv"):
        build(data, settings.store, BASE, rdf=rdf)
    assert current_path(settings.store) == before
    current = open_current(settings.store, rdf)
    assert every_graph(settings) == graphs_before, "the failed build's partial graph was dropped"
    assert graphs(settings) == {current.manifest["rdf"]["graph"]}
    app = ApiSettings(**settings.model_dump(), rate_limit=UNLIMITED)
    with TestClient(create_app(app)) as client:
        answer = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "format": "csv"})
        assert answer.text.splitlines() == ["n", "10638"]
        assert client.get("/api/entities/municipality/71016").json()["label"] == "Genk"
    current.rdf.discard()


def test_a_killed_builds_graph_is_dropped_by_the_next_build(settings: Settings):
    rdf = SparqlStore(settings)
    killed = settings.store / "builds" / "20260101T000000000000-killed"
    killed.mkdir(parents=True)
    leftover = rdf.create(killed)
    assert isinstance(leftover, SparqlGraph)
    leftover.load([ox.Quad(ox.NamedNode(f"{BASE}id/x/y"), ox.NamedNode(f"{BASE}ns#z"), ox.Literal("left over"))])
    assert graphs(settings) == {leftover.iri}
    report = build(DATA, settings.store, BASE, rdf=rdf)
    assert graphs(settings) == {f"{BASE}graph/{report.path.name}"}
    assert not killed.exists()
    open_current(settings.store, rdf).rdf.discard()


def test_sparql_update_loads_a_store_without_the_graph_store_protocol(settings: Settings):
    rdf = SparqlStore(settings.model_copy(update={"rdf_store_data_url": None}))
    report = build(DATA, settings.store, BASE, rdf=rdf)
    current = open_current(settings.store, rdf)
    assert current.rdf.count() == report.triples == 10_638
    current.rdf.discard()
    assert graphs(settings) == set()


def test_an_unreachable_store_fails_the_build_and_changes_nothing(tmp_path: Path):
    down = Settings(
        store=tmp_path / "store",
        base_iri=BASE,
        rdf_store="sparql",
        rdf_store_query_url="http://127.0.0.1:9/sparql",  # the discard port: nothing listens on loopback
        rdf_store_data_url="http://127.0.0.1:9/data",
    )
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        build(DATA, down.store, BASE, rdf=SparqlStore(down))
    assert not (down.store / "current").exists()
    assert list((down.store / "builds").iterdir()) == []
