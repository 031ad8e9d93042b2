"""Synergy analysis and network measures on the real data: suggestions and evidence checked by hand."""

from __future__ import annotations

from graph.analysis.cooperation import cooperation_graph
from graph.analysis.metrics import metrics
from graph.analysis.scope import make_scope
from graph.analysis.synergy import synergies
from loaders.records import Key


def find(suggestions, a: str, b: str):
    return next(s for s in suggestions if {k.ref for k in s.pair} == {a, b})


def refs(keys) -> list[str]:
    return [k.ref for k in keys]


def test_t2_campus_partners(records):
    graph = cooperation_graph(make_scope(records))
    partners = sorted(n.ref for n in graph[Key("Project", "t2-campus")] if n.type == "Organisation")
    assert partners == ["stad-genk", "syntra-limburg", "vdab"]


def test_ford_site_and_zone_b_share_objective_and_partners(records):
    # ford-site-lvf and ggl-zone-b both serve salk-1-2 and both have Genk Green Logistics and the Flemish
    # government as partners (project_partners.csv).
    s = find(synergies(make_scope(records), ["project"], top=None), "ford-site-lvf", "ggl-zone-b")
    assert refs(s.shared_objectives) == ["salk-1-2"]
    assert refs(s.common_neighbours) == ["genk-green-logistics", "vlaamse-regering"]
    assert s.objective_jaccard == 1.0 and s.rank == 2


def test_a_project_and_its_part_are_flagged_not_hidden(records):
    # Terhills Resort (Dilsen-Stokkem; LRM, Terhills NV, Center Parcs) lies within Terhills (Maasmechelen,
    # Dilsen-Stokkem; Terhills NV, LRM): the data has no part-of link, so the pair tops the list, flagged.
    found = synergies(make_scope(records), ["project"], top=None)
    assert (refs(found[0].pair), found[0].possibly_nested) == (["terhills", "terhills-resort"], True)
    assert find(found, "ford-site-lvf", "ggl-zone-b").possibly_nested  # zone B of the former Ford site
    # Genk-Zuidwest shares only the Flemish government with the Ford site: too little to call it a part.
    assert not find(found, "ford-site-lvf", "genk-zuidwest").possibly_nested
    assert not find(found, "be-mine", "terhills").possibly_nested


def test_energyville_and_the_province_could_cooperate(records):
    # They share no project or structure, but both work with LRM, POM Limburg, Stad Genk and UHasselt.
    s = find(synergies(make_scope(records), ["organisation"], top=None), "energyville", "prov-limburg")
    assert s.rank == 1
    assert refs(s.common_neighbours) == ["lrm", "pom-limburg", "stad-genk", "uhasselt"]
    assert s.shared_objectives == ()


def test_genk_and_maasmechelen_across_arrondissements(records):
    # Thor Park (Genk) and Terhills (Maasmechelen) serve salk-1-6; both municipalities work with Hasselt and
    # Diepenbeek (Spartacus, Genk-Zuidwest, the Hasselt-Genk bipool), not with each other.
    s = find(synergies(make_scope(records, by="arrondissement"), ["municipality"], top=None), "71016", "73107")
    assert s.rank == 1
    assert refs(s.shared_objectives) == ["salk-1-6"]
    assert refs(s.common_neighbours) == ["71011", "71072"]
    assert s.territories == (("71000",), ("73000",))


def test_partners_that_already_cooperate_are_not_suggested(records):
    pairs = {frozenset(refs(s.pair)) for s in synergies(make_scope(records), ["organisation"], top=None)}
    assert frozenset({"stad-genk", "vlaamse-regering"}) not in pairs  # partners in ford-site-lvf
    assert frozenset({"lrm", "prov-limburg"}) not in pairs  # both in T.OP Limburg


def test_municipalities_in_one_arrondissement_are_not_suggested(records):
    found = synergies(make_scope(records, by="arrondissement"), ["municipality"], top=None)
    assert found and all(s.territories[0] != s.territories[1] for s in found)


def test_top_limits_each_kind(records):
    found = synergies(make_scope(records), top=2)
    assert [s.kind for s in found] == ["project"] * 2 + ["organisation"] * 2 + ["municipality"] * 2


def test_burgemeestersparlement_is_the_main_broker(records):
    nodes = metrics(make_scope(records))
    top = nodes[0]
    # The 42 member codes of 2019-2024 are today's 38 municipalities.
    assert (top.key.ref, top.degree) == ("burgemeestersparlement", 38)
    assert nodes[1].key == Key("Municipality", "71016")  # Genk: six projects, three structures
    assert len({n.community for n in nodes}) > 1
