"""Every IRI describes itself: the catalogue, its record, the dataset, each distribution, the data services and
the publisher (from the dataset description), the role scheme, its roles and the sources' publishers (from the
store) each answer /id/ with 303 to their own /doc/ page, which holds their own triples in every format."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from graph.publish.dumps import DUMPS
from tests.support import BASE

DESCRIBED = [
    ("catalog/lires", rdflib.URIRef("http://www.w3.org/ns/dcat#Catalog")),
    ("catalogrecord/lires", rdflib.URIRef("http://www.w3.org/ns/dcat#CatalogRecord")),
    ("dataset/lires", rdflib.URIRef("http://www.w3.org/ns/dcat#Dataset")),
    *((f"distribution/{d.replace('.', '-')}", rdflib.URIRef("http://www.w3.org/ns/dcat#Distribution")) for d in DUMPS),
    ("dataservice/sparql", rdflib.URIRef("http://www.w3.org/ns/dcat#DataService")),
    ("dataservice/graph-store", rdflib.URIRef("http://www.w3.org/ns/dcat#DataService")),
    ("agent/publisher", rdflib.DCTERMS.Agent),
    ("conceptscheme/role", rdflib.SKOS.ConceptScheme),
    ("role/founding-member", rdflib.URIRef("http://www.w3.org/ns/org#Role")),
    ("role/funder", rdflib.URIRef("http://www.w3.org/ns/prov#Role")),
    ("agent/github-vandenbroucke-belgian-municipalities", rdflib.DCTERMS.Agent),
]
FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/n-quads": "nquads",
    "text/n3": "n3",
    "text/plain": "nt",
}


@pytest.mark.parametrize(("path", "cls"), DESCRIBED)
def test_id_answers_303_to_its_own_document(client, path, cls):
    response = client.get(f"/id/{path}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/doc/{path}"


@pytest.mark.parametrize(("path", "cls"), DESCRIBED)
@pytest.mark.parametrize("media_type", FORMATS)
def test_doc_describes_the_thing_itself_in_every_format(client, path, cls, media_type):
    response = client.get(f"/doc/{path}", headers={"Accept": media_type})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    graph = rdflib.Dataset() if media_type == "application/n-quads" else rdflib.Graph()
    graph.parse(data=response.content, format=FORMATS[media_type])
    thing = rdflib.URIRef(f"{BASE}id/{path}")
    assert (thing, rdflib.RDF.type, cls) in graph
    subjects = {s for s in graph.subjects() if isinstance(s, rdflib.URIRef)}
    assert subjects - {thing, rdflib.URIRef(f"{BASE}doc/{path}")} <= {
        o for o in graph.objects(thing) if isinstance(o, rdflib.URIRef)
    }  # besides the thing and its document, only the names of what it links to
    assert (rdflib.URIRef(f"{BASE}doc/{path}"), rdflib.FOAF.primaryTopic, thing) in graph


def test_the_catalogue_page_for_people(client):
    page = client.get("/doc/catalog/lires?lang=nl", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "<h1>LIRES Graph: regionale economische samenwerking in Limburg</h1>" in page.text
    assert 'href="/doc/dataset/lires"' in page.text and "dcat:dataset" in page.text
    english = client.get("/doc/catalog/lires?lang=en", headers={"Accept": "text/html"})
    client.cookies.clear()  # the session's client is shared: leave it Dutch
    assert "<h1>LIRES Graph: regional economic cooperation in Limburg</h1>" in english.text


def test_a_role_page_names_the_role_in_the_page_language(client):
    assert (
        "<h1>stichtend lid</h1>"
        in client.get("/doc/role/founding-member?lang=nl", headers={"Accept": "text/html"}).text
    )
    english = client.get("/doc/role/founding-member?lang=en", headers={"Accept": "text/html"})
    client.cookies.clear()
    assert "<h1>founding member</h1>" in english.text


def test_an_entity_document_also_in_n_quads_n3_and_plain_text(client, store):
    stored = {
        q.triple
        for q in ox.Store.read_only(str(store / "current" / "oxigraph")).quads_for_pattern(
            ox.NamedNode(f"{BASE}id/municipality/71016"), None, None
        )
    }
    for media_type, fmt in (("application/n-quads", ox.RdfFormat.N_QUADS), ("text/plain", ox.RdfFormat.N_TRIPLES)):
        body = client.get("/doc/municipality/71016", headers={"Accept": media_type}).content
        assert stored <= {q.triple for q in ox.parse(body, format=fmt)}
    n3 = client.get("/doc/municipality/71016?format=notation3")
    assert n3.headers["content-type"].startswith("text/n3") and len(rdflib.Graph().parse(data=n3.content, format="n3"))


@pytest.mark.parametrize("path", ["/id/role/nobody", "/id/agent/nobody", "/id/conceptscheme/nothing"])
def test_unknown_resources_are_404(client, path):
    assert client.get(path, follow_redirects=False).status_code == 404
    assert client.get(path.replace("/id/", "/doc/")).status_code == 404
