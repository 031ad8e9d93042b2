"""Read-only means read-only: every SPARQL Update form and every Cypher write, file, network or configuration
procedure is refused on the public endpoints, the graph is unchanged, and no request leaves the server (a real
HTTP listener on 127.0.0.1 counts what reaches it)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

BASE = "https://w3id.org/lires/"
GENK = f"<{BASE}id/municipality/71016>"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[str, list[str]]]:
    """A plain HTTP server on 127.0.0.1 that records every request path; (base URL, recorded paths)."""
    hits: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.end_headers()
            self.wfile.write(b"a,b\n1,2\n")

        do_POST = do_GET

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Record)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def updates(url: str) -> list[str]:
    """Every kind of SPARQL 1.1 Update operation, some of them reaching for files and the listener."""
    return [
        f"INSERT DATA {{ {GENK} <urn:x:p> 1 }}",
        f"DELETE DATA {{ {GENK} <urn:x:p> 1 }}",
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        f"DELETE WHERE {{ {GENK} ?p ?o }}",
        "INSERT { ?s <urn:x:p> 1 } WHERE { ?s ?p ?o }",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        f"LOAD <{url}/load.ttl>",
        f"LOAD SILENT <{url}/silent.ttl> INTO GRAPH <urn:g>",
        "LOAD <file:///etc/passwd>",
        "CLEAR ALL",
        "CLEAR DEFAULT",
        "DROP ALL",
        "DROP SILENT GRAPH <urn:g>",
        "CREATE GRAPH <urn:g>",
        "ADD DEFAULT TO <urn:g>",
        "MOVE DEFAULT TO <urn:g>",
        "COPY DEFAULT TO <urn:g>",
        f"PREFIX x: <urn:x:> INSERT DATA {{ {GENK} x:p 1 }}",
        f"# comment\nINSERT DATA {{ {GENK} <urn:x:p> 1 }}",
        f"\\u0049NSERT DATA {{ {GENK} <urn:x:p> 1 }}",
        f"ASK {{}} ; INSERT DATA {{ {GENK} <urn:x:p> 1 }}",
    ]


def federated(url: str) -> list[str]:
    """Queries that would make the server call another server (SERVICE), however the keyword is written."""
    inner = f"<{url}/sparql> {{ ?s ?p ?o }}"
    return [
        f"SELECT * WHERE {{ SERVICE {inner} }}",
        f"SELECT * WHERE {{ SERVICE SILENT {inner} }}",
        f"SELECT * WHERE {{ service {inner} }}",
        f"SELECT * WHERE {{ SeRvIcE {inner} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE {inner} }}",
        f"SELECT * WHERE {{ \\U00000053ERVICE {inner} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE {inner} }} }}",
        f"SELECT * WHERE {{ # x\nSERVICE {inner} }}",
        f'SELECT * WHERE {{ FILTER("#" != "\'") SERVICE {inner} }}',
        f"SELECT * WHERE {{ BIND('a\\'#' AS ?x) SERVICE {inner} }}",
        f"SELECT * WHERE {{ ?a ?b ?c FILTER(?a<?b&&?c>?a) SERVICE {inner} }}",
        f"PREFIX s: <{url}/> SELECT * WHERE {{ SERVICE s:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{url}/from.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/named.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ]


def triples(client: TestClient) -> str:
    return client.get("/sparql", params={"query": COUNT}, headers=JSON).json()["results"]["bindings"][0]["n"]["value"]


def test_every_sparql_update_is_refused_in_every_protocol_form(client: TestClient, listener):
    url, hits = listener
    before = triples(client)
    refused = 0
    for update in updates(url):
        for response in (
            client.get("/sparql", params={"query": update}),
            client.post("/sparql", data={"query": update}),
            client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-query"}),
            client.post("/sparql", data={"update": update}),
            client.get("/sparql", params={"update": update}),
            client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}),
        ):
            assert 400 <= response.status_code < 500, (update, response.status_code, response.text)
            refused += 1
    assert refused == 6 * len(updates(url))
    assert triples(client) == before
    assert client.get("/sparql", params={"query": f"ASK {{ {GENK} <urn:x:p> ?o }}"}, headers=JSON).json() == {
        "head": {},
        "boolean": False,
    }
    assert hits == [], "an update made the server send a request"


def test_no_query_makes_the_server_call_another_server(client: TestClient, listener):
    url, hits = listener
    for query in federated(url):
        response = client.get("/sparql", params={"query": query}, headers=JSON)
        assert response.status_code in (200, 400, 403), (query, response.text)
        if "FROM" not in query:
            assert response.status_code in (400, 403), query
        else:  # FROM names graphs of the store (none of them here); nothing is fetched
            assert response.json()["results"]["bindings"] == []
    assert hits == [], "a query made the server send a request"


PROCEDURES = [
    "CALL apoc.load.json('{url}/x.json') YIELD value RETURN value",
    "CALL apoc.load.csv('file:///etc/passwd') YIELD list RETURN list",
    "CALL apoc.import.csv([{{fileName: '{url}/n.csv', labels: ['X']}}], [], {{}})",
    "CALL apoc.export.csv.all('/tmp/lires-export.csv', {{}})",
    "CALL apoc.cypher.runFile('/etc/passwd')",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {{}})",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'INFO')",
    "CALL dbms.listConfig() YIELD name RETURN name",
    "CALL dbms.security.createUser('x', 'secretsecret', false)",
    "CALL dbms.killQueries(['query-1'])",
    "CALL db.createProperty('x')",
    "CALL db.index.fulltext.createNodeIndex('x', ['Project'], ['theme'])",
    "LOAD CSV FROM '{url}/data.csv' AS row RETURN row",
    "LOAD CSV WITH HEADERS FROM '{url}/data.csv' AS row CREATE (:X {{a: row.a}})",
    "CALL {{ LOAD CSV FROM '{url}/sub.csv' AS row RETURN row }} RETURN count(*)",
    "USING PERIODIC COMMIT LOAD CSV FROM '{url}/p.csv' AS row RETURN row",
    "CALL db.labels() YIELD label CALL apoc.load.json('{url}/y.json') YIELD value RETURN value",
]
"""APOC (not installed on our servers, refused all the same), dbms/db procedures that change configuration,
users, queries or the schema, and LOAD CSV from files and URLs."""


@pytest.mark.neo4j
def test_cypher_file_network_and_configuration_procedures_are_refused(client: TestClient, neo4j_graph, listener):
    url, hits = listener
    nodes = sum(neo4j_graph.nodes.values())
    for template in PROCEDURES:
        query = template.format(url=url)
        response = client.post("/cypher", json={"query": query})
        assert response.status_code in (400, 403), (query, response.text)
    count = "MATCH (n) WHERE NOT n:LoadState RETURN count(n)"  # the graph, without the load's own mark
    assert client.post("/cypher", json={"query": count}).json()["data"] == [[nodes]]
    assert hits == [], "Cypher made the server send a request"
