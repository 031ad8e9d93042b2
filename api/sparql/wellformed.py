"""XML answers of /sparql are well-formed or refused: RDF/XML and SPARQL Results XML are read back by expat
(Python's XML parser, independent of Oxigraph's writer) before they are sent.

Two things XML cannot carry, which Oxigraph writes all the same: a character outside XML 1.0's set (U+0000-U+0008,
U+000B, U+000C, U+000E-U+001F, U+FFFE, U+FFFF: SPARQL strings may hold them, ``"\\u0001"``) and, in RDF/XML, a
predicate whose IRI does not end in an XML name (``http://example.org/p/123``, ``…/p/``, ``urn:x:1``), since
RDF/XML writes predicates as element names. Such a result is refused with 406, naming the problem and the
formats that can carry it; every other format (Turtle, N-Triples, JSON-LD, SPARQL JSON, CSV, TSV) escapes both.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Sequence

import pyoxigraph as ox

from api.errors import NotAcceptable
from graph.publish.serialize import serialize
from ontology.formats import RDF_XML, SPARQL_XML

CARRIERS = {
    RDF_XML.media_type: "Turtle, N-Triples or JSON-LD (format=ttl, nt or jsonld)",
    SPARQL_XML.media_type: "SPARQL JSON, CSV or TSV (format=json, csv or tsv)",
}
"""XML media type -> the formats that carry every result it cannot."""

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (surrogates aside, which UTF-8 cannot hold either)."""


def parses(body: bytes) -> bool:
    """True when expat reads ``body`` as a well-formed XML document with well-formed namespaces."""
    try:
        xml.parsers.expat.ParserCreate(namespace_separator=" ").Parse(body, True)
    except xml.parsers.expat.ExpatError:
        return False
    return True


def check(body: bytes, media_type: str, triples: Sequence[ox.Triple] = ()) -> None:
    """Return quietly when ``body`` (``media_type``, one of CARRIERS) is well-formed XML, else raise
    NotAcceptable naming the first character or predicate (of ``triples``, for RDF/XML) XML cannot hold."""
    if parses(body):
        return
    found = NOT_XML.search(body.decode("utf-8", "replace"))
    if found:
        problem = f"a value holds the character U+{ord(found[0]):04X}, which XML 1.0 cannot hold"
    else:
        problem = next(
            (
                f"the predicate <{triple.predicate.value}> does not end in an XML name, so RDF/XML cannot write it"
                for triple in {t.predicate: t for t in triples}.values()
                if not parses(serialize([triple], media_type))
            ),
            "the serialiser wrote XML that does not parse",
        )
    raise NotAcceptable(f"the result cannot be written as {media_type}: {problem}; ask for {CARRIERS[media_type]}")
