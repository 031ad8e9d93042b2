"""Records -> RDF quads, driven by the compiled vocabulary (no IRI is written here by hand)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache, lru_cache

import pyoxigraph as ox

from graph import iri
from graph.iri import mint
from ontology.vocab import LANGUAGES, vocabulary
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


DERIVED = {
    "org:memberDuring": "a membership's period, as an OWL-Time interval {membership IRI}#period",
    "time:hasBeginning": "the interval's beginning, an instant {membership IRI}#start",
    "time:hasEnd": "the interval's end, an instant {membership IRI}#end",
    "time:inXSDDate": "an instant known to the day",
    "time:inXSDgYearMonth": "an instant known to the month",
    "time:inXSDgYear": "an instant known to the year",
    "foaf:name": "the name of an agent (a source's publisher)",
}
"""Predicates the projection writes beside the slots', with what they say: a period as an OWL-Time interval (a
class's ``period``) and the name of an agent (a slot that ``names_agent``)."""
DERIVED_CLASSES = {
    "skos:ConceptScheme": "the role scheme, {base}id/conceptscheme/role (also the class of strategies)",
    "org:Role": "a role in a structure, {base}id/role/{value} (also a skos:Concept)",
    "prov:Role": "a role in a project, {base}id/role/{value} (also a skos:Concept)",
    "dcterms:Agent": "a source's publisher, {base}id/agent/{slug of the name} (also a foaf:Agent)",
    "foaf:Agent": "a source's publisher (also a dcterms:Agent)",
    "time:Interval": "a membership's period",
    "time:Instant": "the beginning or end of a period",
}
"""Classes of the resources the projection derives from values (roles, publishers, periods), with what they are."""
_PRECISION = {"day": ("time:inXSDDate", "xsd:date", 10), "month": ("time:inXSDgYearMonth", "xsd:gYearMonth", 7)}
_PRECISION["year"] = ("time:inXSDgYear", "xsd:gYear", 4)


def quads(base: str, records: Iterable[Record]) -> Iterator[ox.Quad]:
    """Every triple of every record, in the default graph: types (with ancestors) and slot values. A build also
    writes the role scheme the role values point to (``roles``).

    Where the schema says so, a value is given as a resource: a role (MembershipRole, PartnerRole) as its concept
    ``{base}id/role/{value}``, a publisher's name as the agent ``{base}id/agent/{slug}`` (described once, with
    its name), a class's period (``period``, Membership) also as an OWL-Time interval ``{IRI}#period``.
    """
    vocab = vocabulary()
    predicates = {
        (cls.name, slot): ox.NamedNode(cls.slot_uri(slot, vocab.slots[slot].uri))
        for cls in vocab.classes.values()
        for slot in cls.slots
    }
    types = {name: [ox.NamedNode(iri) for iri in cls.types] for name, cls in vocab.classes.items()}
    linked = lru_cache(maxsize=LINKED_NODES_CACHED)(lambda key: ox.NamedNode(mint(base, key)))
    concepts = {slot for slot in vocab.slots if vocab.concept_enum(slot)}
    agents = {name for name, slot in vocab.slots.items() if slot.names_agent}
    named: set[str] = set()
    rdf_type = _iri("rdf:type")
    for rec in records:
        subject = ox.NamedNode(mint(base, rec.key))
        for type_node in types[rec.key.type]:
            yield ox.Quad(subject, rdf_type, type_node)
        for slot, values in rec.values.items():
            predicate, datatype = predicates[rec.key.type, slot], vocab.slots[slot].datatype
            for value in values:
                if isinstance(value, Key):
                    obj: ox.NamedNode | ox.Literal = linked(value)
                elif slot in concepts:
                    obj = ox.NamedNode(iri.role(base, str(value)))
                elif slot in agents:
                    obj = ox.NamedNode(iri.agent(base, str(value)))
                    if str(value) not in named:
                        named.add(str(value))
                        yield from _agent(obj, str(value))
                else:
                    obj = term(base, value, datatype)
                yield ox.Quad(subject, predicate, obj)
        period = vocab.classes[rec.key.type].period
        if period and (rec.values.get("start_date") or rec.values.get("end_date")):
            yield from _interval(subject, ox.NamedNode(period), rec)


def roles(base: str) -> Iterator[ox.Quad]:
    """The SKOS concept scheme of the roles (``{base}id/conceptscheme/role``): one concept per value of the
    enumerations whose values RDF gives as concepts, typed with each enumeration's class (org:Role, prov:Role; a
    value of both is both), with Dutch and English labels, the value as skos:notation, and the scheme's title."""
    vocab = vocabulary()
    scheme = ox.NamedNode(iri.role_scheme(base))
    yield ox.Quad(scheme, _iri("rdf:type"), _iri("skos:ConceptScheme"))
    for lang, title in (("nl", "Rollen in structuren en projecten"), ("en", "Roles in structures and projects")):
        yield ox.Quad(scheme, _iri("skos:prefLabel"), ox.Literal(title, language=lang))
    for enum in vocab.enum_defs.values():
        if not enum.concept_class:
            continue
        for value, labels in enum.values.items():
            concept = ox.NamedNode(iri.role(base, value))
            yield ox.Quad(concept, _iri("rdf:type"), _iri("skos:Concept"))
            yield ox.Quad(concept, _iri("rdf:type"), ox.NamedNode(enum.concept_class))
            yield ox.Quad(concept, _iri("skos:inScheme"), scheme)
            yield ox.Quad(concept, _iri("skos:notation"), ox.Literal(value))
            for lang in LANGUAGES:
                yield ox.Quad(concept, _iri("skos:prefLabel"), ox.Literal(labels[lang], language=lang))


def _agent(node: ox.NamedNode, name: str) -> Iterator[ox.Quad]:
    """An agent known by its name: a dcterms:Agent and foaf:Agent with that foaf:name."""
    for cls in ("dcterms:Agent", "foaf:Agent"):
        yield ox.Quad(node, _iri("rdf:type"), _iri(cls))
    yield ox.Quad(node, _iri("foaf:name"), ox.Literal(name))


def _interval(subject: ox.NamedNode, predicate: ox.NamedNode, rec: Record) -> Iterator[ox.Quad]:
    """The record's period as an OWL-Time interval ``{IRI}#period`` whose beginning and end (``#start``, ``#end``)
    are instants dated as precisely as known (a date, a year and month, or a year: ``start_precision``)."""
    interval = ox.NamedNode(f"{subject.value}#period")
    yield ox.Quad(subject, predicate, interval)
    yield ox.Quad(interval, _iri("rdf:type"), _iri("time:Interval"))
    for end, link in (("start", "time:hasBeginning"), ("end", "time:hasEnd")):
        date = rec.values.get(f"{end}_date")
        if not date:
            continue
        instant = ox.NamedNode(f"{subject.value}#{end}")
        precision = str(rec.values.get(f"{end}_precision", ("day",))[0])
        predicate_name, datatype, length = _PRECISION[precision]
        yield ox.Quad(interval, _iri(link), instant)
        yield ox.Quad(instant, _iri("rdf:type"), _iri("time:Instant"))
        lexical = date[0].isoformat()[:length] if isinstance(date[0], dt.date) else str(date[0])
        yield ox.Quad(instant, _iri(predicate_name), ox.Literal(lexical, datatype=_iri(datatype)))
