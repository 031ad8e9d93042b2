"""The vocabularies LIRES reuses, as their authors mean them: an OWL-RL closure (owlrl) of the Turtle dump with
the official PROV-O and W3C ORG (../shared/conformance/vocabs/) finds no inconsistency; roles are concepts of a
SKOS scheme (org:Role, prov:Role) with Dutch and English labels; publishers are agents; membership periods are
also OWL-Time intervals (org:memberDuring)."""

from __future__ import annotations

import owlrl
import pytest
import rdflib

from tests.support import BASE, CONFORMANCE

ERROR = rdflib.URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")  # where owlrl reports inconsistencies
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
TIME = rdflib.Namespace("http://www.w3.org/2006/time#")
ROLE = f"{BASE}id/role/"


def owl_rl_errors(graph: rdflib.Graph) -> list[str]:
    """The inconsistencies an OWL-RL closure of ``graph`` with PROV-O and ORG finds (the graph is extended)."""
    for name in ("prov-o.ttl", "org.ttl"):
        graph.parse(CONFORMANCE / "vocabs" / name)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    return sorted(str(message) for message in graph.objects(None, ERROR))


@pytest.fixture(scope="module")
def dump(client) -> rdflib.Graph:
    return rdflib.Graph().parse(data=client.get("/dumps/lires.ttl").content, format="turtle")


def test_owl_rl_closure_with_prov_and_org_finds_no_inconsistency(dump):
    closed = rdflib.Graph() + dump
    assert owl_rl_errors(closed) == []
    project = rdflib.URIRef(f"{BASE}id/project/thor-park")
    assert (project, rdflib.RDF.type, PROV.Activity) in closed and (project, rdflib.RDF.type, PROV.Entity) not in closed


def test_owl_rl_would_find_a_project_derived_from_a_source():
    """What made the 19 contradictions: prov:wasDerivedFrom makes its subject a prov:Entity, disjoint with
    prov:Activity (so a project's sources are prov:wasInfluencedBy)."""
    project, source = rdflib.URIRef(f"{BASE}id/project/thor-park"), rdflib.URIRef(f"{BASE}id/source/thor-hist")
    graph = rdflib.Graph()
    graph.add((project, rdflib.RDF.type, PROV.Activity))
    graph.add((project, PROV.wasDerivedFrom, source))
    errors = owl_rl_errors(graph)
    assert len(errors) == 1 and "prov#Activity" in errors[0] and "prov#Entity" in errors[0]


def test_roles_are_concepts_of_a_skos_role_scheme_in_dutch_and_english(dump):
    scheme = rdflib.URIRef(f"{BASE}id/conceptscheme/role")
    assert (scheme, rdflib.RDF.type, rdflib.SKOS.ConceptScheme) in dump
    roles = set(dump.subjects(rdflib.SKOS.inScheme, scheme))
    assert {str(r).removeprefix(ROLE) for r in roles} == {
        "chair", "founding-member", "steering-partner", "lead-city", "lead", "managing-municipality",
        "developer", "partner", "funder", "operator",
    }  # fmt: skip
    chair, funder, lead = (rdflib.URIRef(ROLE + r) for r in ("chair", "funder", "lead"))
    assert set(dump.objects(chair, rdflib.RDF.type)) == {rdflib.SKOS.Concept, ORG.Role}
    assert set(dump.objects(funder, rdflib.RDF.type)) == {rdflib.SKOS.Concept, PROV.Role}
    assert set(dump.objects(lead, rdflib.RDF.type)) == {rdflib.SKOS.Concept, ORG.Role, PROV.Role}
    assert {(str(label), label.language) for label in dump.objects(chair, rdflib.SKOS.prefLabel)} == {
        ("voorzitter", "nl"),
        ("chair", "en"),
    }
    used = set(dump.objects(None, ORG.role)) | set(dump.objects(None, PROV.hadRole))
    assert used and used <= roles
    assert not any(isinstance(value, rdflib.Literal) for value in used)


def test_publishers_are_agents_with_their_names(dump):
    source = rdflib.URIRef(f"{BASE}id/source/repo2020")
    publisher = dump.value(source, rdflib.DCTERMS.publisher)
    assert publisher == rdflib.URIRef(f"{BASE}id/agent/github-vandenbroucke-belgian-municipalities")
    assert {rdflib.DCTERMS.Agent, rdflib.FOAF.Agent} <= set(dump.objects(publisher, rdflib.RDF.type))
    assert dump.value(publisher, rdflib.FOAF.name) == rdflib.Literal("GitHub (vandenbroucke/belgian_municipalities)")
    publishers = set(dump.objects(None, rdflib.DCTERMS.publisher))
    assert all(isinstance(p, rdflib.URIRef) for p in publishers)


def test_membership_periods_are_also_owl_time_intervals(dump):
    membership = rdflib.URIRef(f"{BASE}id/membership/streekplatform-noord-limburg--72030")
    interval = dump.value(membership, ORG.memberDuring)
    assert interval == rdflib.URIRef(f"{membership}#period")
    assert (interval, rdflib.RDF.type, TIME.Interval) in dump
    start = dump.value(interval, TIME.hasBeginning)
    assert dump.value(start, TIME.inXSDDate) == rdflib.Literal("1996-01-17", datatype=rdflib.XSD.date)
    assert dump.value(membership, rdflib.URIRef("http://schema.org/startDate")).toPython().isoformat() == "1996-01-17"
    dates = (rdflib.URIRef("http://schema.org/startDate"), rdflib.URIRef("http://schema.org/endDate"))
    with_dates = {m for m in dump.subjects(rdflib.RDF.type, ORG.Membership) if any((m, d, None) in dump for d in dates)}
    assert with_dates == set(dump.subjects(ORG.memberDuring, None))
