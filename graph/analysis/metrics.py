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

Above ``NETWORKX_NODES`` nodes (a network of 10^4 projects has 1.4 x 10^4) the same measures come from igraph on
integer ids: betweenness from the paths of the same number of sampled sources, scaled as networkx scales its
estimate; closeness with the same correction for several pieces; the same Leiden communities (communities of
equal size numbered by their first node). The answers are then igraph's, not bit for bit networkx's (another
implementation and random stream).
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import cast

import igraph
import networkx as nx
import numpy as np

from graph.analysis.communities import communities, leiden
from graph.analysis.cooperation import Network, cooperation_graph
from graph.analysis.scope import Scope
from records.model import Key

BETWEENNESS_SEED = 20170206
"""Seed of the betweenness sample (any fixed number; this one is the LIRES kick-off day)."""
EXACT_BETWEENNESS_NODES = 2_000
"""Networks up to this many nodes get exact betweenness (the real data has a few hundred)."""
BETWEENNESS_SOURCES = 100
"""Source nodes sampled for betweenness above EXACT_BETWEENNESS_NODES."""
NETWORKX_NODES = EXACT_BETWEENNESS_NODES
"""Networks above this many nodes (those whose betweenness is sampled) are measured with igraph (C) on integer ids:
networkx's paths and Louvain in Python took 146 s at 10^4 projects (igraph: 3.4 s) and hours at EU scale."""


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
    scope: Scope, graph: nx.Graph[Key] | None = None, types: Iterable[str] | None = None, top: int | None = None
) -> Measures:
    """Measures of the nodes of ``scope``'s cooperation network (or of ``graph`` when given), highest
    betweenness first: of every node, or only of those whose type is in ``types`` (entity type names, e.g.
    ``Organisation``), and only the ``top`` first when given (closeness is computed for the nodes returned only).

    Networks of more than NETWORKX_NODES nodes (and no ``graph`` given) are measured with igraph (see the module
    docstring)."""
    if graph is None:
        network = Network(scope)
        if network.nodes > NETWORKX_NODES:
            return _large(network, types, top)
        graph = cooperation_graph(scope)
    between, sources = betweenness(graph)
    # On integer labels: hashing Keys (Python dataclasses) would take most of the time of the paths.
    # (types-networkx takes only a Graph[Hashable]; the graph is read, not changed, so a Graph[Key] is one.)
    nodes, numbered = list(graph), nx.convert_node_labels_to_integers(cast("nx.Graph[Hashable]", graph))
    index = {n: i for i, n in enumerate(nodes)}
    community = {node: i for i, members in enumerate(communities(graph)) for node in members}
    wanted = None if types is None else set(types)
    shown = sorted(
        (n for n in graph if wanted is None or n.type in wanted),
        key=lambda n: (-between[n], -graph.degree(n), n),
    )[:top]
    # Of one node (u given) networkx returns its float; types-networkx declares the all-nodes dict for every call.
    closeness = {n: cast(float, nx.closeness_centrality(numbered, index[n])) for n in shown}
    return Measures(
        [NodeMetrics(n, graph.degree(n), between[n], round(closeness[n], 6), community[n]) for n in shown],
        sources,
    )


def _large(network: Network, types: Iterable[str] | None, top: int | None) -> Measures:
    """The measures of a network above NETWORKX_NODES nodes, with igraph (module docstring)."""
    n = network.nodes
    graph = igraph.Graph(n=n, edges=network.edges.tolist())
    sources = random.Random(BETWEENNESS_SEED).sample(range(n), min(BETWEENNESS_SOURCES, n))
    # igraph counts each source's paths once; networkx's estimate (betweenness_centrality with k) scales them so
    scale = 2 * n / len(sources) / ((n - 1) * (n - 2))
    betweenness = np.round(np.array(graph.betweenness(sources=sources, directed=False)) * scale, 6)
    degree = np.array(graph.degree())
    membership = np.array(leiden(graph))
    sizes = np.bincount(membership)
    first = np.full(len(sizes), n)
    np.minimum.at(first, membership, np.arange(n))
    # largest first; equal sizes by their first node (in node order, not key order as the networkx path)
    number = np.empty(len(sizes), dtype=np.int64)
    number[np.lexsort((first, -sizes))] = np.arange(len(sizes))
    wanted = None if types is None else set(types)
    candidates = np.array([i for i in range(n) if wanted is None or network.type_of(i) in wanted], dtype=np.int64)
    order = np.lexsort((candidates, -degree[candidates], -betweenness[candidates]))
    shown = candidates[order][:top].tolist()
    component = np.array(graph.connected_components().membership)
    reach = np.bincount(component)[component]
    closeness = graph.closeness(vertices=shown, normalized=True) if shown else []
    return Measures(
        [
            NodeMetrics(
                network.key(v),
                int(degree[v]),
                float(betweenness[v]),
                round(float(c if c == c else 0.0) * float(reach[v] - 1) / (n - 1), 6),
                int(number[membership[v]]),
            )
            for v, c in zip(shown, closeness, strict=True)
        ],
        len(sources),
    )
