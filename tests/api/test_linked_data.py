"""Dereferenceable IRIs and the vocabulary: /id -> 303 -> /doc (HTML or RDF), /ns, unknown IRIs 404."""

from __future__ import annotations

import warnings

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient

from api.app import create_app
from tests.support import BASE

LIRES = rdflib.Namespace("https://w3id.org/lires/ns#")
OWL_SAME_AS = rdflib.OWL.sameAs
RDF_FORMATS = [
    ("text/turtle", "turtle"),
    ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"),
]


def test_thing_iri_answers_303_to_its_document(client):
    response = client.get("/id/municipality/71016", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/doc/municipality/71016"


@pytest.mark.parametrize(
    "path",
    [
        "/id/municipality/99999",
        "/id/planet/earth",
        "/id/dataset/other",
        "/doc/municipality/99999",
        "/doc/organisation/no-such-org",
        "/id/municipality/Genk",
    ],
)
def test_unknown_iris_are_404(client, path):
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 404 and response.json()["error"] == "not_found"


def test_html_page_for_people_has_facts_links_and_sources(client):
    page = client.get("/id/municipality/71016", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Genk</h1>" in page.text and "66.447" in page.text  # Belgian thousands separator
    assert 'href="https://data.vlaanderen.be/id/gemeente/71016"' in page.text
    assert 'href="/doc/arrondissement/71000"' in page.text  # links
    assert "Bronnen" in page.text and 'rel="nofollow"' in page.text  # sources


@pytest.mark.parametrize(("accept", "fmt"), RDF_FORMATS)
def test_rdf_for_machines_in_every_format(client, accept, fmt):
    response = client.get("/doc/municipality/71016", headers={"Accept": accept})
    assert response.headers["content-type"].startswith(accept) and "Accept" in response.headers["vary"]
    assert 'rel="alternate"; type="text/turtle"' in response.headers["link"]
    graph = rdflib.Graph().parse(data=response.content, format=fmt)
    genk = rdflib.URIRef(f"{BASE}id/municipality/71016")
    assert graph.value(genk, LIRES.nisCode) == rdflib.Literal("71016")
    assert set(graph.objects(genk, OWL_SAME_AS)) == {
        rdflib.URIRef("https://data.vlaanderen.be/id/gemeente/71016"),
        rdflib.URIRef("http://www.wikidata.org/entity/Q189692"),
    }
    assert graph.value(rdflib.URIRef(f"{BASE}doc/municipality/71016"), rdflib.FOAF.primaryTopic) == genk
    arrondissement = rdflib.URIRef(f"{BASE}id/arrondissement/71000")
    assert rdflib.Literal("Arrondissement Hasselt", lang="nl") in set(
        graph.objects(arrondissement, rdflib.SKOS.prefLabel)
    )


def test_format_parameter_and_406(client):
    assert client.get("/doc/municipality/71016?format=nt").headers["content-type"].startswith("application/n-triples")
    refused = client.get("/doc/municipality/71016", headers={"Accept": "application/pdf"})
    assert refused.status_code == 406


def test_province_and_arrondissements_link_to_their_nuts_regions(client):
    expected = {
        "province/70000": "BE22",
        "arrondissement/71000": "BE224",
        "arrondissement/72000": "BE225",
        "arrondissement/73000": "BE223",
    }
    for path, code in expected.items():
        graph = rdflib.Graph().parse(data=client.get(f"/doc/{path}?format=ttl").content, format="turtle")
        assert graph.value(rdflib.URIRef(f"{BASE}id/{path}"), LIRES.nutsRegion) == rdflib.URIRef(
            f"http://data.europa.eu/nuts/code/{code}"
        )


def test_vocabulary_html_documents_every_term_the_data_uses(client, store):
    page = client.get("/ns", headers={"Accept": "text/html"})
    assert page.status_code == 200
    quads = list(ox.Store.read_only(str(store / "current" / "oxigraph")))
    properties = {q.predicate.value for q in quads} - {str(rdflib.RDF.type)}
    classes = {q.object.value for q in quads if q.predicate.value == str(rdflib.RDF.type)}
    for iri in properties | classes:
        assert f"<code>{iri}</code>" in page.text, iri
    assert 'id="nisCode"' in page.text and 'id="Municipality"' in page.text and 'id="nutsRegion"' in page.text


@pytest.mark.parametrize(("accept", "fmt"), RDF_FORMATS)
def test_vocabulary_rdf_defines_our_own_terms_as_the_data_uses_them(client, store, accept, fmt):
    response = client.get("/ns", headers={"Accept": accept})
    assert response.headers["content-type"].startswith(accept)
    ontology = rdflib.Graph().parse(data=response.content, format=fmt)
    assert (rdflib.URIRef("https://w3id.org/lires/ns"), rdflib.RDF.type, rdflib.OWL.Ontology) in ontology
    assert (LIRES.nisCode, rdflib.RDF.type, rdflib.OWL.DatatypeProperty) in ontology
    assert (LIRES.nutsRegion, rdflib.RDF.type, rdflib.OWL.ObjectProperty) in ontology
    ours = {
        q.predicate.value
        for q in ox.Store.read_only(str(store / "current" / "oxigraph"))
        if q.predicate.value.startswith(str(LIRES))
    }
    defined = {str(s) for s in ontology.subjects(rdflib.RDF.type, None)}
    assert ours <= defined
    declarations = {rdflib.OWL.Class, rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty}
    declarations |= {rdflib.OWL.AnnotationProperty, rdflib.RDFS.Datatype}
    others = [
        (p, o)
        for s, p, o in ontology
        if isinstance(s, rdflib.URIRef) and not str(s).startswith("https://w3id.org/lires/ns")
    ]
    assert others and all(p == rdflib.RDF.type and o in declarations for p, o in others)  # declared (OWL 2 DL)
    # as the data uses them, never restated


def test_jsonld_context_is_served_locally(client):
    response = client.get("/ns/context.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    assert response.json()["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"


def test_openapi_lists_each_linked_data_operation_once(settings):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # FastAPI warns on a duplicate operation id
        paths = TestClient(create_app(settings)).get("/openapi.json").json()["paths"]
    assert {
        "/sparql",
        "/dataset",
        "/dumps/{file}",
        "/dumps/csv/{name}",
        "/ns",
        "/ns/context.jsonld",
        "/id/{type}/{ref}",
        "/doc/{type}/{ref}",
    } <= set(paths)
    assert set(paths["/dataset"]) == {"get"}
