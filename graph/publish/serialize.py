"""RDF serialisation in Turtle, N-Triples, JSON-LD and RDF/XML, with the schema's prefixes and JSON-LD context."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import cast

import pyoxigraph as ox
import rdflib

from ontology.formats import DOCUMENT_FORMATS, JSON_LD, N_QUADS, WRITTEN_AS
from ontology.vocab import GENERATED, vocabulary


@cache
def jsonld_context() -> dict:
    """The JSON-LD context generated from the schema (``ontology/generated/lires.context.jsonld``).

    Read from the package, never fetched: every JSON-LD document LIRES writes embeds it.
    """
    return json.loads((GENERATED / "lires.context.jsonld").read_text(encoding="utf-8"))["@context"]


def prefixes() -> dict[str, str]:
    """Prefix -> namespace IRI for Turtle and RDF/XML: the schema's prefixes (without LinkML's own)."""
    return {p: iri for p, iri in vocabulary().prefixes.items() if p != "linkml"}


def serialize(triples: Iterable[ox.Triple], media_type: str) -> bytes:
    """Serialise ``triples`` as ``media_type`` (that of one of ontology.formats.DOCUMENT_FORMATS), UTF-8.

    JSON-LD is compacted with the local context, which is embedded in the document, so a
    reader needs no network; N-Quads puts the triples in the default graph; Notation3 and plain text are written
    as Turtle and N-Triples (ontology.formats.WRITTEN_AS). Raises KeyError for any other media type.
    """
    if media_type not in {f.media_type for f in DOCUMENT_FORMATS}:
        raise KeyError(media_type)
    if media_type in WRITTEN_AS:
        return serialize(triples, WRITTEN_AS[media_type].media_type)
    if media_type == N_QUADS.media_type:
        quads = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
        return cast(bytes, ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    if media_type == JSON_LD.media_type:
        graph = rdflib.Graph()
        graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        return graph.serialize(format=media_type, context=jsonld_context(), auto_compact=True).encode()
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is ox.RdfFormat.N_TRIPLES:
        return cast(bytes, ox.serialize(triples, format=fmt))
    return cast(bytes, ox.serialize(triples, format=fmt, prefixes=prefixes()))
