"""The generated artefacts in ontology/generated/ are exactly what the schema produces."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.compare import isomorphic

from ontology.generate import OUT, generate
from ontology.vocab import vocabulary


def test_regeneration_leaves_no_diff(tmp_path: Path):
    generate(tmp_path / "generated")
    fresh = {p.relative_to(tmp_path / "generated") for p in (tmp_path / "generated").rglob("*") if p.is_file()}
    checked_in = {p.relative_to(OUT) for p in OUT.rglob("*") if p.is_file()}
    assert fresh == checked_in, "run `python -m ontology.generate` and commit the result"
    for rel in sorted(fresh):
        new, old = tmp_path / "generated" / rel, OUT / rel
        if rel.suffix == ".ttl":
            assert isomorphic(rdflib.Graph().parse(new), rdflib.Graph().parse(old)), f"{rel} differs"
        else:
            assert new.read_text(encoding="utf-8") == old.read_text(encoding="utf-8"), f"{rel} differs"


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
