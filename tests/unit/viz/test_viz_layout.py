"""viz.layout on a component too large for networkx's solvers (the real data has none): igraph's path."""

from __future__ import annotations

import math
import statistics

import networkx as nx

from viz.layout import LARGE, SPACING, positions


def test_a_large_component_gets_the_same_distinct_positions_every_time() -> None:
    graph = nx.barabasi_albert_graph(LARGE + 500, 2, seed=1)
    placed = positions(graph)
    assert positions(graph) == placed
    assert len(set(placed.values())) == len(graph), "no two nodes on one spot"
    size = SPACING * math.sqrt(len(graph))
    assert all(0 <= c <= size + 0.05 for xy in placed.values() for c in xy), "within its diameter (0.1 px rounding)"
    linked = statistics.mean(math.dist(placed[a], placed[b]) for a, b in graph.edges())
    apart = statistics.mean(math.dist(placed[a], placed[a + 700]) for a in range(700))
    assert linked < apart / 2, "force-directed: linked nodes lie close together"
