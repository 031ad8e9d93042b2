"""Network measures on the cooperation network: degree, brokers (betweenness), closeness, communities.

All from networkx on the undirected cooperation graph of a scope (see ``cooperation``):
``degree`` is the number of neighbours; ``betweenness`` the normalised betweenness centrality
(share of shortest paths through the node: brokers score high); ``closeness`` the closeness
centrality with the Wasserman-Faust correction for graphs in several pieces; ``community``
the index of the node's Louvain community (modularity, resolution 1, fixed seed so that the
same data gives the same communities), numbered by size, largest first.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.analysis.cooperation import cooperation_graph
from graph.analysis.scope import Scope
from loaders.records import Key

LOUVAIN_SEED = 20170206
"""Seed of the Louvain community detection (any fixed number; this one is the LIRES kick-off day)."""


@dataclass(frozen=True)
class NodeMetrics:
    """The measures of one node of the cooperation network."""

    key: Key
    degree: int
    betweenness: float
    closeness: float
    community: int


def metrics(scope: Scope, graph: nx.Graph | None = None) -> list[NodeMetrics]:
    """Measures of every node of ``scope``'s cooperation network (or of ``graph`` when given),
    highest betweenness first."""
    graph = cooperation_graph(scope) if graph is None else graph
    betweenness = nx.betweenness_centrality(graph)
    closeness = nx.closeness_centrality(graph)
    communities = sorted(nx.community.louvain_communities(graph, seed=LOUVAIN_SEED), key=lambda c: (-len(c), min(c)))
    community = {node: i for i, members in enumerate(communities) for node in members}
    out = [NodeMetrics(n, graph.degree(n), round(betweenness[n], 6), round(closeness[n], 6), community[n])
           for n in graph]
    out.sort(key=lambda m: (-m.betweenness, -m.degree, m.key))
    return out
