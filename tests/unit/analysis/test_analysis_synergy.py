"""Synergy analysis and network measures on the real data: suggestions and evidence checked by hand."""

from __future__ import annotations

from graph.analysis import synergy
from graph.analysis.cooperation import cooperation_graph
from graph.analysis.metrics import metrics
from graph.analysis.scope import make_scope
from graph.analysis.synergy import synergies
from records.model import Key


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
    # The Houtpark quarter (Beringen; Democo, Groep Van Roey, LRM) lies on the be-MINE site (Beringen; the same
    # three, NV be-MINE, LSM): the data has no part-of link, so the pair tops the list, flagged.
    found = synergies(make_scope(records), ["project"], top=None)
    assert (refs(found[0].pair), found[0].possibly_nested) == (["be-mine", "houtpark-be-mine"], True)
    # Terhills Resort (Dilsen-Stokkem; LRM, Terhills NV, Center Parcs) lies within Terhills.
    assert find(found, "terhills", "terhills-resort").possibly_nested
    assert find(found, "ford-site-lvf", "ggl-zone-b").possibly_nested  # zone B of the former Ford site
    # Genk-Zuidwest shares only the Flemish government with the Ford site: too little to call it a part.
    assert not find(found, "ford-site-lvf", "genk-zuidwest").possibly_nested
    assert not find(found, "be-mine", "terhills").possibly_nested


def test_energyville_and_the_province_could_cooperate(records):
    # They share no project or structure, but both work with LRM, LSM, POM Limburg, Stad Genk and UHasselt.
    s = find(synergies(make_scope(records), ["organisation"], top=None), "energyville", "prov-limburg")
    assert s.rank == 1
    assert refs(s.common_neighbours) == ["lrm", "lsm", "pom-limburg", "stad-genk", "uhasselt"]
    assert s.shared_objectives == ()


def test_beringen_and_dilsen_stokkem_across_arrondissements(records):
    # be-MINE (Beringen, salk-1-6-2) and Terhills Resort (Dilsen-Stokkem, salk-1-6) both serve salk-1-6; Beringen
    # shares the Kolenspoor with As, Genk and Maasmechelen, Dilsen-Stokkem the Nationaal Park Hoge Kempen.
    # Pairs sharing an EFRO 2007-2013 operational objective (Leopoldsburg and Maaseik, 2.2 shop fronts) rank higher.
    s = find(synergies(make_scope(records, by="arrondissement"), ["municipality"], top=None), "71004", "72041")
    assert s.rank == 8
    assert refs(s.shared_objectives) == ["salk-1-6"]
    assert refs(s.common_neighbours) == ["71002", "71016", "73107"]
    assert s.territories == (("71000",), ("72000",))


def test_genk_and_maasmechelen_cooperate_now(records):
    # The Kolenspoor cycle highway and the Nationaal Park Hoge Kempen list both: no longer a suggestion.
    found = synergies(make_scope(records, by="arrondissement"), ["municipality"], top=None)
    assert frozenset({"71016", "73107"}) not in {frozenset(refs(s.pair)) for s in found}


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
    measures = metrics(make_scope(records))
    nodes = measures.nodes
    assert measures.betweenness_sources is None  # a few hundred nodes: exact
    top = nodes[0]
    # The 42 member codes of 2019-2024 are today's 38 municipalities.
    assert (top.key.ref, top.degree) == ("burgemeestersparlement", 38)
    assert nodes[1].key == Key("Municipality", "71072")  # Hasselt: 36 EFRO operations of the old city, 71022
    assert nodes[2].key == Key("Organisation", "lsm")  # LSM: funder of the 24 protocol projects and more
    assert len({n.community for n in nodes}) > 1


def test_top_organisation_brokers_as_in_the_full_list(records):
    # Closeness is computed for the nodes returned only; they must read as in the full measures.
    scope = make_scope(records)
    every = [n for n in metrics(scope).nodes if n.key.type == "Organisation"]
    assert metrics(scope, types=["Organisation"], top=3).nodes == every[:3]


def test_small_blocks_give_the_same_pairs_as_one_block(records, monkeypatch):
    scope = make_scope(records)
    whole = synergies(scope, ["project"], top=10)
    monkeypatch.setattr(synergy, "BLOCK_PAIRS", 40)  # one row per block, as with over 2 million actors
    assert synergies(scope, ["project"], top=10) == whole
    assert len(whole) == 10
