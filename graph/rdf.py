"""Records -> RDF as N-Triples text, driven by the compiled vocabulary (no IRI is written here by hand).

The build streams these lines into Oxigraph's bulk loader (``Store.bulk_load``, the path of a raw load of an
N-Triples file) rather than making one pyoxigraph object per triple in Python; Oxigraph's parser checks them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox

from graph.iri import mint
from loaders.records import Key, Record, Text, Value
from ontology.vocab import vocabulary

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
LINKED_NODES_CACHED = 1 << 16
"""IRIs of linked entities kept minted while projecting (sources, places, partners recur on many records)."""
ESCAPES = str.maketrans({**{c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]},
                         "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"})
"""N-Triples string escapes (RDF 1.1 N-Triples, ECHAR and UCHAR), as Oxigraph's own serialiser writes them."""


def iri(value: str) -> str:
    """``<value>``; raises ValueError when ``value`` is not an IRI (checked by Oxigraph)."""
    return str(ox.NamedNode(value))


@lru_cache(maxsize=64)
def language(tag: str) -> str:
    """``@tag``; raises ValueError when ``tag`` is not a BCP 47 language tag (checked by Oxigraph)."""
    try:
        return str(ox.Literal("", language=tag))[2:]
    except ValueError as error:
        raise ValueError(f"not a BCP 47 language tag: {tag!r} ({error})") from None


def typed(lexical: str, datatype: str) -> str:
    """A literal of an XSD ``datatype`` (a local name such as ``date``)."""
    return f'"{lexical}"^^<{XSD}{datatype}>'


def term(value: Value, datatype: str | None) -> str:
    """The N-Triples term for one literal slot value; ``datatype`` is the slot's declared XSD type."""
    if isinstance(value, Text):
        return f'"{value.value.translate(ESCAPES)}"{language(value.lang)}'
    if isinstance(value, dt.datetime):
        return typed(value.isoformat(), "dateTime")
    if isinstance(value, dt.date):
        return typed(value.isoformat(), "date")
    if isinstance(value, int):
        return typed(str(value), "integer")
    if isinstance(value, Decimal):
        lexical = format(value, "f")  # canonical xsd:decimal: always a point with digits on both sides
        return typed(lexical if "." in lexical else lexical + ".0", "decimal")
    if datatype == XSD + "anyURI":
        return iri(value)
    return f'"{value.translate(ESCAPES)}"'


def ntriples(base: str, records: Iterable[Record]) -> Iterator[str]:
    """Every triple of every record as N-Triples, one string of lines per record: types (with ancestors), then
    slot values. Raises ValueError for a ref, IRI or language tag that cannot be written."""
    vocab = vocabulary()
    iri(base)  # minted IRIs are the base, a class path and a checked ref: valid once the base is
    predicates = {name: iri(spec.uri) for name, spec in vocab.slots.items()}
    types = {name: [f" {iri(RDF_TYPE)} {iri(t)} .\n" for t in cls.types] for name, cls in vocab.classes.items()}
    linked = lru_cache(maxsize=LINKED_NODES_CACHED)(lambda key: f"<{mint(base, key)}>")
    for rec in records:
        subject = f"<{mint(base, rec.key)}>"
        lines = [subject + rest for rest in types[rec.key.type]]
        for slot, values in rec.values.items():
            predicate, datatype = predicates[slot], vocab.slots[slot].datatype
            lines.extend(f"{subject} {predicate} {linked(v) if isinstance(v, Key) else term(v, datatype)} .\n"
                         for v in values)
        yield "".join(lines)


def quads(base: str, records: Iterable[Record]) -> Iterator[ox.Quad]:
    """The triples of ``ntriples`` as pyoxigraph Quads in the default graph (for small record sets: an API
    answer, a test); raises ValueError as ``ntriples`` does."""
    return ox.parse("".join(ntriples(base, records)), format=ox.RdfFormat.N_TRIPLES)
