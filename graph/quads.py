"""Records -> RDF quads, driven by the compiled vocabulary (no IRI is written here by hand)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox

from graph.iri import mint
from ontology.vocab import vocabulary
from records.model import Key, Record, Text, Value

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
LINKED_NODES_CACHED = 1 << 16
"""IRIs of linked entities kept minted while projecting (sources, places, partners recur on many records)."""


def term(base: str, value: Value, datatype: str | None) -> ox.NamedNode | ox.Literal:
    """The RDF term for one slot value; ``datatype`` is the slot's declared XSD type."""
    if isinstance(value, Key):
        return ox.NamedNode(mint(base, value))
    if isinstance(value, Text):
        return ox.Literal(value.value, language=value.lang)
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, Decimal):
        lexical = format(value, "f")  # canonical xsd:decimal: always a point with digits on both sides
        return ox.Literal(lexical if "." in lexical else lexical + ".0", datatype=ox.NamedNode(XSD + "decimal"))
    if datatype == XSD + "anyURI":
        return ox.NamedNode(value)
    return ox.Literal(value)


def quads(base: str, records: Iterable[Record]) -> Iterator[ox.Quad]:
    """Every triple of every record, in the default graph: types (with ancestors) and slot values."""
    vocab = vocabulary()
    predicates = {name: ox.NamedNode(spec.uri) for name, spec in vocab.slots.items()}
    types = {name: [ox.NamedNode(iri) for iri in cls.types] for name, cls in vocab.classes.items()}
    linked = lru_cache(maxsize=LINKED_NODES_CACHED)(lambda key: ox.NamedNode(mint(base, key)))
    for rec in records:
        subject = ox.NamedNode(mint(base, rec.key))
        for type_node in types[rec.key.type]:
            yield ox.Quad(subject, RDF_TYPE, type_node)
        for slot, values in rec.values.items():
            predicate, datatype = predicates[slot], vocab.slots[slot].datatype
            for value in values:
                obj = linked(value) if isinstance(value, Key) else term(base, value, datatype)
                yield ox.Quad(subject, predicate, obj)
