"""How are A and B connected? The shortest paths between two entities, each hop with its relation and role.

The paths run over the cooperation network of the scope (organisations, municipalities, projects, structures:
partner, location, member, governs; graph.analysis.cooperation) extended with the agenda and the territory, so that
any two entities can be connected: a project serves an objective, an objective is narrower than another and
belongs to its strategy's scheme, a project names a strategy as its frame, a municipality lies in a deelregio and
an arrondissement, an arrondissement in the province. Working together is what a strategist asks about, so those
links are the cheapest: a hop of the cooperation network weighs 1, a hop through the agenda AGENDA and one through
the territory TERRITORY. Paths are found with networkx (``shortest_simple_paths``, Yen's algorithm on Dijkstra),
cheapest first, simple (no entity twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from graph.analysis.cooperation import cooperation_graph
from graph.analysis.scope import Scope
from records.model import Key

AGENDA = 2
"""Weight of a hop through the agenda (serves, broader, in scheme, framed by)."""
TERRITORY = 3
"""Weight of a hop through the territory (in deelregio, in arrondissement, in province)."""
MAX_PATHS = 3
"""Paths asked for at most."""

LINKS = (
    ("Project", "serves", AGENDA),
    ("Project", "strategy", AGENDA),
    ("Objective", "broader", AGENDA),
    ("Objective", "in_scheme", AGENDA),
    ("Municipality", "subregion", TERRITORY),
    ("Municipality", "sf_within", TERRITORY),
    ("Arrondissement", "sf_within", TERRITORY),
)
"""(type, slot, weight): the links of the agenda and the territory added to the cooperation network."""


@dataclass(frozen=True)
class Hop:
    """One step of a path: from ``source`` to ``target`` by ``relation`` (partner, location, member, governs, or a
    slot of LINKS), ``forward`` when the relation runs from source to target as the data states it (the
    organisation is partner in the project, the project serves the objective), with the role where the data gives
    one (a PartnerRole or MembershipRole value)."""

    source: Key
    target: Key
    relation: str
    forward: bool
    role: str | None


def path_graph(scope: Scope, cooperation: nx.Graph | None = None) -> nx.Graph:
    """The graph the paths run over (see the module docstring), from ``scope``'s cooperation network (made here
    when not given): nodes are Keys; every edge has ``weight``, ``relation``, ``tail`` (the entity the relation runs
    from) and ``role`` (or None)."""
    cooperation = cooperation_graph(scope) if cooperation is None else cooperation
    graph: nx.Graph[Key] = nx.Graph()
    graph.add_nodes_from(cooperation)
    for a, b, data in cooperation.edges(data=True):
        tail = _tail(a, b, data["relation"])
        graph.add_edge(a, b, weight=1, relation=data["relation"], tail=tail, role=data.get("role"))
    projects = set(scope.projects)
    for key, record in scope.records.items():
        for type_, slot, weight in LINKS:
            if key.type != type_ or (type_ == "Project" and key not in projects):
                continue
            if type_ == "Municipality" and key not in graph:
                continue  # a municipality not in force in the scope's year
            for value in record.values.get(slot, ()):
                if isinstance(value, Key) and value in scope.records:
                    graph.add_edge(key, value, weight=weight, relation=slot, tail=key, role=None)
    return graph


def _tail(a: Key, b: Key, relation: str) -> Key:
    """The end a relation of the cooperation network runs from: the partner, the project located, the member, the
    governing organisation."""
    first = {"partner": "Organisation", "location": "Project", "governs": "Organisation"}.get(relation)
    if first is not None:
        return a if a.type == first else b
    return a if b.type == "Structure" else b


def shortest_paths(graph: nx.Graph, start: Key, end: Key, most: int = MAX_PATHS) -> list[list[Hop]]:
    """Up to ``most`` cheapest simple paths from ``start`` to ``end`` in ``graph`` (a path_graph), cheapest first,
    each as its hops; empty when they are not connected. Raises KeyError for an entity not in ``graph`` and
    ValueError when ``start`` is ``end``."""
    for key in (start, end):
        if key not in graph:
            raise KeyError(key)
    if start == end:
        raise ValueError("a path needs two different entities")
    try:
        found = list(islice(nx.shortest_simple_paths(graph, start, end, weight="weight"), most))
    except nx.NetworkXNoPath:
        return []
    return [[_hop(graph, a, b) for a, b in pairwise(path)] for path in found]


def _hop(graph: nx.Graph, a: Key, b: Key) -> Hop:
    data = graph.edges[a, b]
    return Hop(a, b, data["relation"], data["tail"] == a, data["role"])
