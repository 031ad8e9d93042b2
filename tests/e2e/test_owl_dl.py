"""/ns (ontology/generated/lires.owl.ttl) is OWL 2 DL that a DL reasoner accepts, and restricts only the
properties the data uses, by the IRIs the data uses.

ROBOT's profile check (OWL API) and HermiT (through owlready2) are the tools a vocabulary's reader would run;
scripts/robot.sh fetches ROBOT from Maven Central on first use.
"""

from __future__ import annotations

import subprocess

import owlready2
import rdflib

from ontology.generate import OUT
from ontology.vocab import vocabulary
from tests.support import ROOT

OWL_FILE = OUT / "lires.owl.ttl"


def test_robot_finds_the_vocabulary_in_the_owl2_dl_profile(tmp_path):
    report = tmp_path / "profile.txt"
    run = subprocess.run(
        [ROOT / "scripts" / "robot.sh", "validate-profile", "--profile", "DL", "--input", OWL_FILE, "--output", report],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:] + report.read_text(encoding="utf-8")[:3000]
    assert (
        report.read_text(encoding="utf-8").strip()
        == "OWL 2 DL Profile Report: [Ontology and imports closure in profile]"
    )


def test_hermit_finds_the_vocabulary_consistent_and_every_class_satisfiable(tmp_path):
    """HermiT knows only the OWL 2 datatype map, which lacks xsd:date (lires:populationDate): it reasons with
    that datatype as an opaque one (``ignore_unsupported_datatypes``); every other datatype it checks."""
    ntriples = tmp_path / "lires.nt"
    ntriples.write_text(rdflib.Graph().parse(OWL_FILE).serialize(format="nt"), encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(ntriples.as_uri()).load(format="ntriples")
    assert len(list(ontology.classes())) >= 15
    with ontology:
        owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    assert list(world.inconsistent_classes()) == []


def test_restrictions_are_on_the_properties_the_data_uses():
    owl = rdflib.Graph().parse(OWL_FILE)
    slots = {slot.uri for slot in vocabulary().slots.values()}
    restricted = {str(p) for p in owl.objects(None, rdflib.OWL.onProperty)}
    assert restricted and restricted <= slots, restricted - slots
    for name in ("label", "nis_code", "sf_within", "id"):  # schema slot names never become IRIs
        assert (rdflib.URIRef(vocabulary().ns + name), None, None) not in owl
        assert (None, None, rdflib.URIRef(vocabulary().ns + name)) not in owl
    assert str(rdflib.SKOS.prefLabel) not in restricted  # an annotation property in SKOS
    assert "http://www.opengis.net/ont/geosparql#sfWithin" in restricted
