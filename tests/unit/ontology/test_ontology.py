"""The vocabulary compiled from the schema: standard terms reused, Dutch and English names in the OWL ontology."""

from __future__ import annotations

import rdflib

from ontology.generate import OUT
from ontology.vocab import vocabulary


def test_vocabulary_reuses_standard_terms():
    vocab = vocabulary()
    assert vocab.classes["Organisation"].uri == "http://www.w3.org/ns/org#Organization"
    assert vocab.classes["Structure"].uri == "http://www.w3.org/ns/org#OrganizationalCollaboration"
    assert vocab.classes["Membership"].uri == "http://www.w3.org/ns/org#Membership"
    assert vocab.classes["Objective"].uri == "http://www.w3.org/2004/02/skos/core#Concept"
    assert vocab.classes["Project"].uri == "http://www.w3.org/ns/prov#Activity"
    assert vocab.slots["was_derived_from"].uri == "http://www.w3.org/ns/prov#wasDerivedFrom"
    assert vocab.slots["sf_within"].uri == "http://www.opengis.net/ont/geosparql#sfWithin"
    assert vocab.slots["is_replaced_by"].uri == "http://purl.org/dc/terms/isReplacedBy"


def test_owl_has_dutch_and_english_class_labels():
    owl = rdflib.Graph().parse(OUT / "lires.owl.ttl")
    municipality = rdflib.URIRef("https://w3id.org/lires/ns#Municipality")
    labels = {(str(o), o.language) for o in owl.objects(municipality, rdflib.RDFS.label)}
    assert {("gemeente", "nl"), ("municipality", "en")} <= labels
