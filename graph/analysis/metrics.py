"""Network measures on the cooperation network: degree, brokers (betweenness), closeness, communities.

All from networkx on the undirected cooperation graph of a scope (see ``cooperation``):
``degree`` is the number of neighbours; ``betweenness`` the normalised betweenness centrality
(share of shortest paths through the node: brokers score high), exact up to
``EXACT_BETWEENNESS_NODES`` nodes and above that estimated from the shortest paths of
``BETWEENNESS_SOURCES`` source nodes drawn with a fixed seed (networkx ``k=``, Brandes and
Pich 2007), since exact betweenness costs one shortest-path search per node (O(VE));
``closeness`` the closeness centrality with the Wasserman-Faust correction for graphs in several
pieces; ``community`` the index of the node's Leiden community (``communities``: modularity, resolution 1,
fixed seed so that the same data gives the same communities), numbered by size, largest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph.analysis.communities import communities
from graph.analysis.cooperation import cooperation_graph
from graph.analysis.scope import Scope
from records.model import Key

BETWEENNESS_SEED = 20170206
"""Seed of the betweenness sample (any fixed number; this one is the LIRES kick-off day)."""
EXACT_BETWEENNESS_NODES = 2_000
"""Networks up to this many nodes get exact betweenness (the real data has a few hundred)."""
BETWEENNESS_SOURCES = 100
"""Source nodes sampled for betweenness above EXACT_BETWEENNESS_NODES."""


@dataclass(frozen=True)
class NodeMetrics:
    """The measures of one node of the cooperation network."""

    key: Key
    degree: int
    betweenness: float
    closeness: float
    community: int


@dataclass(frozen=True)
class Measures:
    """Measures of nodes, highest betweenness first, and how betweenness was computed."""

    nodes: list[NodeMetrics]
    betweenness_sources: int | None
    """Number of sampled source nodes betweenness is estimated from; None when it is exact."""


def betweenness(graph: nx.Graph) -> tuple[dict[Key, float], int | None]:
    """Normalised betweenness of every node of ``graph`` (rounded to 6 decimals) and the number of sampled source
    nodes it is estimated from (None when exact: up to EXACT_BETWEENNESS_NODES nodes)."""
    sources = BETWEENNESS_SOURCES if graph.number_of_nodes() > EXACT_BETWEENNESS_NODES else None
    # On integer labels: hashing Keys (Python dataclasses) would take most of the time of the paths.
    nodes, numbered = list(graph), nx.convert_node_labels_to_integers(graph)
    found = nx.betweenness_centrality(numbered, k=sources, seed=BETWEENNESS_SEED)
    return {nodes[i]: round(b, 6) for i, b in found.items()}, sources


def metrics(
    scope: Scope, graph: nx.Graph | None = None, types: Iterable[str] | None = None, top: int | None = None
) -> Measures:
    """Measures of the nodes of ``scope``'s cooperation network (or of ``graph`` when given), highest
    betweenness first: of every node, or only of those whose type is in ``types`` (entity type names, e.g.
    ``Organisation``), and only the ``top`` first when given (closeness is computed for the nodes returned only)."""
    graph = cooperation_graph(scope) if graph is None else graph
    between, sources = betweenness(graph)
    nodes, numbered = list(graph), nx.convert_node_labels_to_integers(graph)
    index = {n: i for i, n in enumerate(nodes)}
    community = {node: i for i, members in enumerate(communities(graph)) for node in members}
    wanted = None if types is None else set(types)
    shown = sorted(
        (n for n in graph if wanted is None or n.type in wanted),
        key=lambda n: (-between[n], -graph.degree(n), n),
    )[:top]
    closeness = {n: nx.closeness_centrality(numbered, index[n]) for n in shown}
    return Measures(
        [NodeMetrics(n, graph.degree(n), between[n], round(closeness[n], 6), community[n]) for n in shown],
        sources,
    )
