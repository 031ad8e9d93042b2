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

How it is computed: both terms for every pair at once as sparse matrix products, A W A^T
(A: actors x link-graph nodes, W = diag(1 / ln degree)) for Adamic-Adar and M M^T (M: actors x
objectives) for the shared objectives, |A u B| = |A| + |B| - |A n B|; so only pairs with a
common neighbour or objective are ever formed, BLOCK_PAIRS rows x actors at a time, and only the
``top`` best of each block are kept. The values are networkx's (tests/unit/analysis/test_analysis_synergy.py
checks every pair of the real data against ``adamic_adar_index`` and ``jaccard_coefficient``).

Evidence per pair, built for the pairs returned only: the narrowest shared objectives, the common
neighbours on the link graph (``COMMON_NEIGHBOURS`` says what they are for each kind), and the
territories of each side (the data holds no borders, so neighbouring territories cannot be told;
sharing one is shown).

Two projects of which one has all its locations and all its partners, at least ``NESTED_PARTNERS``
of them, among the other's (Terhills Resort and Terhills; Genk Green Logistics zone B and the Ford
site) are flagged ``possibly_nested``: the data holds no part-of link between projects, so such a
pair may be one project and its part rather than two that could join forces. They keep their rank;
the flag is evidence, not a filter.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy import sparse

from graph.analysis.cooperation import contexts, cooperation_graph
from graph.analysis.objectives import closure, narrowest
from graph.analysis.scope import Scope
from records.labels import UNASSIGNED
from records.model import Key

KINDS = ("project", "organisation", "municipality")
"""Kinds of pairs, named after the entity type of both sides."""
NESTED_PARTNERS = 2
"""Partners a project must share in full with another to be flagged as possibly nested in it: one shared
partner (often the funding government, as for Genk-Zuidwest and the Ford site) says too little."""
COMMON_NEIGHBOURS = {
    "project": "shared partners",
    "organisation": "organisations working with both",
    "municipality": "municipalities working with both",
}
"""What the common neighbours of a pair are, per kind: the organisations taking part in both projects; the
organisations (municipalities) that share a project or structure with each of the two."""
BLOCK_PAIRS = 2_000_000
"""Pairs (rows x actors) scored at once: bounds the memory of scoring whatever the number of actors."""


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
        "project": _projects,
        "organisation": _organisations,
        "municipality": _municipalities,
    }
    out = []
    for kind in KINDS:
        if kind in kinds:
            out += _rank(scope, builders[kind](scope, graph), top)
    return out


def _objectives_of(scope: Scope, projects: Iterable[Key]) -> frozenset[Key]:
    return closure(scope.records, (o for p in projects for o in scope.records[p].values.get("serves", ())))


def _projects(scope: Scope, graph: nx.Graph) -> _Actors:
    link = nx.Graph()
    link.add_nodes_from(scope.projects)
    link.add_edges_from((p, o) for p in scope.projects for o in graph[p] if o.type == "Organisation")
    in_scope = set(scope.municipalities)
    return _Actors(
        "project",
        scope.projects,
        link,
        {p: _objectives_of(scope, [p]) for p in scope.projects},
        {p: tuple(m for m in scope.locations(p) if m in in_scope) for p in scope.projects},
    )


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
    return _Actors(
        "organisation",
        actors,
        _projection(actors, context_of),
        {a: _objectives_of(scope, (c for c in context_of[a] if c.type == "Project")) for a in actors},
        places,
    )


def _municipalities(scope: Scope, graph: nx.Graph) -> _Actors:
    actors = scope.municipalities
    context_of = {a: contexts(graph, a) for a in actors}
    everybody = {s for s in graph if s.type == "Structure" and actors and all(s in c for c in context_of.values())}
    context_of = {a: c - everybody for a, c in context_of.items()}
    return _Actors(
        "municipality",
        actors,
        _projection(actors, context_of),
        {a: _objectives_of(scope, (c for c in context_of[a] if c.type == "Project")) for a in actors},
        {a: (a,) for a in actors},
    )


def _rank(scope: Scope, actors: _Actors, top: int | None) -> list[Suggestion]:
    of_municipality = scope.partition.of_municipality
    territories = {
        a: tuple(dict.fromkeys(sorted((of_municipality[m] for m in actors.places[a]), key=scope.partition.refs.index)))
        for a in actors.actors
    }
    order = sorted(actors.actors)
    scored = []
    for i, j, adamic_adar, jaccard in _scores(actors, order, territories, scope.subregion is not None, top):
        score = round(adamic_adar + jaccard, 6)
        scored.append((-score, order[i], order[j], score, adamic_adar, jaccard))
    scored.sort()
    suggestions = []
    for rank, (_, u, v, score, adamic_adar, jaccard) in enumerate(scored[:top], 1):
        suggestions.append(
            Suggestion(
                actors.kind,
                rank,
                (u, v),
                score,
                round(adamic_adar, 6),
                round(jaccard, 6),
                tuple(narrowest(scope.records, actors.objectives[u] & actors.objectives[v])),
                tuple(sorted(nx.common_neighbors(actors.link_graph, u, v))),
                actors.kind == "project" and _nested(actors, u, v),
                (territories[u], territories[v]),
            )
        )
    return suggestions


def _scores(
    actors: _Actors, order: list[Key], territories: dict[Key, tuple[str, ...]], in_subregion: bool, top: int | None
) -> Iterator[tuple[int, int, float, float]]:
    """``(i, j, Adamic-Adar, Jaccard)`` of the candidate pairs ``order[i] < order[j]`` that score above 0: all
    of them when ``top`` is None, else at least the ``top`` best (and those within rounding of the last).

    Scored BLOCK_PAIRS at a time with sparse products: Adamic-Adar = A W A^T (A: actors x link-graph nodes,
    W = diag(1 / ln degree)), shared objectives = M M^T (M: actors x objectives), so that only pairs with a
    common neighbour or objective are ever formed, and memory stays bounded whatever the number of pairs.
    """
    n = len(order)
    if n < 2:
        return
    links, weighted = _link_matrices(actors, order)
    incidence = _objective_matrix(actors, order)
    sizes = incidence.sum(axis=1)
    # Pairs in one class >= 0 are not suggested: municipalities known to lie in the same territory.
    same: dict[tuple[str, ...], int] = {}
    together = np.array(
        [
            same.setdefault(territories[a], len(same))
            if actors.kind == "municipality" and not _across(territories[a], territories[a])
            else -1
            for a in order
        ]
    )
    placed = np.array([bool(territories[a]) for a in order])
    links_t, incidence_t = links.T.tocsr(), incidence.T.tocsr()
    step = max(1, BLOCK_PAIRS // n)
    kept = []
    for start in range(0, n, step):
        block = slice(start, min(start + step, n))
        common, shared = (weighted[block] @ links_t).tocoo(), (incidence[block] @ incidence_t).tocoo()
        i = np.concatenate([common.row, shared.row]).astype(np.int64) + start
        j = np.concatenate([common.col, shared.col]).astype(np.int64)
        upper = j > i
        pairs, where = np.unique(i[upper] * n + j[upper], return_inverse=True)
        adamic_adar = np.bincount(where, np.concatenate([common.data, np.zeros(shared.nnz)])[upper], len(pairs))
        both = np.bincount(where, np.concatenate([np.zeros(common.nnz), shared.data])[upper], len(pairs))
        i, j = pairs // n, pairs % n
        union = sizes[i] + sizes[j] - both
        jaccard = np.divide(both, union, out=np.zeros(len(pairs)), where=union > 0)
        linked = links[block][:, :n].tocoo()
        keep = ~np.isin(pairs, (linked.row.astype(np.int64) + start) * n + linked.col)
        keep &= ((together[i] != together[j]) | (together[i] < 0)) & (adamic_adar + jaccard > 0)
        if in_subregion:
            keep &= placed[i] | placed[j]
        kept.append(_best((i[keep], j[keep], adamic_adar[keep], jaccard[keep]), top))
    best = _best(tuple(np.concatenate(column) for column in zip(*kept, strict=True)), top)
    yield from zip(*(column.tolist() for column in best), strict=True)


def _link_matrices(actors: _Actors, order: list[Key]) -> tuple[sparse.csr_array, sparse.csr_array]:
    """A (actors in ``order`` x link-graph nodes, actors first) and A W, W = diag(1 / ln degree)."""
    members = set(order)
    nodes = order + [x for x in actors.link_graph if x not in members]
    adjacency = nx.to_scipy_sparse_array(actors.link_graph, nodelist=nodes, weight=None, format="csr")
    # A common neighbour has degree 2 or more; math.log as networkx's adamic_adar_index uses it.
    weight = [1 / math.log(d) if d > 1 else 0.0 for d in adjacency.sum(axis=0).tolist()]
    links = adjacency[: len(order)]
    return links, links @ sparse.diags_array(weight)


def _objective_matrix(actors: _Actors, order: list[Key]) -> sparse.csr_array:
    """M: actors in ``order`` x the objectives any of them serves (in key order), 1 where the actor serves it."""
    columns = {o: c for c, o in enumerate(sorted({o for a in order for o in actors.objectives[a]}))}
    cells = [(i, columns[o]) for i, a in enumerate(order) for o in actors.objectives[a]]
    return sparse.csr_array(
        (np.ones(len(cells)), ([i for i, _ in cells], [c for _, c in cells])), shape=(len(order), len(columns))
    )


def _best(columns: tuple[np.ndarray, ...], top: int | None) -> tuple[np.ndarray, ...]:
    """The rows of ``(i, j, Adamic-Adar, Jaccard)`` whose score may be among the ``top`` best once rounded
    to 6 decimals (all when ``top`` is None)."""
    score = columns[2] + columns[3]
    if top is None or len(score) <= top:
        return columns
    keep = score >= np.partition(score, -top)[-top] - 1e-6
    return tuple(column[keep] for column in columns)


def _nested(actors: _Actors, u: Key, v: Key) -> bool:
    """True when one side's locations (at least one) and partners (at least NESTED_PARTNERS) are all among
    the other's."""

    def within(first: set, second: set, least: int) -> bool:
        return min(len(first), len(second)) >= least and (first <= second or second <= first)

    return within(set(actors.places[u]), set(actors.places[v]), 1) and within(
        set(actors.link_graph[u]), set(actors.link_graph[v]), NESTED_PARTNERS
    )


def _across(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """False only when both lie in the same known territory."""
    return not (first == second and first and UNASSIGNED not in first)
