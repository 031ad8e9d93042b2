"""Neo4j and the RDF store of the same build hold the same facts: entities per type, relationships per
type, and every literal (names per language, codes, dates, amounts). A mismatch names what differs."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pyoxigraph as ox
import pytest
from neo4j.time import Date

from graph.neo4j.load import LOAD_ID
from graph.quads import DERIVED
from graph.store import open_current
from graph.stores.base import RdfGraph
from ontology.vocab import vocabulary
from tests.support import load_build

pytestmark = pytest.mark.neo4j
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ENTITY = "https://w3id.org/lires/ns#Entity"


def _rdf_value(term: ox.NamedNode | ox.Literal) -> object:
    if isinstance(term, ox.NamedNode):
        return term.value
    if term.language:
        return term.value, term.language
    datatype = term.datatype.value
    if datatype == XSD + "integer":
        return int(term.value)
    if datatype == XSD + "decimal":
        return Decimal(term.value)
    return term.value  # strings, and xsd:date as its ISO form


def _neo4j_value(value: object) -> object:
    if isinstance(value, Date):
        return value.iso_format()
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def rdf_facts(store: RdfGraph) -> dict[str, set]:
    """Entity IRIs per label, (start, end) per relationship type, (subject, value) per literal slot.

    Neo4j keeps a role or a publisher as the text the records hold; RDF gives it as a resource (graph/quads.py),
    read back here as that text: a role concept's skos:notation, an agent's foaf:name."""
    vocab = vocabulary()
    facts: dict[str, set] = defaultdict(set)
    for cls in vocab.concrete():
        facts[cls.neo4j_label] = {
            t.subject.value
            for t in store.triples(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(cls.uri))
            if _is_entity(store, t.subject)
        }
    text = {"notation": ox.NamedNode(vocab.expand("skos:notation")), "name": ox.NamedNode(vocab.expand("foaf:name"))}
    for slot in vocab.slots.values():
        read_as = text["notation"] if vocab.concept_enum(slot.name) else text["name"] if slot.names_agent else None
        for uri in vocab.slot_uris(slot.name):
            for t in store.triples(None, ox.NamedNode(uri), None):
                if read_as is not None:
                    (value,) = (v.object for v in store.triples(t.object, read_as, None))
                    facts[slot.neo4j_type].add((t.subject.value, _rdf_value(value)))
                elif _is_entity(store, t.subject):
                    facts[slot.neo4j_type].add((t.subject.value, _rdf_value(t.object)))
    return facts


def _is_entity(store: RdfGraph, node) -> bool:
    """True for the records' nodes (the role concepts and agents of graph/quads.py are none)."""
    return any(store.triples(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(ENTITY)))


def neo4j_facts(driver) -> dict[str, set]:
    """The same facts read back from Neo4j, properties mapped to slots through the schema; ``load_id`` (the
    loader's mark of what it wrote, graph/neo4j/load.py) is no fact and has no RDF counterpart."""
    vocab = vocabulary()
    by_property = {}
    for slot in vocab.slots.values():
        if slot.kind != "object" and slot.name != "id":
            for lang in ("nl", "en") if slot.language_tagged else (None,):
                by_property[slot.neo4j_property(lang)] = (slot.neo4j_type, lang)
    facts: dict[str, set] = defaultdict(set)
    for node in driver.execute_query(
        "MATCH (n) WHERE NOT n:LoadState RETURN labels(n) AS labels, properties(n) AS p"
    ).records:
        iri = node["p"]["iri"]
        for label in node["labels"]:
            facts[label].add(iri)
        for name, value in node["p"].items():
            if name in ("iri", "key", LOAD_ID):
                continue
            slot, lang = by_property[name]
            for item in value if isinstance(value, list) else [value]:
                facts[slot].add((iri, (item, lang) if lang else _neo4j_value(item)))
    for rel in driver.execute_query("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.iri AS a, b.iri AS b").records:
        facts[rel["type"]].add((rel["a"], rel["b"]))
    return facts


def differences(rdf: dict[str, set], neo4j: dict[str, set]) -> list[str]:
    """One line per label, type or slot whose facts differ, with counts and up to three examples each way."""
    lines = []
    for name in sorted(set(rdf) | set(neo4j)):
        only_rdf, only_neo4j = rdf[name] - neo4j[name], neo4j[name] - rdf[name]
        if only_rdf or only_neo4j:
            lines.append(
                f"{name}: RDF {len(rdf[name])}, Neo4j {len(neo4j[name])}; only in RDF {sorted(only_rdf)[:3]}, "
                f"only in Neo4j {sorted(only_neo4j)[:3]}"
            )
    return lines


@pytest.fixture(scope="module")
def rdf(store):
    return open_current(store).rdf


def test_every_rdf_predicate_is_a_schema_slot(rdf):
    vocab = vocabulary()
    predicates = {t.predicate.value for t in rdf.triples()}
    slots = {uri for s in vocab.slots for uri in vocab.slot_uris(s)}
    assert predicates <= slots | {vocab.expand(p) for p in DERIVED} | {RDF_TYPE}


def test_same_entities_relationships_and_literals(neo4j_driver, neo4j_graph, rdf):
    expected, actual = rdf_facts(rdf), neo4j_facts(neo4j_driver)
    assert differences(expected, actual) == []
    assert len(actual["Municipality"]) == 50
    assert len(actual["WAS_DERIVED_FROM"]) == neo4j_graph.relationships["WAS_DERIVED_FROM"]
    genk = "https://w3id.org/lires/id/municipality/71016"
    assert (genk, ("Genk", "nl")) in actual["label"]
    assert (genk, "2020-01-01") in actual["population_date"]
    for rel_type, count in neo4j_graph.relationships.items():
        assert len(expected[rel_type]) == count, rel_type


def test_a_mismatch_names_what_differs(neo4j_driver, neo4j_graph, rdf, store):
    neo4j_driver.execute_query("MATCH (:Municipality {key: '72043'})-[r:SF_WITHIN]->() DELETE r")
    neo4j_driver.execute_query("MATCH (p:Project {key: 't2-campus'}) SET p.budget_eur = 1.0")
    try:
        found = differences(rdf_facts(rdf), neo4j_facts(neo4j_driver))
    finally:
        load_build(neo4j_driver, open_current(store))
    assert len(found) == 2
    assert found[0].startswith(
        "SF_WITHIN: RDF 53, Neo4j 52; only in RDF [('https://w3id.org/lires/id/municipality/72043'"
    )
    assert found[1].startswith("budget_eur: ") and "t2-campus', Decimal('57000000'))" in found[1]
