"""The real Fuseki and Virtuoso that scripts/test.sh starts take the real graph: Genk's description from the
build, loaded with the Graph Store Protocol or SPARQL Update, comes back unchanged from a SPARQL SELECT over
HTTP; writes without the credentials are refused. Each runs against both servers, on its own named graph."""

from __future__ import annotations

import uuid

import httpx
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD as xsd

JSON_RESULTS = {"Accept": "application/sparql-results+json"}
GENK = "https://w3id.org/lires/id/municipality/71016"


@pytest.fixture(
    params=[pytest.param("fuseki", marks=pytest.mark.fuseki), pytest.param("virtuoso", marks=pytest.mark.virtuoso)]
)
def server(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def graph_iri(server):
    """A fresh named graph, dropped after the test."""
    iri = f"urn:lires:test:{uuid.uuid4()}"
    yield iri
    httpx.post(server.update_url, data={"update": f"DROP SILENT GRAPH <{iri}>"}, auth=server.auth, timeout=30)


@pytest.fixture(scope="module")
def genk(client) -> Graph:
    """Genk's description from the session's build, as the app serves it (N-Triples)."""
    response = client.get("/doc/municipality/71016", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="nt")
    assert len(graph) > 10
    return graph


def term(binding: dict):
    """An rdflib term from a SPARQL JSON results binding (Virtuoso writes typed literals as "typed-literal",
    the SPARQL 1.0 draft's name)."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    assert kind in ("literal", "typed-literal"), binding
    return Literal(value, lang=binding.get("xml:lang"), datatype=binding.get("datatype"))


def triples_in(server, graph_iri: str) -> set[tuple]:
    """Every triple of ``graph_iri``, read with a SPARQL SELECT through the query endpoint."""
    response = httpx.post(
        server.query_url,
        data={"query": f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"},
        headers=JSON_RESULTS,
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return {(term(b["s"]), term(b["p"]), term(b["o"])) for b in response.json()["results"]["bindings"]}


def test_graph_store_protocol_load_and_read_back(server, graph_iri, genk):
    put = httpx.put(
        server.gsp_url,
        params={"graph": graph_iri},
        content=genk.serialize(format="nt"),
        headers={"Content-Type": "application/n-triples"},
        auth=server.auth,
        timeout=30,
    )
    assert put.status_code in (200, 201, 204), put.text
    assert triples_in(server, graph_iri) == set(genk)
    assert (URIRef(GENK), URIRef("https://w3id.org/lires/ns#nisCode"), Literal("71016")) in set(genk)
    get = httpx.get(
        server.gsp_url, params={"graph": graph_iri}, headers={"Accept": "text/turtle"}, auth=server.auth, timeout=30
    )
    assert get.status_code == 200 and set(Graph().parse(data=get.text, format="turtle")) == set(genk)
    deleted = httpx.delete(server.gsp_url, params={"graph": graph_iri}, auth=server.auth, timeout=30)
    assert deleted.status_code in (200, 204), deleted.text
    assert triples_in(server, graph_iri) == set()


def test_sparql_update_load_and_read_back(server, graph_iri, genk):
    insert = f"INSERT DATA {{ GRAPH <{graph_iri}> {{ {genk.serialize(format='nt')} }} }}"
    response = httpx.post(server.update_url, data={"update": insert}, auth=server.auth, timeout=30)
    assert response.status_code in (200, 204), response.text
    assert triples_in(server, graph_iri) == set(genk)
    facts = httpx.post(
        server.query_url,
        headers=JSON_RESULTS,
        timeout=30,
        data={
            "query": f"""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX lires: <https://w3id.org/lires/ns#>
        SELECT ?name ?population ?date WHERE {{ GRAPH <{graph_iri}> {{
          <{GENK}> skos:prefLabel ?name ; lires:population ?population ; lires:populationDate ?date }} }}"""
        },
    )
    assert [(term(b["name"]), term(b["population"]), term(b["date"])) for b in facts.json()["results"]["bindings"]] == [
        (Literal("Genk", lang="nl"), Literal("66447", datatype=xsd.integer), Literal("2020-01-01", datatype=xsd.date))
    ]


def test_writes_without_credentials_are_refused(server, graph_iri):
    update = httpx.post(
        server.update_url,
        data={"update": f"INSERT DATA {{ GRAPH <{graph_iri}> {{ <{GENK}> <urn:x> 1 }}}} }}}}"},
        timeout=30,
    )
    put = httpx.put(
        server.gsp_url,
        params={"graph": graph_iri},
        content=f"<{GENK}> <urn:x> 1 .",
        headers={"Content-Type": "application/n-triples"},
        timeout=30,
    )
    wrong = httpx.put(
        server.gsp_url,
        params={"graph": graph_iri},
        content=f"<{GENK}> <urn:x> 1 .",
        headers={"Content-Type": "application/n-triples"},
        timeout=30,
        auth=type(server.auth)("lires", "not-the-password"),
    )
    assert (update.status_code, put.status_code, wrong.status_code) == (401, 401, 401)
    assert triples_in(server, graph_iri) == set()
