"""Every dump round-trips: rdflib and pyoxigraph read each RDF dump back as the store plus the dataset
description, pyld expands the JSON-LD offline, networkx reads GraphML/GEXF, CSV opens per type."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from email.utils import format_datetime

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from cli.main import app as cli
from graph.publish.dumps import DUMPS, EXPORTS
from graph.publish.network import flattened, gexf, graphml
from graph.store import open_current
from tests.support import BASE

RDF_DUMPS = {
    "lires.ttl": "turtle",
    "lires.nt": "nt",
    "lires.nt.gz": "nt",
    "lires.jsonld": "json-ld",
    "lires.rdf": "xml",
}
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
GENK = f"{BASE}id/municipality/71016"


@pytest.fixture(scope="module")
def build(store):
    return open_current(store)


@pytest.fixture(scope="module")
def expected(client, build) -> list[ox.Triple]:
    """What an RDF dump must hold: every triple of the store and the description served at /dataset."""
    description = client.get("/dataset", params={"format": "nt"})
    return [q.triple for q in build.rdf] + list(ox.parse(description.content, format=ox.RdfFormat.N_TRIPLES))


def download(client, name: str) -> bytes:
    response = client.get(f"/dumps/{name}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == DUMPS[name].media_type
    return gzip.decompress(response.content) if name.endswith(".gz") else response.content


def canonical(triples) -> ox.Dataset:
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


@pytest.mark.parametrize(("name", "fmt"), RDF_DUMPS.items())
def test_rdflib_reads_every_rdf_dump_as_the_store_plus_description(client, expected, name, fmt):
    dump = rdflib.Graph().parse(data=download(client, name), format=fmt)
    store = rdflib.Graph().parse(data=ox.serialize(expected, format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert len(dump) == len(expected)
    assert isomorphic(dump, store)


@pytest.mark.parametrize(("name", "fmt"), RDF_DUMPS.items())
def test_pyoxigraph_reads_every_rdf_dump_as_the_store_plus_description(client, expected, name, fmt):
    dump = list(ox.parse(download(client, name), format=OX_FORMATS[fmt]))
    assert canonical(dump) == canonical(expected)


def test_void_triple_count_is_the_stores(client, build):
    dump = rdflib.Graph().parse(data=download(client, "lires.nt"), format="nt")
    dataset = rdflib.URIRef(f"{BASE}id/dataset/lires")
    assert dump.value(dataset, rdflib.URIRef("http://rdfs.org/ns/void#triples")).toPython() == len(build.rdf)


def test_pyld_expands_the_jsonld_dump_without_network(client, expected):
    def no_network(url, options=None):
        raise AssertionError(f"pyld tried to fetch {url}")

    document = json.loads(download(client, "lires.jsonld"))
    assert isinstance(document["@context"], dict)  # embedded, not a URL
    options = {"documentLoader": no_network}
    expanded = jsonld.expand(document, options)
    assert any(node.get("@id") == GENK for node in expanded)
    nquads = jsonld.to_rdf(expanded, {**options, "format": "application/n-quads"})
    store = rdflib.Graph().parse(data=ox.serialize(expected, format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert isomorphic(rdflib.Graph().parse(data=nquads, format="nt"), store)


ALLOWED_GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}


def test_graphml_opens_with_typed_scalar_attributes(client, build):
    data = download(client, "lires.graphml")
    keys = ET.fromstring(data).findall("{http://graphml.graphdrawing.org/xmlns}key")
    assert {k.get("attr.type") for k in keys} <= ALLOWED_GRAPHML_TYPES
    graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    entities = [r for r in build.records if r.key.type != "Source"]
    assert graph.number_of_nodes() == len(entities)
    genk = graph.nodes[GENK]
    assert (genk["label"], genk["population"], genk["population_date"]) == ("Genk", 66447, "2020-01-01")
    assert genk["same_as"] == "https://data.vlaanderen.be/id/gemeente/71016; http://www.wikidata.org/entity/Q189692"
    assert graph.has_edge(GENK, f"{BASE}id/arrondissement/71000")


def test_gexf_opens_with_labels_and_plain_attributes(client, build):
    graph = nx.read_gexf(io.BytesIO(download(client, "lires.gexf")))
    limburg = graph.nodes[f"{BASE}id/province/70000"]
    assert limburg["label"] == "Limburg" and limburg["nuts_region"] == "http://data.europa.eu/nuts/code/BE22"
    assert graph.number_of_nodes() == len([r for r in build.records if r.key.type != "Source"])


def test_cytoscape_json_holds_the_network(client):
    data = json.loads(download(client, "lires.cyjs"))
    genk = next(n["data"] for n in data["elements"]["nodes"] if n["data"]["id"] == GENK)
    assert genk["label"] == "Genk" and genk["type"] == "Municipality"
    assert any(e["data"]["source"] == GENK and e["data"]["slot"] == "sf_within" for e in data["elements"]["edges"])


def test_none_lists_dicts_and_dates_become_values_graphml_and_gexf_allow():
    graph = nx.MultiDiGraph(title="t")
    graph.add_node("a", missing=None, names=["x", "y"], extra={"k": 1}, day=dt.date(2019, 1, 1), n=3)
    graph.add_node("b", label="B")
    graph.add_edge("a", "b", key="link", slot="link", since=dt.date(2020, 5, 1), weight=None)
    flat = flattened(graph)
    assert flat.nodes["a"] == {"names": "x; y", "extra": '{"k": 1}', "day": "2019-01-01", "n": 3}
    assert flat.edges["a", "b", "link"] == {"slot": "link", "since": "2020-05-01"}
    back = nx.read_graphml(io.BytesIO(graphml(graph)), force_multigraph=True)
    assert back.nodes["a"]["names"] == "x; y" and back.nodes["a"]["n"] == 3
    assert nx.read_gexf(io.BytesIO(gexf(graph))).nodes["a"]["day"] == "2019-01-01"


def test_csv_one_file_per_entity_type(client, build):
    archive = zipfile.ZipFile(io.BytesIO(download(client, "lires.csv.zip")))
    assert "municipality.csv" in archive.namelist() and "project.csv" in archive.namelist()
    raw = archive.read("municipality.csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 50
    genk = next(r for r in rows if r["ref"] == "71016")
    assert (genk["label_nl"], genk["population"]) == ("Genk", "66447")
    assert genk["sf_within"] == f"{BASE}id/arrondissement/71000"
    single = client.get("/dumps/csv/municipality.csv")
    assert single.headers["content-type"].startswith("text/csv") and single.content == raw
    assert client.get("/dumps/csv/nothing.csv").status_code == 404


def test_etag_and_last_modified_allow_conditional_requests(client, build):
    first = client.get("/dumps/lires.ttl")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert modified == format_datetime(build.built_at.astimezone(dt.UTC), usegmt=True)
    assert client.get("/dumps/lires.ttl", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/dumps/lires.ttl", headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert client.get("/dumps/lires.ttl", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/dumps/lires.ttl", headers={"If-Modified-Since": modified}).status_code == 304
    earlier = format_datetime(build.built_at.astimezone(dt.UTC) - dt.timedelta(days=1), usegmt=True)
    assert client.get("/dumps/lires.ttl", headers={"If-Modified-Since": earlier}).status_code == 200
    assert client.get("/dumps/lires.nt").headers["etag"] != etag
    assert client.head("/dumps/lires.ttl").headers["etag"] == etag
    assert client.get("/dumps/lires.exe").status_code == 404


@pytest.mark.parametrize("fmt", EXPORTS)
def test_cli_export_writes_the_same_dump(client, store, tmp_path, fmt):
    output = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--output", str(output), "--store", str(store)])
    assert result.exit_code == 0, result.output
    served = download(client, f"lires.{EXPORTS[fmt].extension}")
    if EXPORTS[fmt].rdf:
        parse = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
        assert isomorphic(rdflib.Graph().parse(output, format=parse), rdflib.Graph().parse(data=served, format=parse))
    else:
        assert output.read_bytes() == served


def test_cli_export_gzips_when_the_name_ends_in_gz(store, tmp_path):
    output = tmp_path / "lires.nt.gz"
    result = CliRunner().invoke(cli, ["export", "-f", "nt", "-o", str(output), "--store", str(store)])
    assert result.exit_code == 0
    assert GENK.encode() in gzip.decompress(output.read_bytes())


def test_cli_export_without_a_graph_fails_clearly(tmp_path):
    result = CliRunner().invoke(cli, ["export", "-f", "ttl", "--store", str(tmp_path)])
    assert result.exit_code == 1 and "run `lires build` first" in " ".join(result.output.split())
