"""Real clients against the running server: SPARQLWrapper for every query form, format and request method."""

from __future__ import annotations

import csv
import io

import pytest
import rdflib
from SPARQLWrapper import (
    ASK,
    CONSTRUCT,
    CSV,
    DESCRIBE,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    SELECT,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests.support import BASE, TRICKY, TRICKY_ANSWER

GENK = f"{BASE}id/municipality/71016"
ARRONDISSEMENTS = """PREFIX lires: <https://w3id.org/lires/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?nuts WHERE { ?a a lires:Arrondissement ; lires:nutsCode ?nuts } ORDER BY ?nuts"""
NUTS = ["BE223", "BE224", "BE225"]
REQUESTS = [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)]
"""(method, request method): GET ?query=, POST form-encoded, POST application/sparql-query."""


def wrapper(url: str, query: str, fmt: str, method=GET, request=URLENCODED) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setRequestMethod(request)
    return client


@pytest.mark.parametrize(("method", "request_method"), REQUESTS)
def test_the_three_protocol_forms_with_ampersands_hash_and_non_ascii(live_server, method, request_method):
    result = wrapper(live_server, TRICKY, JSON, method, request_method).queryAndConvert()
    assert [b["thing"]["value"] for b in result["results"]["bindings"]] == TRICKY_ANSWER


@pytest.mark.parametrize(("method", "request_method"), REQUESTS)
def test_select_in_every_result_format(live_server, method, request_method):
    json = wrapper(live_server, ARRONDISSEMENTS, JSON, method, request_method).queryAndConvert()
    assert [b["nuts"]["value"] for b in json["results"]["bindings"]] == NUTS
    xml = wrapper(live_server, ARRONDISSEMENTS, XML, method, request_method).queryAndConvert()
    literals = xml.getElementsByTagName("literal")
    assert [n.firstChild.data for n in literals] == NUTS
    table = wrapper(live_server, ARRONDISSEMENTS, CSV, method, request_method).queryAndConvert().decode()
    assert [row["nuts"] for row in csv.DictReader(io.StringIO(table))] == NUTS
    tsv = wrapper(live_server, ARRONDISSEMENTS, TSV, method, request_method).queryAndConvert().decode()
    assert [line.split("\t")[1] for line in tsv.strip().split("\n")[1:]] == [f'"{code}"' for code in NUTS]


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_ask_in_every_result_format(live_server, fmt):
    client = wrapper(live_server, f"ASK {{ <{GENK}> ?p ?o }}", fmt)
    assert client.queryType == ASK
    result = client.queryAndConvert()
    if fmt == JSON:
        assert result["boolean"] is True
    elif fmt == XML:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert result.decode().strip() == "true"


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, XML, JSONLD])
@pytest.mark.parametrize(("method", "request_method"), REQUESTS)
def test_construct_and_describe_in_every_graph_format(live_server, fmt, method, request_method):
    construct = f"""PREFIX geo: <http://www.opengis.net/ont/geosparql#>
    CONSTRUCT {{ ?m geo:sfWithin ?a }} WHERE {{ ?m geo:sfWithin ?a FILTER(?a = <{BASE}id/arrondissement/72000>) }}"""
    client = wrapper(live_server, construct, fmt, method, request_method)
    assert client.queryType == CONSTRUCT
    graph = client.queryAndConvert()
    if not isinstance(graph, rdflib.Graph):  # SPARQLWrapper hands Turtle and N3 back as bytes
        graph = rdflib.Graph().parse(data=graph, format="turtle")
    municipalities = set(graph.subjects())
    assert f"{BASE}id/municipality/72043" in {str(m) for m in municipalities}  # Pelt lies in Maaseik
    assert len(municipalities) == len(graph)
    describe = wrapper(live_server, f"DESCRIBE <{GENK}>", fmt, method, request_method)
    assert describe.queryType == DESCRIBE
    genk = describe.queryAndConvert()
    if not isinstance(genk, rdflib.Graph):
        genk = rdflib.Graph().parse(data=genk, format="turtle")
    assert (rdflib.URIRef(GENK), rdflib.URIRef("https://w3id.org/lires/ns#nisCode"), rdflib.Literal("71016")) in genk


def test_select_query_type_and_bad_query_error(live_server):
    client = wrapper(live_server, ARRONDISSEMENTS, JSON)
    assert client.queryType == SELECT
    with pytest.raises(QueryBadFormed, match="SPARQL syntax error"):
        wrapper(live_server, "SELECT ?x WHERE { ?x }", JSON).query()


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore_with_its_json_default_runs_select_ask_and_construct(live_server, method):
    """rdflib's SPARQLStore asks for every query form in its returnFormat (here JSON); a CONSTRUCT comes back in
    Turtle, which rdflib reads as a graph result."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(store=SPARQLStore(f"{live_server}/sparql", returnFormat="json", method=method))
    rows = list(graph.query(ARRONDISSEMENTS))
    assert [str(row.nuts) for row in rows] == NUTS
    assert graph.query(f"ASK {{ <{GENK}> ?p ?o }}").askAnswer is True
    constructed = graph.query(f"CONSTRUCT {{ <{GENK}> ?p ?o }} WHERE {{ <{GENK}> ?p ?o }}").graph
    assert (
        rdflib.URIRef(GENK),
        rdflib.URIRef("https://w3id.org/lires/ns#nisCode"),
        rdflib.Literal("71016"),
    ) in constructed
