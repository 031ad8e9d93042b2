"""Brokers and communities: who bridges the groups that work together, and what the groups are.

Communities are the Leiden communities of the cooperation network (``communities``), each named after its most
central members: the NAMED members with most links inside it (ties: most links overall, then key). A broker is a
node with betweenness above 0 (the share of shortest paths between others that run through it, ``metrics``),
ranked highest first, with the communities its neighbours belong to: a broker whose neighbours lie in several
communities bridges them.

A structure of which every municipality in scope is a member (through the municipality or its government; the
Burgemeestersparlement) lies on many shortest paths only because it touches everybody: it is set apart in
``everybody`` rather than ranked, so that it does not top the list unexplained.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from graph.analysis.communities import communities
from graph.analysis.cooperation import contexts, cooperation_graph
from graph.analysis.metrics import betweenness
from graph.analysis.scope import Scope
from records.model import Key

NAMED = 3
"""Central members a community is named after."""


@dataclass(frozen=True)
class Community:
    """A community (``index`` 0 = largest): its members, most central first."""

    index: int
    members: tuple[Key, ...]

    @property
    def central(self) -> tuple[Key, ...]:
        """The members it is named after."""
        return self.members[:NAMED]


@dataclass(frozen=True)
class Broker:
    """A node with its betweenness (normalised), links (degree), own community and, per community its neighbours
    lie in, how many (most first); ``everybody`` for a structure every municipality in scope belongs to."""

    key: Key
    betweenness: float
    degree: int
    community: int
    links: tuple[tuple[int, int], ...]
    everybody: bool

    @property
    def bridges(self) -> tuple[int, ...]:
        """The communities its neighbours lie in, most linked first."""
        return tuple(c for c, _ in self.links)


@dataclass(frozen=True)
class Brokers:
    """Ranked brokers (highest betweenness first, ``everybody`` structures apart), every community, and the
    number of sampled sources betweenness is estimated from (None when exact)."""

    brokers: list[Broker]
    everybody: list[Broker]
    communities: list[Community]
    betweenness_sources: int | None


def brokers(scope: Scope, graph: nx.Graph | None = None, top: int | None = 20) -> Brokers:
    """The ``top`` brokers of ``scope``'s cooperation network (all with betweenness above 0 when None), the
    structures every municipality belongs to, and the communities (see the module docstring)."""
    graph = cooperation_graph(scope) if graph is None else graph
    between, sources = betweenness(graph)
    found = communities(graph)
    community = {node: i for i, members in enumerate(found) for node in members}
    named = named_communities(graph, found)
    everybody = _everybody(scope, graph)

    def broker(node: Key) -> Broker:
        counts = Counter(community[n] for n in graph[node])
        links = tuple(sorted(counts.items(), key=lambda cn: (-cn[1], cn[0])))
        return Broker(node, between[node], graph.degree(node), community[node], links, node in everybody)

    ranked = sorted((n for n in graph if between[n] > 0), key=lambda n: (-between[n], -graph.degree(n), n))
    return Brokers(
        [broker(n) for n in ranked if n not in everybody][:top],
        [broker(n) for n in sorted(everybody)],
        named,
        sources,
    )


def named_communities(graph: nx.Graph, found: list[set[Key]]) -> list[Community]:
    """The communities ``found`` (largest first) with their members most central first: most links inside the
    community, then most links overall, then by key."""
    return [
        Community(i, tuple(sorted(members, key=lambda n: (-_inside(graph, n, members), -graph.degree(n), n))))
        for i, members in enumerate(found)
    ]


def _inside(graph: nx.Graph, node: Key, members: set[Key]) -> int:
    return sum(1 for n in graph[node] if n in members)


def _everybody(scope: Scope, graph: nx.Graph) -> set[Key]:
    """Structures of which every municipality in scope is a member (directly or through its government)."""
    places = [m for m in scope.municipalities if m in graph]
    if not places:
        return set()
    reach = [contexts(graph, m) for m in places]
    return {s for s in graph if s.type == "Structure" and all(s in r for r in reach)}
