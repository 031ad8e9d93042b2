"""Parity: the same API routes, SPARQL queries, dumps, pages and analysis answer alike on the embedded store and on
each remote SPARQL store (Apache Jena Fuseki, OpenLink Virtuoso), built from the same real data.

The two builds differ only in their id and build time, which the dataset description, the dumps and the analysis
runs name; the remote's are replaced by the embedded's before comparing. Graphs with blank nodes (the dataset
description) are compared as graphs (isomorphism), everything else byte for byte, except that numbers are compared
by value: Oxigraph keeps a number's value and writes it in its canonical form (the build's "57000000.0" decimal
comes back as "57000000"), where Fuseki and Virtuoso keep the lexical form (docs/stores.md).
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic

from api.app import create_app
from api.settings import ApiSettings
from bench.sparql import query as bench_query
from graph.store import open_current
from ontology.vocab import vocabulary
from tests.support import BASE, DATA, ROOT, TRICKY, TRICKY_ANSWER, UNLIMITED

XSD_DECIMAL = rdflib.XSD.decimal

MAX_ROWS = 500
"""The row cap of both apps here (the real graph has 4,119 triples, so a SELECT of all of them is over it)."""

PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(vocabulary().prefixes.items()))
SELECTS = {
    "labels with a filter on text and language": TRICKY,
    "entities per class": "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class",
    "budgets as decimals, compared and sorted": PREFIXES
    + "SELECT ?project ?budget WHERE { ?project lires:budgetEur ?budget FILTER(?budget > 100000) } "
    "ORDER BY DESC(?budget) ?project",
    "dates and their years": PREFIXES
    + "SELECT ?project ?start (YEAR(?start) AS ?year) WHERE { ?project schema:startDate ?start } ORDER BY ?project",
    "objectives under a broader one (property path)": PREFIXES
    + "SELECT ?objective ?top WHERE { ?objective a skos:Concept ; skos:broader+ ?top } ORDER BY ?objective ?top",
    "municipalities without a project (OPTIONAL, !BOUND)": PREFIXES
    + "SELECT ?m WHERE { ?m a lires:Municipality OPTIONAL { ?p prov:atLocation ?m } FILTER(!BOUND(?p)) } ORDER BY ?m",
    "Dutch and English labels side by side (OPTIONAL, LANG)": PREFIXES
    + "SELECT ?o ?nl ?en WHERE { ?o a org:Organization ; skos:prefLabel ?nl FILTER(LANG(?nl) = 'nl') "
    "OPTIONAL { ?o skos:prefLabel ?en FILTER(LANG(?en) = 'en') } } ORDER BY ?o",
    "the bench gap query": bench_query("gaps"),
    "the bench synergy query": bench_query("synergy"),
}
"""SELECT queries (each with ORDER BY, so that the rows come in one order) answered identically everywhere."""
ASKS = {
    f"ASK {{ <{BASE}id/municipality/71016> ?p ?o }}": "true",
    f"ASK {{ <{BASE}id/municipality/99999> ?p ?o }}": "false",
}
ROUTES = [
    "/api/entities",
    "/api/entities?type=municipality&limit=100",
    "/api/entities?subregion=noord-limburg",
    "/api/entities?q=genk",
    "/api/entities/municipality/71016",
    "/api/entities/project/t2-campus",
    "/api/gaps",
    "/api/gaps?by=arrondissement&format=csv",
    "/api/synergies",
    "/api/synergies?kind=organisation&format=csv",
    "/api/metrics",
    "/",
    "/doc/municipality/71016",
    "/dumps/lires.graphml",
    "/dumps/lires.gexf",
    "/dumps/lires.cyjs",
    "/viz/gaps",
]
"""GET routes answered byte for byte alike (after the build's id and time are made the same)."""
GRAPHS = {
    "/doc/organisation/pom-limburg?format=nt": "nt",
    "/doc/project/t2-campus?format=ttl": "turtle",
    "/doc/municipality/71016?format=jsonld": "json-ld",
    "/dataset?format=nt": "nt",
    "/sparql?format=nt": "nt",
    "/dumps/lires.nt": "nt",
    "/dumps/lires.nt.gz": "nt",
    "/dumps/lires.ttl": "turtle",
    "/dumps/lires.jsonld": "json-ld",
    "/dumps/lires.rdf": "xml",
}
"""GET routes whose RDF is compared as a graph (the dataset description has blank nodes; numbers by value)."""


def _app(settings: ApiSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"sparql_max_rows": MAX_ROWS}))) as client:
        yield client


@pytest.fixture(scope="module")
def embedded(store: Path) -> Iterator[TestClient]:
    """The app on the session's embedded build of the real data."""
    yield from _app(ApiSettings(store=store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED))


@pytest.fixture(scope="module")
def remote(remote_settings: ApiSettings) -> Iterator[TestClient]:
    """The app on the same data built into a remote store."""
    yield from _app(remote_settings)


@pytest.fixture(scope="module")
def same_build(store: Path, remote_settings: ApiSettings):
    """A function making a remote answer's build id and build time the embedded build's."""
    ours, theirs = open_current(store), open_current(remote_settings.store)  # manifests only

    def replace(body: bytes) -> bytes:
        for old, new in (
            (theirs.id, ours.id),
            (theirs.built_at.isoformat(), ours.built_at.isoformat()),
            (theirs.manifest["built_at"], ours.manifest["built_at"]),
        ):
            body = body.replace(old.encode(), new.encode())
        return body

    return replace


def _sparql(client: TestClient, query: str, fmt: str = "tsv"):
    return client.post("/sparql", data={"query": query}, params={"format": fmt})


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> object:
    """A term as compared here: a literal by its value (rdflib's Python value) and language, anything else as is."""
    if not isinstance(term, ox.Literal):
        return term
    datatype = None if term.language else term.datatype.value
    return rdflib.Literal(term.value, lang=term.language, datatype=datatype).toPython(), term.language


def _rows(tsv: bytes) -> list[tuple]:
    """The rows of a SPARQL TSV result, each term as ``_value``."""
    solutions = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    assert isinstance(solutions, ox.QuerySolutions)
    return [tuple(_value(solution[v]) for v in solutions.variables) for solution in solutions]


@pytest.mark.parametrize("name", SELECTS)
def test_select_answers_alike(embedded, remote, name):
    ours, theirs = _sparql(embedded, SELECTS[name]), _sparql(remote, SELECTS[name])
    assert ours.status_code == theirs.status_code == 200, theirs.text
    assert len(_rows(ours.content)) > 1, f"{name}: the real data answers with rows"
    assert _rows(theirs.content) == _rows(ours.content)


def test_select_answers_alike_in_every_results_format(embedded, remote):
    for fmt in ("json", "xml", "csv"):
        ours, theirs = _sparql(embedded, TRICKY, fmt), _sparql(remote, TRICKY, fmt)
        assert theirs.headers["content-type"] == ours.headers["content-type"]
        assert theirs.content == ours.content
    assert [b["thing"]["value"] for b in _sparql(remote, TRICKY, "json").json()["results"]["bindings"]] == (
        TRICKY_ANSWER
    )


@pytest.mark.parametrize("query", ASKS)
def test_ask_answers_alike(embedded, remote, query):
    for client in (embedded, remote):
        response = _sparql(client, query, "json")
        assert response.status_code == 200 and response.json()["boolean"] is (ASKS[query] == "true")


def test_construct_answers_alike(embedded, remote):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?s = <{BASE}id/municipality/71016>) }}"
    ours, theirs = (set(_sparql(c, query, "nt").text.splitlines()) for c in (embedded, remote))
    assert len(ours) > 10 and theirs == ours


def test_describe_answers_with_the_subject(embedded, remote):
    """DESCRIBE's answer is each store's own choice (SPARQL 1.1, section 16.4); both hold the subject's triples."""
    genk = f"<{BASE}id/municipality/71016>"
    subject_triples = set(_sparql(embedded, f"CONSTRUCT WHERE {{ {genk} ?p ?o }}", "nt").text.splitlines())
    for client in (embedded, remote):
        described = set(_sparql(client, f"DESCRIBE {genk}", "nt").text.splitlines())
        assert subject_triples <= described


def test_the_row_cap_answers_alike(embedded, remote):
    over = "SELECT * WHERE { ?s ?p ?o }"
    for client in (embedded, remote):
        response = _sparql(client, over)
        assert response.status_code == 400 and response.json()["error"] == "result_too_large"
        assert f"more than {MAX_ROWS} rows" in response.json()["detail"]
        assert _sparql(client, over + f" LIMIT {MAX_ROWS}").text.count("\n") == MAX_ROWS + 1
        construct = _sparql(client, "CONSTRUCT WHERE { ?s ?p ?o }", "nt")
        assert construct.status_code == 400 and f"more than {MAX_ROWS} triples" in construct.json()["detail"]


def test_a_query_the_store_cannot_evaluate_is_refused_with_its_reason(embedded, remote, remote_server):
    """Virtuoso evaluates a transitive path only from a bound start; it answers 400 with its own reason, where
    Oxigraph and Fuseki answer (a store's limits pass through as refusals, never as a wrong answer)."""
    query = PREFIXES + "SELECT ?objective ?top WHERE { ?objective skos:broader+ ?top } ORDER BY ?objective ?top"
    ours, theirs = _sparql(embedded, query), _sparql(remote, query)
    assert ours.status_code == 200 and len(_rows(ours.content)) > 1
    if remote_server["name"] == "virtuoso":
        assert theirs.status_code == 400 and "transitive start not given" in theirs.json()["detail"]
    else:
        assert _rows(theirs.content) == _rows(ours.content)


@pytest.mark.parametrize(
    "query", ["SELECT ?x WHERE { ?x ", "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"]
)
def test_refusals_answer_alike(embedded, remote, query):
    ours, theirs = _sparql(embedded, query), _sparql(remote, query)
    assert ours.status_code == theirs.status_code == 400
    assert theirs.json() == ours.json()


@pytest.mark.parametrize("route", ROUTES)
def test_routes_answer_alike(embedded, remote, same_build, route):
    ours, theirs = embedded.get(route), remote.get(route)
    assert ours.status_code == theirs.status_code == 200, theirs.text
    assert theirs.headers["content-type"] == ours.headers["content-type"]
    assert same_build(theirs.content) == ours.content


def _graph(body: bytes, fmt: str) -> rdflib.Graph:
    """The RDF of ``body`` with every number in its canonical form (as an Oxigraph store holds it) and every decimal
    to 15 significant digits (Virtuoso holds decimals as doubles: docs/stores.md)."""
    canonical = ox.Store()
    canonical.load(
        rdflib.Graph().parse(data=body, format=fmt).serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES
    )
    parsed = rdflib.Graph().parse(
        data=canonical.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt"
    )
    graph = rdflib.Graph()
    for subject, predicate, value in parsed:
        if isinstance(value, rdflib.Literal) and value.datatype == XSD_DECIMAL:
            value = rdflib.Literal(format(Decimal(str(value)), ".15g"), datatype=XSD_DECIMAL)
        graph.add((subject, predicate, value))
    return graph


@pytest.mark.parametrize("route", GRAPHS)
def test_rdf_routes_answer_the_same_graph(embedded, remote, same_build, route):
    bodies = [embedded.get(route).content, remote.get(route).content]
    if route.endswith(".gz"):
        bodies = [gzip.decompress(body) for body in bodies]
    ours, theirs = _graph(bodies[0], GRAPHS[route]), _graph(same_build(bodies[1]), GRAPHS[route])
    assert len(ours) > (10_638 if "/dumps/" in route else 10) and isomorphic(ours, theirs)


def test_csv_tables_hold_the_same(embedded, remote):
    tables = [zipfile.ZipFile(io.BytesIO(c.get("/dumps/lires.csv.zip").content)) for c in (embedded, remote)]
    assert tables[0].namelist() == tables[1].namelist() and len(tables[0].namelist()) > 5
    for name in tables[0].namelist():
        assert tables[1].read(name) == tables[0].read(name)


def test_health_reports_the_same_build_and_the_remote_store(embedded, remote):
    ours, theirs = embedded.get("/health").json(), remote.get("/health").json()
    assert theirs["triples"] == ours["triples"] == 10_638 and theirs["entities"] == ours["entities"]
    assert theirs["backends"]["rdf_store"] == "up" and "rdf_store" not in ours["backends"]


def _lires(settings: ApiSettings, *args: str) -> subprocess.CompletedProcess:
    env = {"LIRES_STORE": str(settings.store), "LIRES_BASE_IRI": BASE}
    for name, value in settings.model_dump(
        include={n for n in type(settings).model_fields if "rdf_store" in n}
    ).items():
        if value is not None:
            secret = getattr(value, "get_secret_value", None)
            env[f"LIRES_{name.upper()}"] = secret() if secret else str(value)
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lires")), *args],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_the_command_line_reads_a_remote_store(store, remote_settings):
    """``lires validate`` runs SHACL on the remote graph and ``lires gaps`` the analysis; both as on the embedded."""
    embedded_settings = ApiSettings(store=store, base_iri=BASE)
    assert "10638 triples: 0 SHACL violation(s)" in _lires(remote_settings, "validate").stderr
    gaps = [json.loads(_lires(s, "gaps", "--format", "json").stdout) for s in (embedded_settings, remote_settings)]
    assert gaps[1] == gaps[0] and gaps[0]["cells"]
