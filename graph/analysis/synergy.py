"""Synergy analysis: ranked pairs that do not cooperate yet but could, each with its evidence.

Three kinds of pairs, each scored on its own *link graph*:

- ``project``: the bipartite graph of projects and their partner organisations. The data has
  no project-project relation, so every pair is a candidate.
- ``organisation``: organisations linked when they take part in the same project or structure
  (the one-mode projection of the cooperation network). Linked pairs already cooperate and are
  not suggested.
- ``municipality``: today's municipalities linked the same way (a municipality also takes part
  through its government). A structure with every municipality in scope as member (the
  Burgemeestersparlement) is left out: it links everybody, so it tells nothing about who works
  with whom. Only pairs *across* territories are suggested: pairs known to lie in the same
  subregion or arrondissement are skipped (``unassigned`` is not known to be the same).

score = Adamic-Adar index on the link graph (sum over common neighbours z of 1 / ln deg z,
networkx ``adamic_adar_index``) + Jaccard coefficient of the two objective sets (objectives
served, each with the broader objectives it rolls up to; networkx ``jaccard_coefficient`` on
the actor-objective graph). An organisation's objectives are those of its projects, a
municipality's those of the projects located there or run by its government. Pairs scoring
0 are dropped.

Evidence per pair: the narrowest shared objectives, the common neighbours on the link graph
(``COMMON_NEIGHBOURS`` says what they are for each kind), and the territories of each side (the
data holds no borders, so neighbouring territories cannot be told; sharing one is shown).

Two projects of which one has all its locations and all its partners, at least ``NESTED_PARTNERS``
of them, among the other's (Terhills Resort and Terhills; Genk Green Logistics zone B and the Ford
site) are flagged ``possibly_nested``: the data holds no part-of link between projects, so such a
pair may be one project and its part rather than two that could join forces. They keep their rank;
the flag is evidence, not a filter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import combinations

import networkx as nx

from graph.analysis.cooperation import contexts, cooperation_graph
from graph.analysis.objectives import closure, narrowest
from graph.analysis.scope import Scope
from graph.analysis.territory import UNASSIGNED
from loaders.records import Key

KINDS = ("project", "organisation", "municipality")
"""Kinds of pairs, named after the entity type of both sides."""
NESTED_PARTNERS = 2
"""Partners a project must share in full with another to be flagged as possibly nested in it: one shared
partner (often the funding government, as for Genk-Zuidwest and the Ford site) says too little."""
COMMON_NEIGHBOURS = {"project": "shared partners", "organisation": "organisations working with both",
                     "municipality": "municipalities working with both"}
"""What the common neighbours of a pair are, per kind: the organisations taking part in both projects; the
organisations (municipalities) that share a project or structure with each of the two."""


@dataclass(frozen=True)
class Suggestion:
    """Two entities (``pair``, ordered by key) that could cooperate, with score, evidence and
    ``rank`` among the suggestions of its kind (1 = best)."""

    kind: str
    rank: int
    pair: tuple[Key, Key]
    score: float
    adamic_adar: float
    objective_jaccard: float
    shared_objectives: tuple[Key, ...]
    common_neighbours: tuple[Key, ...]
    """See COMMON_NEIGHBOURS."""
    possibly_nested: bool
    """Projects only: one's locations and partners are all among the other's (possibly the same or a part)."""
    territories: tuple[tuple[str, ...], tuple[str, ...]]

    @property
    def shared_territories(self) -> tuple[str, ...]:
        """Territories both sides lie in."""
        return tuple(t for t in self.territories[0] if t in self.territories[1])


@dataclass(frozen=True)
class _Actors:
    """What scoring needs for one kind: the actors, their link graph, objectives and places."""

    kind: str
    actors: tuple[Key, ...]
    link_graph: nx.Graph
    objectives: dict[Key, frozenset[Key]]
    places: dict[Key, tuple[Key, ...]]


def synergies(scope: Scope, kinds: Iterable[str] = KINDS, top: int | None = 10) -> list[Suggestion]:
    """The ``top`` best suggestions of each kind in ``kinds`` (all when ``top`` is None), best first.

    Raises ValueError for an unknown kind.
    """
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kind(s) {', '.join(sorted(unknown))}; one of: {', '.join(KINDS)}")
    graph = cooperation_graph(scope)
    builders: dict[str, Callable[[Scope, nx.Graph], _Actors]] = {
        "project": _projects, "organisation": _organisations, "municipality": _municipalities}
    out = []
    for kind in KINDS:
        if kind in kinds:
            ranked = _rank(scope, builders[kind](scope, graph))
            out += ranked if top is None else ranked[:top]
    return out


def _objectives_of(scope: Scope, projects: Iterable[Key]) -> frozenset[Key]:
    return closure(scope.records, (o for p in projects for o in scope.records[p].values.get("serves", ())))


def _projects(scope: Scope, graph: nx.Graph) -> _Actors:
    link = nx.Graph()
    link.add_nodes_from(scope.projects)
    link.add_edges_from((p, o) for p in scope.projects for o in graph[p] if o.type == "Organisation")
    in_scope = set(scope.municipalities)
    return _Actors("project", scope.projects, link, {p: _objectives_of(scope, [p]) for p in scope.projects},
                   {p: tuple(m for m in scope.locations(p) if m in in_scope) for p in scope.projects})


def _projection(actors: Iterable[Key], context_of: dict[Key, set[Key]]) -> nx.Graph:
    bipartite = nx.Graph()
    bipartite.add_nodes_from(actors)
    bipartite.add_edges_from((a, c) for a, cs in context_of.items() for c in cs)
    return nx.bipartite.projected_graph(bipartite, list(actors))


def _organisations(scope: Scope, graph: nx.Graph) -> _Actors:
    actors = tuple(n for n in graph if n.type == "Organisation")
    context_of = {a: contexts(graph, a) for a in actors}
    places = {}
    for a in actors:
        located = [m for p in context_of[a] if p.type == "Project" for m in graph[p] if m.type == "Municipality"]
        governed = [m for m in graph[a] if m.type == "Municipality"]
        places[a] = tuple(dict.fromkeys(located + governed))
    return _Actors("organisation", actors, _projection(actors, context_of),
                   {a: _objectives_of(scope, (c for c in context_of[a] if c.type == "Project")) for a in actors},
                   places)


def _municipalities(scope: Scope, graph: nx.Graph) -> _Actors:
    actors = scope.municipalities
    context_of = {a: contexts(graph, a) for a in actors}
    everybody = {s for s in graph if s.type == "Structure" and actors and all(s in c for c in context_of.values())}
    context_of = {a: c - everybody for a, c in context_of.items()}
    return _Actors("municipality", actors, _projection(actors, context_of),
                   {a: _objectives_of(scope, (c for c in context_of[a] if c.type == "Project")) for a in actors},
                   {a: (a,) for a in actors})


def _rank(scope: Scope, actors: _Actors) -> list[Suggestion]:
    of_municipality = scope.partition.of_municipality
    territories = {a: tuple(dict.fromkeys(sorted((of_municipality[m] for m in actors.places[a]),
                                                 key=scope.partition.refs.index)))
                   for a in actors.actors}
    members = set(actors.actors)
    candidates = set()
    for node in actors.link_graph:
        near = sorted(n for n in actors.link_graph[node] if n in members)
        candidates.update(combinations(near, 2))
    themed = nx.Graph()
    themed.add_nodes_from(actors.actors)
    themed.add_edges_from((a, ("objective", o)) for a in actors.actors for o in actors.objectives[a])
    for objective in (n for n in themed if isinstance(n, tuple)):
        candidates.update(combinations(sorted(themed[objective]), 2))
    candidates = sorted(pair for pair in candidates if not actors.link_graph.has_edge(*pair)
                        and (actors.kind != "municipality" or _across(territories[pair[0]], territories[pair[1]])))
    if scope.subregion is not None:
        candidates = [pair for pair in candidates if territories[pair[0]] or territories[pair[1]]]
    adamic_adar = {(u, v): float(s) for u, v, s in nx.adamic_adar_index(actors.link_graph, candidates)}
    jaccard = {(u, v): float(s) for u, v, s in nx.jaccard_coefficient(themed, candidates)}
    suggestions = []
    for u, v in candidates:
        score = adamic_adar[u, v] + jaccard[u, v]
        if score <= 0:
            continue
        shared = narrowest(scope.records, actors.objectives[u] & actors.objectives[v])
        suggestions.append(Suggestion(actors.kind, 0, (u, v), round(score, 6), round(adamic_adar[u, v], 6),
                                      round(jaccard[u, v], 6), tuple(shared),
                                      tuple(sorted(nx.common_neighbors(actors.link_graph, u, v))),
                                      actors.kind == "project" and _nested(actors, u, v),
                                      (territories[u], territories[v])))
    suggestions.sort(key=lambda s: (-s.score, s.pair))
    return [replace(s, rank=rank) for rank, s in enumerate(suggestions, 1)]


def _nested(actors: _Actors, u: Key, v: Key) -> bool:
    """True when one side's locations (at least one) and partners (at least NESTED_PARTNERS) are all among
    the other's."""
    def within(first: set, second: set, least: int) -> bool:
        return min(len(first), len(second)) >= least and (first <= second or second <= first)
    return (within(set(actors.places[u]), set(actors.places[v]), 1)
            and within(set(actors.link_graph[u]), set(actors.link_graph[v]), NESTED_PARTNERS))


def _across(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """False only when both lie in the same known territory."""
    return not (first == second and first and UNASSIGNED not in first)
