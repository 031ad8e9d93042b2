"""The sparse synergy scores against the reference: networkx's Adamic-Adar index and Jaccard coefficient on every
pair of the real data, for every kind and both partitions (slow: networkx scores every pair)."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest

from graph.analysis.cooperation import cooperation_graph
from graph.analysis.objectives import closure
from graph.analysis.scope import make_scope
from graph.analysis.synergy import synergies
from records.labels import UNASSIGNED
from records.model import Key


def contexts(graph: nx.Graph, actor: Key) -> set[Key]:
    """Projects and structures ``actor`` takes part in; a municipality also through its government."""
    direct = {n for n in graph[actor] if n.type in ("Project", "Structure")}
    if actor.type == "Municipality":
        for government in (n for n, e in graph[actor].items() if e["relation"] == "governs"):
            direct |= {n for n in graph[government] if n.type in ("Project", "Structure")}
    return direct


def link_graphs(scope, graph: nx.Graph) -> dict[str, tuple[nx.Graph, dict]]:
    """Per kind, the link graph networkx scores and each actor's objectives (broader ones included), built from
    the cooperation network as the analysis defines them (graph.analysis.synergy's docstring)."""

    def objectives(projects) -> frozenset[Key]:
        return closure(scope.records, (o for p in projects for o in scope.records[p].values.get("serves", ())))

    def projection(actors, context_of) -> nx.Graph:
        bipartite = nx.Graph((a, c) for a, cs in context_of.items() for c in cs)
        bipartite.add_nodes_from(actors)
        return nx.bipartite.projected_graph(bipartite, list(actors))

    projects = nx.Graph((p, o) for p in scope.projects for o in graph[p] if o.type == "Organisation")
    projects.add_nodes_from(scope.projects)
    organisations = [n for n in graph if n.type == "Organisation"]
    of_organisation = {a: contexts(graph, a) for a in organisations}
    of_municipality = {a: contexts(graph, a) for a in scope.municipalities}
    everybody = {s for s in graph if s.type == "Structure" and all(s in c for c in of_municipality.values())}
    of_municipality = {a: c - everybody for a, c in of_municipality.items()}
    return {
        "project": (projects, {p: objectives([p]) for p in scope.projects}),
        "organisation": (
            projection(organisations, of_organisation),
            {a: objectives(c for c in cs if c.type == "Project") for a, cs in of_organisation.items()},
        ),
        "municipality": (
            projection(scope.municipalities, of_municipality),
            {a: objectives(c for c in cs if c.type == "Project") for a, cs in of_municipality.items()},
        ),
    }


def networkx_ranking(link_graph: nx.Graph, objectives: dict, keep) -> list[tuple]:
    """(score, pair, Adamic-Adar, Jaccard) of every unlinked pair that ``keep`` accepts and that scores above 0,
    by networkx's adamic_adar_index and jaccard_coefficient on all pairs, best first, ties by pair."""
    themed = nx.Graph((a, ("objective", o)) for a in objectives for o in objectives[a])
    themed.add_nodes_from(objectives)
    pairs = [p for p in combinations(sorted(objectives), 2) if not link_graph.has_edge(*p) and keep(*p)]
    adamic_adar = {(u, v): s for u, v, s in nx.adamic_adar_index(link_graph, pairs)}
    jaccard = {(u, v): s for u, v, s in nx.jaccard_coefficient(themed, pairs)}
    ranked = [
        (round(adamic_adar[p] + jaccard[p], 6), p, round(adamic_adar[p], 6), round(jaccard[p], 6))
        for p in pairs
        if adamic_adar[p] + jaccard[p] > 0
    ]
    return sorted(ranked, key=lambda r: (-r[0], r[1]))


@pytest.mark.parametrize("by", ["subregion", "arrondissement"])
def test_sparse_scores_equal_networkx_on_every_pair(records, by):
    # The sparse products must rank exactly as networkx scoring every pair did before them.
    scope = make_scope(records, by=by)
    graph, territory = cooperation_graph(scope), scope.partition.of_municipality

    def across(u: Key, v: Key) -> bool:
        return territory[u] != territory[v] or territory[u] == UNASSIGNED

    references = link_graphs(scope, graph)
    for kind, keep in (("project", lambda u, v: True), ("organisation", lambda u, v: True), ("municipality", across)):
        expected = networkx_ranking(*references[kind], keep)
        found = synergies(scope, [kind], top=None)
        assert len(expected) > 5
        assert [(s.score, s.pair, s.adamic_adar, s.objective_jaccard) for s in found] == expected
        assert synergies(scope, [kind], top=5) == found[:5]
