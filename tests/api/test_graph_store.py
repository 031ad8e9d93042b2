"""/graph-store: the Graph Store Protocol's read operations (GET, HEAD with ?default or ?graph=), listed in the
service description; /sparql refuses Graph Store parameters with a pointer instead of answering with its own
description."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from tests.support import BASE

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")


def test_get_default_is_the_whole_default_graph(client, store):
    response = client.get("/graph-store?default", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/n-triples")
    served = {q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)}
    stored = {q.triple for q in ox.Store.read_only(str(store / "current" / "oxigraph"))}
    assert served == stored and len(served) > 4000


@pytest.mark.parametrize(("fmt", "parser"), [("ttl", "turtle"), ("jsonld", "json-ld"), ("rdfxml", "xml")])
def test_every_graph_format(client, fmt, parser):
    graph = rdflib.Graph().parse(data=client.get(f"/graph-store?default&format={fmt}").content, format=parser)
    genk = rdflib.URIRef(f"{BASE}id/municipality/71016")
    assert graph.value(genk, rdflib.URIRef("https://w3id.org/lires/ns#nisCode")) == rdflib.Literal("71016")


def test_head_and_conditional_get(client):
    head = client.head("/graph-store?default")
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"]
    again = client.get("/graph-store?default", headers={"If-None-Match": head.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("", 400, "exactly one of ?default"),
        ("?default&graph=urn:x", 400, "exactly one of ?default"),
        ("?graph=not%20an%20iri", 400, "not an absolute IRI"),
        ("?graph=http%3A%2F%2Fexample.org%2Fg", 404, "all data is in the default graph"),
    ],
)
def test_bad_graph_requests(client, query, status, says):
    response = client.get(f"/graph-store{query}")
    assert response.status_code == status and says in response.json()["detail"]


def test_writes_are_refused(client):
    assert client.put("/graph-store?default", content=b"", headers={"content-type": "text/turtle"}).status_code == 405
    assert client.delete("/graph-store?default").status_code == 405


@pytest.mark.parametrize("query", ["graph=default", "graph=http%3A%2F%2Fexample.org%2Fg", "default"])
def test_sparql_refuses_graph_store_parameters(client, query):
    response = client.get(f"/sparql?{query}", headers={"Accept": "text/turtle"})
    assert response.status_code == 400 and "/graph-store?default" in response.json()["detail"]


def test_service_description_lists_the_graph_store(client):
    sd = rdflib.Graph().parse(data=client.get("/sparql", headers={"Accept": "text/turtle"}).content, format="turtle")
    (service,) = sd.subjects(rdflib.RDF.type, SD.Service)
    graph_store = sd.value(service, rdflib.RDFS.seeAlso)
    assert graph_store == rdflib.URIRef(f"{BASE}id/dataservice/graph-store")
    assert sd.value(graph_store, DCAT.endpointURL) == rdflib.URIRef(f"{BASE}graph-store")
    assert sd.value(graph_store, rdflib.DCTERMS.conformsTo) == rdflib.URIRef(
        "https://www.w3.org/TR/sparql11-http-rdf-update/"
    )
