"""Every property and class the built data uses is in the vocabulary: a slot's IRI (or one the projection derives
from slots, graph.quads.DERIVED), defined in /ns when it is LIRES's own, declared with the kind the data gives it
(object or datatype property) when it is reused."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from graph.quads import DERIVED
from ontology.generate import OUT
from ontology.vocab import vocabulary


@pytest.fixture(scope="module")
def data(store) -> ox.Store:
    return ox.Store.read_only(str(store / "current" / "oxigraph"))


@pytest.fixture(scope="module")
def owl() -> rdflib.Graph:
    return rdflib.Graph().parse(OUT / "lires.owl.ttl")


def _used(data: ox.Store, query: str) -> dict[str, bool]:
    """IRI -> whether some value of it is an IRI (object property) rather than a literal."""
    return {row[0].value: row[1].value == "true" for row in data.query(query)}  # type: ignore[union-attr]


def test_every_property_in_the_data_is_in_the_vocabulary(data, owl):
    used = _used(data, "SELECT ?p (MAX(isIRI(?o) || isBlank(?o)) AS ?iri) WHERE { ?s ?p ?o } GROUP BY ?p")
    used.pop(str(rdflib.RDF.type))
    vocab = vocabulary()
    slots = {uri for slot in vocab.slots for uri in vocab.slot_uris(slot)}
    assert set(used) <= slots | {vocab.expand(p) for p in DERIVED}, set(used) - slots
    assert {vocab.expand(p) for p in ("org:memberDuring", "time:hasBeginning", "foaf:name")} <= set(used)
    assert vocab.expand("prov:wasInfluencedBy") in used  # a project's sources
    for prop, is_object in used.items():
        declared = set(owl.objects(rdflib.URIRef(prop), rdflib.RDF.type))
        if prop.startswith(vocabulary().ns) or declared:
            kind = rdflib.OWL.ObjectProperty if is_object else rdflib.OWL.DatatypeProperty
            assert declared == {kind}, prop
    own = {p for p in used if p.startswith(vocabulary().ns)}
    assert own and all((rdflib.URIRef(p), rdflib.RDFS.label, None) in owl for p in own)


def test_every_class_of_lires_in_the_data_is_defined_in_the_vocabulary(data, owl):
    classes = {row[0].value for row in data.query("SELECT DISTINCT ?c WHERE { ?s a ?c }")}  # type: ignore[union-attr]
    own = {c for c in classes if c.startswith(vocabulary().ns)}
    assert own == {
        vocabulary().ns + name
        for name in ("Arrondissement", "Municipality", "Province", "Sourced", "Subregion", "Entity")
    }
    assert all((rdflib.URIRef(c), rdflib.RDF.type, rdflib.OWL.Class) in owl for c in own)
