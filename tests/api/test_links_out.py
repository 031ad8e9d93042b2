"""Links out, counted: owl:sameAs to the Flemish municipality register, Wikidata and the KBO wherever the data has
the code, lires:nutsRegion to the NUTS region of the province and each arrondissement (NUTS 3); every register is a
VoID linkset of /dataset whose count is what the store holds and what the data gives."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from tests.support import BASE

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DATASET = rdflib.URIRef(f"{BASE}id/dataset/lires")
SAME_AS, NUTS_REGION = str(rdflib.OWL.sameAs), "https://w3id.org/lires/ns#nutsRegion"
REGISTERS = {
    "https://data.vlaanderen.be/id/gemeente/": SAME_AS,
    "http://www.wikidata.org/entity/": SAME_AS,
    "https://org.belgif.be/id/CbeRegisteredEntity/": SAME_AS,
    "http://data.europa.eu/nuts/code/": NUTS_REGION,
}


@pytest.fixture(scope="module")
def linksets(client) -> dict[tuple[str, str], int]:
    description = rdflib.Graph().parse(data=client.get("/dataset?format=ttl").content, format="turtle")
    found = {}
    for linkset in description.objects(DATASET, VOID.subset):
        target = description.value(linkset, VOID.objectsTarget)
        key = (str(description.value(linkset, VOID.linkPredicate)), str(description.value(target, VOID.uriSpace)))
        found[key] = description.value(linkset, VOID.triples).toPython()
        assert description.value(target, rdflib.DCTERMS.title) is not None or key[1] not in REGISTERS
    return found


def test_every_register_is_a_linkset_counted_as_the_store_holds_it(linksets, store):
    rdf = ox.Store.read_only(str(store / "current" / "oxigraph"))
    assert {(p, space) for space, p in REGISTERS.items()} <= set(linksets)
    for (predicate, space), count in linksets.items():
        held = [
            q
            for q in rdf.quads_for_pattern(None, ox.NamedNode(predicate), None)
            if q.object.value.startswith(space)  # type: ignore[union-attr]
        ]
        assert count == len(held), (predicate, space)


def test_link_counts_are_what_the_data_gives(linksets, records):
    values = [(k, v) for k, r in records.items() for v in r.values.get("same_as", ())]
    wikidata = sum(1 for _, v in values if str(v).startswith("http://www.wikidata.org/entity/Q"))
    kbo = sum(1 for r in records.values() if r.values.get("kbo_number"))
    nuts = sum(1 for r in records.values() if r.values.get("nuts_code"))
    municipalities = sum(1 for k in records if k.type == "Municipality")
    assert linksets[(SAME_AS, "https://data.vlaanderen.be/id/gemeente/")] == municipalities == 50
    assert linksets[(SAME_AS, "http://www.wikidata.org/entity/")] == wikidata
    assert linksets[(SAME_AS, "https://org.belgif.be/id/CbeRegisteredEntity/")] == kbo
    assert (
        linksets[(NUTS_REGION, "http://data.europa.eu/nuts/code/")] == nuts == 4
    )  # the province and 3 arrondissements
