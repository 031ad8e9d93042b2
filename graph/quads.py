"""Records -> RDF quads, driven by the compiled vocabulary (no IRI is written here by hand)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache, lru_cache

import pyoxigraph as ox

from graph.iri import mint
from ontology.vocab import vocabulary
from records.model import Key, Record, Text, Value

LINKED_NODES_CACHED = 1 << 16
"""IRIs of linked entities kept minted while projecting (sources, places, partners recur on many records)."""


@cache
def _iri(curie: str) -> ox.NamedNode:
    """``xsd:date``, ``rdf:type``, ... expanded with the schema's prefixes."""
    return ox.NamedNode(vocabulary().expand(curie))


def term(base: str, value: Value, datatype: str | None) -> ox.NamedNode | ox.Literal:
    """The RDF term for one slot value; ``datatype`` is the slot's declared XSD type."""
    if isinstance(value, Key):
        return ox.NamedNode(mint(base, value))
    if isinstance(value, Text):
        return ox.Literal(value.value, language=value.lang)
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=_iri("xsd:dateTime"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=_iri("xsd:date"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_iri("xsd:integer"))
    if isinstance(value, Decimal):
        lexical = format(value, "f")  # canonical xsd:decimal: always a point with digits on both sides
        return ox.Literal(lexical if "." in lexical else lexical + ".0", datatype=_iri("xsd:decimal"))
    if datatype == _iri("xsd:anyURI").value:
        return ox.NamedNode(value)
    return ox.Literal(value)


def quads(base: str, records: Iterable[Record]) -> Iterator[ox.Quad]:
    """Every triple of every record, in the default graph: types (with ancestors) and slot values."""
    vocab = vocabulary()
    predicates = {name: ox.NamedNode(spec.uri) for name, spec in vocab.slots.items()}
    types = {name: [ox.NamedNode(iri) for iri in cls.types] for name, cls in vocab.classes.items()}
    linked = lru_cache(maxsize=LINKED_NODES_CACHED)(lambda key: ox.NamedNode(mint(base, key)))
    rdf_type = _iri("rdf:type")
    for rec in records:
        subject = ox.NamedNode(mint(base, rec.key))
        for type_node in types[rec.key.type]:
            yield ox.Quad(subject, rdf_type, type_node)
        for slot, values in rec.values.items():
            predicate, datatype = predicates[slot], vocab.slots[slot].datatype
            for value in values:
                obj = linked(value) if isinstance(value, Key) else term(base, value, datatype)
                yield ox.Quad(subject, predicate, obj)
