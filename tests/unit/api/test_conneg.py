"""Content negotiation: an Accept-header table (q-values, wildcards, lists, unknown types) and the format parameter."""

from __future__ import annotations

import pytest

from api.conneg import PAGE, RDF, RESULTS, negotiate
from api.errors import BadRequest, NotAcceptable

JSON, XML, CSV, TSV = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
TTL, JSONLD, NT, RDFXML, HTML = (
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
    "text/html",
)

ACCEPT_TABLE = [
    # (offer, Accept header, chosen media type or the exception)
    (RESULTS, None, JSON),
    (RESULTS, "", JSON),
    (RESULTS, "*/*", JSON),
    (RESULTS, "text/csv", CSV),
    (RESULTS, "text/tab-separated-values", TSV),
    (RESULTS, "application/sparql-results+xml", XML),
    (RESULTS, "text/*", CSV),
    (RESULTS, "text/csv;q=0.5, text/tab-separated-values", TSV),
    (RESULTS, "text/csv;q=0.5, text/tab-separated-values;q=0.9, */*;q=0.1", TSV),
    (RESULTS, "application/sparql-results+json;q=0, */*", XML),
    (RESULTS, "application/sparql-results+json,application/json,text/javascript,application/javascript", JSON),
    (RESULTS, "text/csv; charset=utf-8", CSV),
    (RESULTS, "image/png", NotAcceptable),
    (RESULTS, "text/turtle", NotAcceptable),
    (RESULTS, "application/sparql-results+json;q=0", NotAcceptable),
    (RESULTS, "not-a-media-type", BadRequest),
    (RDF, "*/*", TTL),
    (RDF, "application/turtle,text/turtle", TTL),
    (RDF, "application/ld+json,application/x-json+ld", JSONLD),
    (RDF, "application/rdf+xml", RDFXML),
    (RDF, "application/n-triples", NT),
    (RDF, "text/plain;q=0.9, application/n-triples;q=0.8, text/turtle;q=0.7", NT),
    (RDF, "application/*", JSONLD),
    (RDF, "application/*;q=0.2, text/turtle;q=0.1", JSONLD),
    (RDF, "application/sparql-results+json", NotAcceptable),
    (PAGE, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", HTML),
    (PAGE, "text/turtle, text/html;q=0.5", TTL),
    (PAGE, "*/*", HTML),
    (PAGE, "application/pdf", NotAcceptable),
    (PAGE, "application/json", JSONLD),  # JSON-LD is JSON
    (RDF, "application/json", JSONLD),
    (PAGE, "application/json;q=0.5, text/turtle", TTL),
    (PAGE, "application/*", JSONLD),
    (RESULTS, "application/json;q=0.5, text/csv", CSV),
]


@pytest.mark.parametrize(("offer", "accept", "expected"), ACCEPT_TABLE)
def test_accept_header_table(offer, accept, expected):
    if isinstance(expected, type):
        with pytest.raises(expected):
            negotiate(accept, None, offer)
    else:
        assert negotiate(accept, None, offer) == expected


FORMAT_TABLE = [
    (RESULTS, "json", JSON),
    (RESULTS, "xml", XML),
    (RESULTS, "csv", CSV),
    (RESULTS, "tsv", TSV),
    (RESULTS, "text/tab-separated-values", TSV),
    (RESULTS, "JSON", JSON),
    (RDF, "ttl", TTL),
    (RDF, "turtle", TTL),
    (RDF, "n3", TTL),
    (RDF, "nt", NT),
    (RDF, "jsonld", JSONLD),
    (RDF, "json-ld", JSONLD),
    (RDF, "json", JSONLD),
    (RDF, "xml", RDFXML),
    (RDF, "rdf+xml", RDFXML),
    (RDF, "application/rdf+xml", RDFXML),
    (PAGE, "html", HTML),
    (RESULTS, "ttl", NotAcceptable),
    (RDF, "csv", NotAcceptable),
    (PAGE, "tsv", NotAcceptable),
    (RDF, "application/ld+json,application/x-json+ld", JSONLD),
    (RESULTS, "text/csv;q=0.1, text/tsv", CSV),
    (RESULTS, "yaml", BadRequest),
    (RDF, "image/png", NotAcceptable),
]


@pytest.mark.parametrize(("offer", "format_param", "expected"), FORMAT_TABLE)
def test_format_parameter_beats_accept(offer, format_param, expected):
    if isinstance(expected, type):
        with pytest.raises(expected):
            negotiate("*/*", format_param, offer)
    else:
        assert negotiate("image/png", format_param, offer) == expected
