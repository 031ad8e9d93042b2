"""The workbench's analysis on the real data: Leiden communities, brokers, paths and data completeness."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.brokers import brokers
from graph.analysis.communities import communities
from graph.analysis.completeness import completeness
from graph.analysis.cooperation import cooperation_graph
from graph.analysis.gaps import gaps
from graph.analysis.paths import AGENDA, path_graph, shortest_paths
from graph.analysis.scope import make_scope
from records.model import Key


@pytest.fixture(scope="module")
def scope(records):
    return make_scope(records)


@pytest.fixture(scope="module")
def network(scope):
    return cooperation_graph(scope)


def test_leiden_communities_cover_everything_once_are_connected_and_do_not_change(network):
    found = communities(network)
    assert sum(len(c) for c in found) == network.number_of_nodes() == len(set().union(*found))
    assert all(nx.is_connected(network.subgraph(c)) for c in found), "Leiden's guarantee, which Louvain lacks"
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
    assert found == communities(network)
    assert next(i for i, c in enumerate(found) if Key("Organisation", "stad-genk") in c) == next(
        i for i, c in enumerate(found) if Key("Municipality", "71016") in c
    ), "Stad Genk and Genk work together most with each other's circle"


def test_brokers_rank_by_betweenness_and_say_which_communities_they_link(scope, network):
    found = brokers(scope, network, top=None)
    assert [b.key.ref for b in found.everybody] == ["burgemeestersparlement"]
    ranked = [b.betweenness for b in found.brokers]
    assert ranked == sorted(ranked, reverse=True) and all(b > 0 for b in ranked)
    for broker in found.brokers:
        assert sum(n for _, n in broker.links) == broker.degree == network.degree(broker.key)
        assert broker.community in {c for c, _ in broker.links} or broker.degree == 0
    # Hasselt (71072, with Kortessem since 2025) bridges seven communities: the EFRO operations, the SALK projects
    # and the structures all meet there; then LSM, Diepenbeek and Genk
    hasselt = found.brokers[0]
    assert hasselt.key == Key("Municipality", "71072") and len(hasselt.bridges) == 7
    assert [b.key.ref for b in found.brokers[1:4]] == ["lsm", "71011", "71016"]
    assert Key("Municipality", "71072") in found.communities[hasselt.community].central


def test_the_cheapest_paths_come_first_and_follow_real_links(scope, network):
    graph = path_graph(scope, network)
    found = shortest_paths(graph, Key("Organisation", "stad-genk"), Key("Organisation", "uhasselt"))
    assert 1 <= len(found) <= 3
    costs = [sum(graph.edges[h.source, h.target]["weight"] for h in hops) for hops in found]
    assert costs == sorted(costs) and costs[0] == 3
    for hops in found:
        assert hops[0].source == Key("Organisation", "stad-genk") and hops[-1].target == Key("Organisation", "uhasselt")
        nodes = [hops[0].source, *(h.target for h in hops)]
        assert len(set(nodes)) == len(nodes), "simple paths"
        assert all(network.has_edge(h.source, h.target) for h in hops), "through cooperation only: it is cheaper"
    develops = next(h for hops in found for h in hops if h.target == Key("Project", "thor-park"))
    assert (develops.relation, develops.forward, develops.role) == ("partner", True, "developer")


def test_paths_reach_the_agenda_when_cooperation_does_not(scope, network):
    graph = path_graph(scope, network)
    hops = shortest_paths(graph, Key("Project", "t2-campus"), Key("Objective", "salk-1-1"), most=1)[0]
    assert [(h.relation, h.forward) for h in hops] == [("serves", True)]
    assert graph.edges[hops[0].source, hops[0].target]["weight"] == AGENDA
    with pytest.raises(ValueError):
        shortest_paths(graph, Key("Project", "t2-campus"), Key("Project", "t2-campus"))
    with pytest.raises(KeyError):
        shortest_paths(graph, Key("Project", "t2-campus"), Key("Source", "repo2020"))


def test_completeness_agrees_with_the_gap_analysis(scope, records):
    found_gaps = gaps(scope)
    found = completeness(scope, found_gaps)
    assert found.counts == found_gaps.completeness
    assert len(found.municipalities_without_subregion) == found.counts.without_subregion
    assert len(found.projects_without_objective) == found.counts.without_objective
    assert len(found.projects_without_location) == found.counts.without_location
    assert len(found.subregions_without_municipality) + len(found.counts.subregions_known) == found.counts.subregions
    assert 0 <= found.gaps_near_unplaced <= len(found_gaps.empty_cells)
    for project in found.projects_only_unassigned:
        assert scope.locations(project) and all(records[m].first("subregion") is None for m in scope.locations(project))
    assert [m.ref for m in found.municipalities_without_centre] == ["71071", "71072", "73110", "73111"]
