"""/dataset: DCAT (DCAT-AP-VL) and VoID computed from the real store, for harvesters and people."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic

from api.app import create_app
from graph.publish.dumps import DUMPS
from tests.support import BASE

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCT = rdflib.DCTERMS
LIRES = rdflib.Namespace("https://w3id.org/lires/ns#")
DATASET = rdflib.URIRef(f"{BASE}id/dataset/lires")


@pytest.fixture(scope="module")
def description(client) -> rdflib.Graph:
    response = client.get("/dataset", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and "last-modified" in response.headers
    return rdflib.Graph().parse(data=response.content, format="turtle")


@pytest.fixture(scope="module")
def store_quads(store) -> list[ox.Quad]:
    return list(ox.Store.read_only(str(store / "current" / "oxigraph")))


def test_void_counts_are_the_stores(description, store_quads):
    assert description.value(DATASET, VOID.triples).toPython() == len(store_quads)
    subjects = {q.subject for q in store_quads}
    assert description.value(DATASET, VOID.distinctSubjects).toPython() == len(subjects)
    assert description.value(DATASET, VOID.entities).toPython() == len(
        {s for s in subjects if s.value.startswith(f"{BASE}id/")}
    )
    properties = {
        str(description.value(p, VOID.property)): description.value(p, VOID.triples).toPython()
        for p in description.objects(DATASET, VOID.propertyPartition)
    }
    assert sum(properties.values()) == len(store_quads)


def test_entities_per_class_match_the_real_data(description):
    classes = {
        str(description.value(p, VOID["class"])): description.value(p, VOID.entities).toPython()
        for p in description.objects(DATASET, VOID.classPartition)
    }
    assert classes[str(LIRES.Municipality)] == 50
    assert classes[str(LIRES.Arrondissement)] == 3
    assert classes[str(LIRES.Subregion)] == 5
    assert classes[str(LIRES.Province)] == 1


def test_linksets_count_the_links_out(description):
    linksets = {
        (
            str(description.value(ls, VOID.linkPredicate)),
            str(description.value(description.value(ls, VOID.objectsTarget), VOID.uriSpace)),
        ): description.value(ls, VOID.triples).toPython()
        for ls in description.objects(DATASET, VOID.subset)
    }
    assert linksets[(str(rdflib.OWL.sameAs), "https://data.vlaanderen.be/id/gemeente/")] == 50
    assert linksets[(str(LIRES.nutsRegion), "http://data.europa.eu/nuts/code/")] == 4


def test_dcat_dataset_has_what_a_harvester_looks_for(description):
    assert (DATASET, rdflib.RDF.type, DCAT.Dataset) in description
    titles = {t.language for t in description.objects(DATASET, DCT.title)}
    assert titles == {"nl", "en"} and {d.language for d in description.objects(DATASET, DCT.description)} == titles
    publisher = description.value(DATASET, DCT.publisher)
    assert description.value(publisher, rdflib.FOAF.name) == rdflib.Literal("LIRES Graph", lang="nl")
    assert description.value(DATASET, DCT.license) == rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert description.value(DATASET, DCT.modified).datatype == rdflib.XSD.dateTime
    assert description.value(DATASET, DCT.spatial) == rdflib.URIRef("http://data.europa.eu/nuts/code/BE22")
    assert description.value(DATASET, VOID.sparqlEndpoint) == rdflib.URIRef(f"{BASE}sparql")
    catalog = description.value(None, DCAT.dataset, DATASET)
    assert (catalog, rdflib.RDF.type, DCAT.Catalog) in description
    service = description.value(catalog, DCAT.service)
    assert description.value(service, DCAT.endpointURL) == rdflib.URIRef(f"{BASE}sparql")
    assert description.value(service, DCAT.servesDataset) == DATASET


def test_one_distribution_per_dump_with_its_download_url_and_media_type(description, client):
    distributions = list(description.objects(DATASET, DCAT.distribution))
    urls = {str(description.value(d, DCAT.downloadURL)): d for d in distributions}
    assert set(urls) == {f"{BASE}dumps/{name}" for name in DUMPS}
    for url, distribution in urls.items():
        assert description.value(distribution, DCAT.accessURL) == rdflib.URIRef(url)
        assert description.value(distribution, DCT.license) is not None
        assert str(description.value(distribution, DCT.format)).startswith(
            "http://publications.europa.eu/resource/authority/file-type/"
        )
        assert client.head(url.removeprefix(BASE.rstrip("/"))).status_code == 200
    nt_gz = urls[f"{BASE}dumps/lires.nt.gz"]
    assert description.value(nt_gz, DCAT.mediaType) == rdflib.URIRef(
        "http://www.iana.org/assignments/media-types/application/n-triples"
    )
    assert description.value(nt_gz, DCAT.compressFormat) == rdflib.URIRef(
        "http://www.iana.org/assignments/media-types/application/gzip"
    )


def test_dataset_page_for_people(client):
    page = client.get("/dataset", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert 'href="/dumps/lires.nt.gz"' in page.text and 'href="/dumps/csv/municipality.csv"' in page.text
    assert "<tr><th>gemeente</th><td>50</td></tr>" in page.text  # the class by its Dutch name


@pytest.mark.parametrize(("fmt", "parser"), [("jsonld", "json-ld"), ("nt", "nt"), ("rdfxml", "xml")])
def test_every_format_holds_the_same_description(client, description, fmt, parser):
    other = rdflib.Graph().parse(data=client.get("/dataset", params={"format": fmt}).content, format=parser)
    assert isomorphic(other, description)


def test_contact_email_setting_reaches_the_contact_point(settings):
    app = TestClient(
        create_app(settings.model_copy(update={"contact_email": "data@example.org", "publisher": "Example publisher"}))
    )
    graph = rdflib.Graph().parse(data=app.get("/dataset?format=ttl").content, format="turtle")
    contact = graph.value(DATASET, DCAT.contactPoint)
    vcard = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
    assert graph.value(contact, vcard.hasEmail) == rdflib.URIRef("mailto:data@example.org")
    assert graph.value(graph.value(DATASET, DCT.publisher), rdflib.FOAF.name) == rdflib.Literal(
        "Example publisher", lang="nl"
    )
