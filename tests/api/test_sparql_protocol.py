"""/sparql per the SPARQL 1.1 Protocol, on the real store: the three request forms, formats, errors, limits."""

from __future__ import annotations

import csv
import io
import time
import xml.etree.ElementTree as ET

import psutil
import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient

from api.app import create_app
from api.errors import Forbidden
from api.sparql import shape
from api.sparql.examples import examples
from tests.support import BASE, TRICKY, TRICKY_ANSWER

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")

MUNICIPALITIES = """PREFIX lires: <https://w3id.org/lires/ns#>
SELECT ?m WHERE { ?m a lires:Municipality }"""
JSON = {"Accept": "application/sparql-results+json"}


def bindings(response, var: str) -> list[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    return [b[var]["value"] for b in response.json()["results"]["bindings"]]


def test_get_with_ampersands_hash_and_non_ascii(client):
    assert bindings(client.get("/sparql", params={"query": TRICKY}, headers=JSON), "thing") == TRICKY_ANSWER


def test_post_form_with_ampersands_hash_and_non_ascii(client):
    assert bindings(client.post("/sparql", data={"query": TRICKY}, headers=JSON), "thing") == TRICKY_ANSWER


def test_post_sparql_query_with_ampersands_hash_and_non_ascii(client):
    response = client.post(
        "/sparql", content=TRICKY.encode(), headers={**JSON, "Content-Type": "application/sparql-query; charset=utf-8"}
    )
    assert bindings(response, "thing") == TRICKY_ANSWER


def test_select_in_every_result_format(client):
    query = {"query": MUNICIPALITIES}
    assert len(bindings(client.get("/sparql", params=query, headers=JSON), "m")) == 50
    xml = client.get("/sparql", params=query, headers={"Accept": "application/sparql-results+xml"})
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    results = ET.fromstring(xml.content).findall(".//{http://www.w3.org/2005/sparql-results#}result")
    assert len(results) == 50
    rows = list(csv.reader(io.StringIO(client.get("/sparql", params={**query, "format": "csv"}).text)))
    assert rows[0] == ["m"] and len(rows) == 51 and f"{BASE}id/municipality/71016" in {r[0] for r in rows}
    tsv = client.get("/sparql", params=query, headers={"Accept": "text/tab-separated-values"})
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    lines = tsv.text.strip().split("\n")
    assert lines[0] == "?m" and len(lines) == 51 and f"<{BASE}id/municipality/71016>" in lines


def test_ask(client):
    yes = client.get("/sparql", params={"query": f"ASK {{ <{BASE}id/municipality/71016> ?p ?o }}"}, headers=JSON)
    no = client.get("/sparql", params={"query": f"ASK {{ <{BASE}id/municipality/99999> ?p ?o }}"}, headers=JSON)
    assert (yes.json()["boolean"], no.json()["boolean"]) == (True, False)
    xml = client.get("/sparql", params={"query": "ASK {}", "format": "xml"})
    assert ET.fromstring(xml.content).find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_and_describe_in_every_graph_format(client, accept, rdflib_format):
    construct = """PREFIX lires: <https://w3id.org/lires/ns#>
    CONSTRUCT { ?m lires:nisCode ?nis } WHERE { ?m a lires:Municipality ; lires:nisCode ?nis }"""
    response = client.get("/sparql", params={"query": construct}, headers={"Accept": accept})
    assert response.headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    nis = rdflib.URIRef("https://w3id.org/lires/ns#nisCode")
    assert len(graph) == 50
    assert graph.value(rdflib.URIRef(f"{BASE}id/municipality/71016"), nis) == rdflib.Literal("71016")
    describe = client.post(
        "/sparql", data={"query": f"DESCRIBE <{BASE}id/municipality/71016>"}, headers={"Accept": accept}
    )
    genk = rdflib.Graph().parse(data=describe.content, format=rdflib_format)
    assert (rdflib.URIRef(f"{BASE}id/municipality/71016"), nis, rdflib.Literal("71016")) in genk


def test_default_graph_uri_and_named_graph_uri_select_the_dataset(client):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    everything = int(bindings(client.get("/sparql", params={"query": count}, headers=JSON), "n")[0])
    none = client.get("/sparql", params={"query": count, "default-graph-uri": "urn:lires:no-such-graph"}, headers=JSON)
    assert everything > 4000 and bindings(none, "n") == ["0"]
    named = client.post(
        "/sparql",
        data={"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": ["urn:lires:a", "urn:lires:b"]},
        headers=JSON,
    )
    assert bindings(named, "g") == []
    bad = client.get("/sparql", params={"query": count, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400 and "default-graph-uri" in bad.json()["detail"]


def test_malformed_query_is_400_with_the_parser_message(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert response.json()["detail"] == "SPARQL syntax error at line 1, column 19, near '?': Expected SelectQuery"


@pytest.mark.parametrize(
    ("query", "accept"), [(MUNICIPALITIES, "text/turtle"), ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/csv")]
)
def test_no_acceptable_format_is_406(client, query, accept):
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406 and response.json()["error"] == "not_acceptable"


def test_sparql_update_is_refused(client):
    insert = f"INSERT DATA {{ <{BASE}id/municipality/71016> <urn:x> 1 }}"
    as_query = client.get("/sparql", params={"query": insert})
    assert as_query.status_code == 400 and "refuses updates" in as_query.json()["detail"]
    for response in (
        client.post("/sparql", data={"update": insert}),
        client.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-update"}),
        client.get("/sparql", params={"update": insert}),
    ):
        assert response.status_code == 403 and "read-only" in response.json()["detail"]
    count = client.get("/sparql", params={"query": f"ASK {{ <{BASE}id/municipality/71016> <urn:x> 1 }}"}, headers=JSON)
    assert count.json()["boolean"] is False


def test_federated_query_is_refused(client):
    for query in (
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?a ?b ?c .SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 403 and "SERVICE" in response.json()["detail"]


def test_deeply_nested_query_is_refused_and_the_worker_lives(client):
    deep = "SELECT * WHERE { " + "{" * 3000 + "?s ?p ?o" + "}" * 3000 + "} LIMIT 1"
    chain = "SELECT * WHERE { ?s " + "/".join(["<urn:p>"] * 1200) + " ?o } LIMIT 1"  # a path as deep as 1200 groups
    for query in (deep, chain):
        response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
        assert response.status_code == 400 and "deeper than 1000 levels" in response.json()["detail"]
    # 20,000 negations without a bracket: no bracket count sees them; Oxigraph's stack would overflow
    hidden = "SELECT * WHERE { BIND(" + "!" * 20_000 + "true AS ?x) }"
    response = client.post("/sparql", content=hidden, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400 and response.json()["detail"].startswith("SPARQL syntax error at line 1")
    assert client.get("/sparql", params={"query": "ASK {}"}, headers=JSON).json()["boolean"] is True
    brackets_in_strings = 'SELECT * WHERE { ?s ?p "' + "{" * 500 + '" } LIMIT 1'
    assert client.get("/sparql", params={"query": brackets_in_strings}).status_code == 200


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("SELECT * { SERVICE <x:y> {} }", True),
        ("select * { service <x:y> {} }", True),
        ('SELECT * { ?s ?p "SERVICE" }', False),
        ("SELECT * { ?s ?p <urn:SERVICE> }", False),
        ("SELECT ?service { ?service ?p ?o } # SERVICE in a comment", False),
        ("SELECT * { ?s ex:SERVICE ?o }", False),
        ("SELECT * { ?s ?p '''multi\nline SERVICE''' }", False),
        (r"SELECT * { \u0073ervice <x:y> {} }", True),
        ("SELECT * { ?s ?p ?o { SELECT * { ?a ?b ?c OPTIONAL { SERVICE SILENT ?e {} } } } }", True),
    ],
)
def test_service_is_found_in_the_parse_tree_only(query, found):
    if found:
        with pytest.raises(Forbidden, match="SERVICE"):
            shape.check(query)
    else:
        shape.check(query)


def test_too_large_result_is_refused_with_a_hint(settings):
    small = TestClient(create_app(settings.model_copy(update={"sparql_max_rows": 10})))
    refused = small.get("/sparql", params={"query": MUNICIPALITIES})
    assert refused.status_code == 400 and refused.json()["error"] == "result_too_large"
    assert "LIMIT" in refused.json()["detail"]
    assert len(bindings(small.get("/sparql", params={"query": MUNICIPALITIES + " LIMIT 10"}, headers=JSON), "m")) == 10
    triples = small.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 11"})
    assert triples.status_code == 400 and "triples" in triples.json()["detail"]


def _workers() -> set[int]:
    """PIDs of the query worker processes of this test process that are still running."""
    pids = set()
    for child in psutil.Process().children():
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "api.sparql.workers" in " ".join(child.cmdline()):
                pids.add(child.pid)
        except psutil.Error:
            pass  # it ended meanwhile
    return pids


def test_timeout_kills_the_evaluation_and_the_endpoint_recovers(settings):
    with TestClient(create_app(settings.model_copy(update={"sparql_timeout_s": 1.0, "sparql_workers": 1}))) as app:
        before = _workers()
        assert app.get("/sparql", params={"query": "ASK {}"}, headers=JSON).json()["boolean"] is True
        (worker,) = _workers() - before
        started = time.monotonic()
        slow = app.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
        elapsed = time.monotonic() - started
        assert slow.status_code == 504 and slow.json()["error"] == "query_timeout"
        assert 1.0 <= elapsed < 4.0
        assert worker not in _workers()
        assert len(bindings(app.get("/sparql", params={"query": MUNICIPALITIES}, headers=JSON), "m")) == 50


def test_service_description(client, store):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    sd = rdflib.Graph().parse(data=response.content, format="turtle")
    (service,) = sd.subjects(rdflib.RDF.type, SD.Service)
    assert sd.value(service, SD.endpoint) == rdflib.URIRef(f"{BASE}sparql")
    assert set(sd.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    formats = {str(f).rsplit("/", 1)[1] for f in sd.objects(service, SD.resultFormat)}
    assert {
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    } == formats
    graph = sd.value(sd.value(service, SD.defaultDataset), SD.defaultGraph)
    assert sd.value(graph, VOID.triples).toPython() == len(ox.Store.read_only(str(store / "current" / "oxigraph")))


def test_browsers_get_the_offline_query_editor(client):
    page = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/yasgui/yasgui.min.js">' in page.text
    assert client.get("/static/yasgui/yasgui.min.js").status_code == 200


@pytest.mark.parametrize("example", examples(BASE), ids=lambda e: e["title"])
def test_every_example_query_answers_from_the_real_data(client, example):
    response = client.post(
        "/sparql",
        data={"query": example["query"]},
        headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
    )
    assert response.status_code == 200, response.text
    if response.headers["content-type"].startswith("application/n-triples"):
        assert f'<{BASE}id/municipality/71016> <https://w3id.org/lires/ns#nisCode> "71016"' in response.text
    else:
        assert response.json()["results"]["bindings"]


def test_a_graph_asked_for_as_a_result_set_comes_as_turtle(client):
    """rdflib's SPARQLStore (returnFormat json) asks for every query form in application/sparql-results+json;
    like Fuseki and QLever, the endpoint answers a CONSTRUCT in its default graph format."""
    query = f"CONSTRUCT {{ <{BASE}id/municipality/71016> ?p ?o }} WHERE {{ <{BASE}id/municipality/71016> ?p ?o }}"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=response.content, format="turtle")) > 10
