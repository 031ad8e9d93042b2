"""Communities of the cooperation network: Leiden (Traag, Waltman and van Eck 2019) on modularity.

Leiden rather than Louvain: Louvain can leave a community internally disconnected (a node that bridged two parts
moves away and the parts stay one community); Leiden refines every community after each move phase, so every
community it returns is connected, and it is faster. It is the implementation of igraph (``community_leiden``,
C, already a dependency for the layouts), run until the partition no longer changes, with resolution 1 and a
seeded random generator so that the same data always gives the same communities.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Hashable
from typing import Any, Protocol, TypeVar

import igraph
import networkx as nx


class _Node(Hashable, Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


N = TypeVar("N", bound=_Node)
"""A node of the graph: hashable and ordered (communities of one size are ordered by their smallest node)."""

SEED = 20170206
"""Seed of the community detection (any fixed number; this one is the LIRES kick-off day)."""
_IGRAPH_RANDOM = threading.Lock()
"""Held while igraph's module-wide random generator is the seeded one (two requests at once each get the seeded
sequence)."""


def leiden(graph: igraph.Graph) -> list[int]:
    """The Leiden community of each vertex of ``graph`` (modularity, resolution 1, seeded), by vertex index."""
    with _IGRAPH_RANDOM:
        igraph.set_random_number_generator(random.Random(SEED))
        try:
            found = graph.community_leiden(objective_function="modularity", resolution=1.0, n_iterations=-1)
        finally:
            igraph.set_random_number_generator(random)
    return list(found.membership)


def communities(graph: nx.Graph[N]) -> list[set[N]]:
    """The Leiden communities of ``graph`` (modularity, resolution 1), largest first (ties by smallest node), every
    node in exactly one; an isolated node is a community of its own. Nodes must be comparable (for the order)."""
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    numbered = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in graph.edges()])
    found: dict[int, set[N]] = {}
    for i, community in enumerate(leiden(numbered)):
        found.setdefault(community, set()).add(nodes[i])
    return sorted(found.values(), key=lambda c: (-len(c), min(c)))
