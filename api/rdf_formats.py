"""Serialising triples in the RDF formats the API offers, with the schema's prefixes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox
import rdflib

from ontology.vocab import GENERATED, vocabulary

GRAPH_FORMATS = {
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdfxml",
}
"""Media type -> short name for graph results, in order of preference."""

_OXIGRAPH = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
             "application/rdf+xml": ox.RdfFormat.RDF_XML}


@cache
def jsonld_context() -> dict:
    """The JSON-LD context generated from the schema (read locally, never fetched)."""
    return json.loads((GENERATED / "lires.context.jsonld").read_text(encoding="utf-8"))["@context"]


def serialize(triples: Iterable[ox.Triple], media_type: str) -> bytes:
    """Serialise ``triples`` as ``media_type`` (one of GRAPH_FORMATS)."""
    triples = list(triples)
    if media_type == "application/ld+json":
        graph = rdflib.Graph()
        graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
        return graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True).encode()
    prefixes = {p: iri for p, iri in vocabulary().prefixes.items() if p != "linkml"}
    fmt = _OXIGRAPH[media_type]
    if fmt is ox.RdfFormat.N_TRIPLES:
        return ox.serialize(triples, format=fmt)
    return ox.serialize(triples, format=fmt, prefixes=prefixes)
