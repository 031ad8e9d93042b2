"""The table of formats: what pyoxigraph and rdflib make of its media types, names that never clash, DCAT's IRIs."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import plugin
from rdflib.parser import Parser
from rdflib.serializer import Serializer

from graph.publish.dumps import DUMPS, EXPORTS
from ontology.formats import CSV, GRAPH_FORMATS, HTML, RESULT_FORMATS, TURTLE


def test_the_libraries_know_every_graph_and_results_format_by_its_media_type():
    assert [ox.RdfFormat.from_media_type(f.media_type) for f in GRAPH_FORMATS] == [
        ox.RdfFormat.TURTLE,
        ox.RdfFormat.JSON_LD,
        ox.RdfFormat.N_TRIPLES,
        ox.RdfFormat.RDF_XML,
    ]
    assert [ox.QueryResultsFormat.from_media_type(f.media_type) for f in RESULT_FORMATS] == [
        ox.QueryResultsFormat.JSON,
        ox.QueryResultsFormat.XML,
        ox.QueryResultsFormat.CSV,
        ox.QueryResultsFormat.TSV,
    ]
    for fmt in GRAPH_FORMATS:
        assert plugin.get(fmt.media_type, Serializer) and plugin.get(fmt.media_type, Parser), fmt.name


def test_a_format_name_means_one_thing_wherever_it_is_offered():
    for offer in ((HTML, *GRAPH_FORMATS), RESULT_FORMATS):
        names = [name for fmt in offer for name in fmt.names]
        assert len(names) == len(set(names))
    assert len({e.name for e in EXPORTS.values()}) == len(EXPORTS) == 9


def test_dcat_iris_and_dump_files():
    assert TURTLE.iana_iri == "http://www.iana.org/assignments/media-types/text/turtle"
    assert TURTLE.file_type_iri == "http://publications.europa.eu/resource/authority/file-type/RDF_TURTLE"
    assert HTML.file_type_iri is None
    assert {name: d.media_type for name, d in DUMPS.items()} == {
        "lires.ttl": "text/turtle",
        "lires.nt": "application/n-triples",
        "lires.jsonld": "application/ld+json",
        "lires.rdf": "application/rdf+xml",
        "lires.graphml": "application/graphml+xml",
        "lires.gexf": "application/gexf+xml",
        "lires.cyjs": "application/json",
        "lires.csv.zip": "application/zip",
        "lires.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "lires.nt.gz": "application/gzip",
    }
    assert EXPORTS[CSV.name].title == "CSV, one file per entity type (ZIP)"
