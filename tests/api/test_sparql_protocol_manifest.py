"""The W3C SPARQL 1.1 Protocol test suite (../shared/conformance/sparql-protocol/protocol-manifest.ttl), run against
/sparql: every query-side test (13 queries, 7 malformed requests), each HTTP exchange as the manifest states it, on a
test store that holds the real build plus the suite's three data files as the named graphs the manifest names. The
update tests apply to a read-only endpoint only in that every update is refused.

As the manifest asks, its ``/sparql/`` path prefix is replaced by the endpoint's (``/sparql``).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient

from api.app import create_app
from tests.support import CONFORMANCE

SUITE = CONFORMANCE / "sparql-protocol"
BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}"


@dataclass(frozen=True)
class Exchange:
    """One request of a test and what its response must be."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]
    """Accepted status classes: 2 for 2xx, ..."""
    format: str | None
    boolean: bool | None


def manifest() -> rdflib.Graph:
    return rdflib.Graph().parse(SUITE / "protocol-manifest.ttl", publicID=BASE)


def protocol_tests() -> dict[str, list[Exchange]]:
    """Test name -> its exchanges, in the manifest's order."""
    graph = manifest()
    entries = rdflib.collection.Collection(graph, graph.value(rdflib.URIRef(BASE), MF.entries))
    out = {}
    for entry in entries:
        action = graph.value(entry, MF.action)
        requests = rdflib.collection.Collection(graph, graph.value(action, HT.requests))
        out[str(entry).rsplit("#", 1)[1]] = [_exchange(graph, request) for request in requests]
    return out


def _exchange(graph: rdflib.Graph, request) -> Exchange:
    headers = {}
    if (listed := graph.value(request, HT.headers)) is not None:
        for header in rdflib.collection.Collection(graph, listed):
            headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
    body = None
    if (content := graph.value(request, HT.body)) is not None:
        encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(content, CNT.chars)).encode(encoding)
    response = graph.value(request, HT.resp)
    statuses = {int(str(s).removeprefix(HTS)[0]) for s in graph.objects(response, MF.expectedStatus)}
    boolean = graph.value(response, MF.expectedBoolean)
    return Exchange(
        str(graph.value(request, HT.methodName)),
        str(graph.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
        headers,
        body,
        statuses,
        str(graph.value(response, MF.expectedFormat)) if graph.value(response, MF.expectedFormat) else None,
        boolean.toPython() if boolean is not None else None,
    )


def graph_data() -> dict[str, Path]:
    """Named graph IRI -> the suite's data file (``data1.nt`` is shipped as ``protocol-data1.nt``)."""
    graph = manifest()
    return {
        str(graph.value(node, rdflib.RDFS.label)): SUITE
        / f"protocol-{str(graph.value(node, UT.graph)).rsplit('/', 1)[1]}"
        for node in graph.objects(None, UT.graphData)
    }


ALL = protocol_tests()
QUERY_SIDE = [name for name in ALL if name.startswith(("query_", "bad_query_", "bad_multiple_queries"))]
UPDATES = [name for name in ALL if name not in QUERY_SIDE]


@pytest.fixture(scope="module")
def endpoint(store: Path, settings, tmp_path_factory) -> TestClient:
    """The app on a copy of the real build with the suite's named graphs added."""
    copy = tmp_path_factory.mktemp("protocol-store")
    build = copy / "builds" / "protocol"
    shutil.copytree((store / "current").resolve(), build)
    (copy / "current").symlink_to(Path("builds") / "protocol")
    rdf = ox.Store(str(build / "oxigraph"))
    for name, path in graph_data().items():
        rdf.load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    rdf.flush()
    del rdf
    return TestClient(create_app(settings.model_copy(update={"store": copy})))


def check(response, exchange: Exchange) -> None:
    assert response.status_code // 100 in exchange.statuses, (response.status_code, response.text[:300])
    media_type = response.headers.get("content-type", "").split(";")[0]
    if exchange.format == "boolean":
        if media_type == "application/sparql-results+json":
            value = json.loads(response.content)["boolean"]
        else:
            assert media_type == "application/sparql-results+xml", media_type
            value = ET.fromstring(response.content).find(f"{RESULTS_XML}boolean").text == "true"
        assert exchange.boolean is None or value is exchange.boolean
    elif exchange.format == "tabular":
        readers = {
            "application/sparql-results+json": lambda b: json.loads(b)["results"]["bindings"],
            "application/sparql-results+xml": lambda b: ET.fromstring(b).find(f"{RESULTS_XML}results"),
            "text/csv": lambda b: list(csv.reader(io.StringIO(b.decode()))),
            "text/tab-separated-values": lambda b: b.decode().splitlines(),
        }
        assert readers[media_type](response.content) is not None
    elif exchange.format == "RDF":
        assert media_type in {"application/rdf+xml", "text/turtle", "application/n-triples"}, media_type
        rdflib.Graph().parse(data=response.content, format=media_type)


@pytest.mark.parametrize("name", QUERY_SIDE)
def test_protocol_query_side(endpoint, name):
    for exchange in ALL[name]:
        response = endpoint.request(exchange.method, exchange.path, headers=exchange.headers, content=exchange.body)
        check(response, exchange)


def test_the_suite_has_twenty_query_side_tests():
    assert len(QUERY_SIDE) == 20 and len(UPDATES) == 14


@pytest.mark.parametrize("name", UPDATES)
def test_protocol_updates_are_refused(endpoint, name):
    first = ALL[name][0]
    response = endpoint.request(first.method, first.path, headers=first.headers, content=first.body)
    assert response.status_code in {400, 403, 405}, response.text


def test_relative_iris_resolve_against_the_endpoint(endpoint):
    response = endpoint.post(
        "/sparql",
        content=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
        headers={"content-type": "application/sparql-query", "accept": "application/n-triples"},
    )
    integer = "<http://www.w3.org/2001/XMLSchema#integer>"
    assert response.text.strip() == f'<http://testserver/s> <http://testserver/p> "1"^^{integer} .'
