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
``top`` best of each block are kept. The values are networkx's (tests/integration/test_synergy_against_networkx.py
checks every pair of the real data against ``adamic_adar_index`` and ``jaccard_coefficient``).

Evidence per pair, built for the pairs returned only: the narrowest shared objectives, the common
neighbours on the link graph (``COMMON_NEIGHBOURS`` says what they are for each kind), and the
territories of each side (the data holds no borders, so neighbouring territories cannot be told;
sharing one is shown).

Two projects of which one has all its locations and all its partners, at least ``NESTED_PARTNERS``
of them, among the other's (Terhills Resort and Terhills; Genk Green Logistics zone B and the Ford
site) are flagged ``possibly_nested``: the data holds no part-of link between projects, so such a
pair may be one project and its part rather than two that could join forces. So are two projects whose names are
the same, or one the other's first words, once case and punctuation are set aside (the EFRO list's "Humin" and
"Humin 2011-2013", two operations both called "Eerste Hulp bij BouwAdministratie"): successive phases or one project
listed twice. They keep their rank; the flag is evidence, not a filter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
from scipy import sparse

from graph.analysis.as_of import active
from graph.analysis.objectives import lineage, narrowest
from graph.analysis.scope import Scope
from records.labels import UNASSIGNED, display_label
from records.model import Key

PairKind = Literal["project", "organisation", "municipality"]
"""Kinds of pairs, named after the entity type of both sides."""
KINDS: tuple[PairKind, ...] = get_args(PairKind)
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

    kind: PairKind
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
    """What scoring needs for one kind, actors in key order (``actors``): ``links`` (actors x link-graph nodes,
    the actors first: 1 where linked), ``objectives`` (actors x ``Tables.objectives``: 1 where served, broader
    objectives included), ``places`` (per actor the ids of its municipalities) and ``neighbour`` (the key of a
    link-graph node)."""

    kind: PairKind
    actors: tuple[Key, ...]
    links: sparse.csr_array
    objectives: sparse.csr_array
    places: list[frozenset[int]]
    neighbour: Callable[[int], Key]


def synergies(scope: Scope, kinds: Iterable[str] = KINDS, top: int | None = 10) -> list[Suggestion]:
    """The ``top`` best suggestions of each kind in ``kinds`` (all when ``top`` is None), best first.

    Raises ValueError for an unknown kind.
    """
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kind(s) {', '.join(sorted(unknown))}; one of: {', '.join(KINDS)}")
    network = _Network(scope)
    builders: dict[str, Callable[[_Network], _Actors]] = {
        "project": _projects,
        "organisation": _organisations,
        "municipality": _municipalities,
    }
    out = []
    for kind in KINDS:
        if kind in kinds:
            out += _rank(scope, builders[kind](network), top)
    return out


def _matrix(rows: np.ndarray, columns: np.ndarray, shape: tuple[int, int]) -> sparse.csr_array:
    """A 0/1 sparse matrix with a 1 at each (row, column) given (repeats count once)."""
    matrix = sparse.csr_array((np.ones(len(rows)), (rows, columns)), shape=shape)
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


class _Network:
    """The cooperation network of a scope as incidence matrices on integer ids (graph.analysis.tables)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        tables = scope.tables
        self.tables = tables
        n_projects, n_orgs, n_munis = tables.projects, len(tables.organisation_refs), len(tables.municipalities)
        in_scope = np.zeros(n_projects, dtype=bool)
        in_scope[scope.project_ids] = True
        taking_part = in_scope[tables.activity]
        self.partners = _matrix(tables.activity[taking_part], tables.agent[taking_part], (n_projects, n_orgs))
        """projects x organisations: 1 where the organisation is a partner (projects in scope only)."""
        index = tables.municipality_index
        self.in_scope = np.zeros(n_munis, dtype=bool)
        self.in_scope[[index[m] for m in scope.municipalities if m in index]] = True
        rows, places = scope.located
        here = self.in_scope[places]
        self.located = _matrix(rows[here], places[here], (n_projects, n_munis))
        """projects x municipalities in scope: 1 where the project has a location."""
        self.structures = [k for k, r in tables.small.items() if k.type == "Structure" and active(r, scope.year)]
        column = {k: i for i, k in enumerate(self.structures)}
        org_rows, org_cols, muni_rows, muni_cols = [], [], [], []
        for membership in scope.memberships:
            structure = tables.small[membership].one("organization", Key)
            if structure not in column:
                continue
            for member in scope.members(membership):
                if member.type == "Organisation" and member.ref in tables.organisation_index:
                    org_rows.append(tables.organisation_index[member.ref])
                    org_cols.append(column[structure])
                elif member in index and self.in_scope[index[member]]:
                    muni_rows.append(index[member])
                    muni_cols.append(column[structure])
        shape = len(self.structures)
        self.org_members = _matrix(
            np.array(org_rows, dtype=np.int64), np.array(org_cols, dtype=np.int64), (n_orgs, shape)
        )
        self.muni_members = _matrix(
            np.array(muni_rows, dtype=np.int64), np.array(muni_cols, dtype=np.int64), (n_munis, shape)
        )
        gov_rows, gov_cols = [], []
        for o in np.flatnonzero(tables.governs >= 0).tolist():
            for municipality in scope.counterparts(tables.municipalities[tables.governs[o]]):
                if municipality in index and self.in_scope[index[municipality]]:
                    gov_rows.append(index[municipality])
                    gov_cols.append(o)
        self.governed = _matrix(
            np.array(gov_rows, dtype=np.int64), np.array(gov_cols, dtype=np.int64), (n_munis, n_orgs)
        )
        """municipalities x organisations: 1 where the organisation is the municipality's government."""
        serves_rows, serves_cols = tables.serves.pairs(np.arange(n_projects))
        closure_rows, closure_cols = [], []
        small = tables.small
        objective_index = tables.objective_index
        for o, objective in enumerate(tables.objectives):
            for broader in lineage(small, objective):
                closure_rows.append(o)
                closure_cols.append(objective_index.get(broader, o))
        n_objectives = len(tables.objectives)
        served = _matrix(serves_rows, serves_cols, (n_projects, n_objectives))
        roll_up = _matrix(
            np.array(closure_rows, dtype=np.int64), np.array(closure_cols, dtype=np.int64), (n_objectives, n_objectives)
        )
        self.objectives = _binary(served @ roll_up)
        """projects x objectives: 1 where the project serves the objective or a narrower one."""


def _binary(matrix: sparse.csr_array) -> sparse.csr_array:
    out = sparse.csr_array(matrix)
    out.eliminate_zeros()
    out.data[:] = 1.0
    return out


def _projection(contexts: sparse.csr_array) -> sparse.csr_array:
    """actors x actors: 1 where two actors share a context (the one-mode projection; no self-links)."""
    shared = _binary(contexts @ contexts.T)
    shared.setdiag(0)
    shared.eliminate_zeros()
    return sparse.csr_array(shared)


def _ordered(keys: list[Key]) -> np.ndarray:
    """The positions of ``keys`` in key order."""
    return np.array(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.int64)


def _projects(network: _Network) -> _Actors:
    scope, tables = network.scope, network.tables
    ids = scope.project_ids[_ordered(list(scope.projects))]
    partners = network.partners[ids]
    used = np.flatnonzero(np.asarray(partners.sum(axis=0)).ravel())
    links = sparse.hstack([sparse.csr_array((len(ids), len(ids))), partners[:, used]], format="csr")
    located = network.located[ids]
    return _Actors(
        "project",
        tables.project_keys(ids.tolist()),
        sparse.csr_array(links),
        network.objectives[ids],
        [frozenset(located.indices[located.indptr[i] : located.indptr[i + 1]].tolist()) for i in range(len(ids))],
        lambda n: tables.organisation_key(int(used[n - len(ids)])),
    )


def _organisations(network: _Network) -> _Actors:
    tables = network.tables
    keys = [tables.organisation_key(o) for o in range(len(tables.organisation_refs))]
    ids = _ordered(keys)
    projects = sparse.csr_array(network.partners.T)[ids]
    contexts = sparse.hstack([projects, network.org_members[ids]], format="csr")
    governed = sparse.csr_array(network.governed.T)[ids]
    places = _binary(sparse.csr_array(projects @ network.located) + governed)
    return _Actors(
        "organisation",
        tuple(keys[i] for i in ids.tolist()),
        _projection(sparse.csr_array(contexts)),
        _binary(sparse.csr_array(projects @ network.objectives)),
        [frozenset(places.indices[places.indptr[i] : places.indptr[i + 1]].tolist()) for i in range(len(ids))],
        lambda n: keys[int(ids[n])],
    )


def _municipalities(network: _Network) -> _Actors:
    scope, tables = network.scope, network.tables
    index = tables.municipality_index
    ids = np.array([index[m] for m in scope.municipalities], dtype=np.int64)  # NIS order is key order
    # A municipality takes part directly and through its government.
    projects = _binary(sparse.csr_array(network.located.T)[ids] + network.governed[ids] @ network.partners.T)
    structures = _binary(network.muni_members[ids] + network.governed[ids] @ network.org_members)
    everybody = np.asarray(structures.sum(axis=0)).ravel() == len(ids) if len(ids) else np.zeros(0, dtype=bool)
    structures = sparse.csr_array(structures[:, np.flatnonzero(~everybody)])
    contexts = sparse.hstack([projects, structures], format="csr")
    return _Actors(
        "municipality",
        tuple(scope.municipalities),
        _projection(sparse.csr_array(contexts)),
        _binary(sparse.csr_array(projects @ network.objectives)),
        [frozenset([int(m)]) for m in ids.tolist()],
        lambda n: tables.municipalities[int(ids[n])],
    )


def _rank(scope: Scope, actors: _Actors, top: int | None) -> list[Suggestion]:
    tables = scope.tables
    refs = scope.partition.refs
    position = {ref: i for i, ref in enumerate(refs)}
    of_municipality = scope.partition.of_municipality
    territories = [
        tuple(
            dict.fromkeys(
                sorted(
                    (of_municipality[tables.municipalities[m]] for m in places),
                    key=position.__getitem__,
                )
            )
        )
        for places in actors.places
    ]
    scored = []
    for i, j, adamic_adar, jaccard in _scores(actors, territories, scope.subregion is not None, top):
        score = round(adamic_adar + jaccard, 6)
        scored.append((-score, actors.actors[i], actors.actors[j], score, adamic_adar, jaccard, i, j))
    scored.sort()
    suggestions = []
    for rank, (_, u, v, score, adamic_adar, jaccard, i, j) in enumerate(scored[:top], 1):
        shared = set(actors.objectives[[i]].indices.tolist()) & set(actors.objectives[[j]].indices.tolist())
        common = set(actors.links[[i]].indices.tolist()) & set(actors.links[[j]].indices.tolist())
        suggestions.append(
            Suggestion(
                actors.kind,
                rank,
                (u, v),
                score,
                round(adamic_adar, 6),
                round(jaccard, 6),
                tuple(narrowest(tables.small, (tables.objectives[o] for o in shared))),
                tuple(sorted(actors.neighbour(n) for n in common)),
                actors.kind == "project" and (_nested(actors, i, j) or _named_alike(scope, u, v)),
                (territories[i], territories[j]),
            )
        )
    return suggestions


def _scores(
    actors: _Actors, territories: list[tuple[str, ...]], in_subregion: bool, top: int | None
) -> Iterator[tuple[int, int, float, float]]:
    """``(i, j, Adamic-Adar, Jaccard)`` of the candidate pairs ``i < j`` of ``actors.actors`` that score above 0: all
    of them when ``top`` is None, else at least the ``top`` best (and those within rounding of the last).

    Scored BLOCK_PAIRS at a time with sparse products: Adamic-Adar = A W A^T (A: actors x link-graph nodes,
    W = diag(1 / ln degree)), shared objectives = M M^T (M: actors x objectives), so that only pairs with a
    common neighbour or objective are ever formed, and memory stays bounded whatever the number of pairs.

    The pairs sharing an objective grow as the square of the actors; the Jaccard coefficient is at most 1. So for
    the ``top`` best, the pairs with a common neighbour are scored first (their Jaccard from their two rows of M);
    when the ``top``-th best of them scores above 1, no pair without a common neighbour can reach it, and the
    pairs sharing only objectives are never formed. Otherwise every pair is scored as above.
    """
    n = len(actors.actors)
    if n < 2:
        return
    pairs = _Pairs(actors, territories, in_subregion)
    if top is not None:
        found = pairs.scored(top, objectives=False)
        if len(found[0]) >= top and np.partition(found[2] + found[3], -top)[-top] > 1 + 1e-5:
            yield from zip(*(column.tolist() for column in found), strict=True)
            return
    yield from zip(*(column.tolist() for column in pairs.scored(top, objectives=True)), strict=True)


class _Pairs:
    """The candidate pairs of one kind, scored a block of rows at a time (see ``_scores``)."""

    def __init__(self, actors: _Actors, territories: list[tuple[str, ...]], in_subregion: bool) -> None:
        self.n = len(actors.actors)
        self.links, self.weighted = _link_matrices(actors)
        self.incidence = actors.objectives
        self.sizes = np.asarray(self.incidence.sum(axis=1)).ravel()
        # Pairs in one class >= 0 are not suggested: municipalities known to lie in the same territory.
        same: dict[tuple[str, ...], int] = {}
        self.together = np.array(
            [
                same.setdefault(place, len(same)) if actors.kind == "municipality" and not _across(place, place) else -1
                for place in territories
            ]
        )
        self.placed = np.array([bool(place) for place in territories])
        self.in_subregion = in_subregion
        self.links_t, self.incidence_t = self.links.T.tocsr(), self.incidence.T.tocsr()

    def scored(self, top: int | None, objectives: bool) -> tuple[np.ndarray, ...]:
        """``(i, j, Adamic-Adar, Jaccard)`` columns of the ``top`` best pairs (all when None) among those with a
        common neighbour, or (``objectives``) also those sharing an objective."""
        n = self.n
        step = max(1, BLOCK_PAIRS // n)
        kept: list[tuple[np.ndarray, ...]] = []
        best = np.zeros(0)  # the ``top`` best scores so far: the last kept needs at least the lowest of them
        for start in range(0, n, step):
            block = slice(start, min(start + step, n))
            common = (self.weighted[block] @ self.links_t).tocoo()
            if objectives:
                shared = (self.incidence[block] @ self.incidence_t).tocoo()
            else:
                shared = sparse.coo_array((self.n, self.n))
            i = np.concatenate([common.row, shared.row]).astype(np.int64) + start
            j = np.concatenate([common.col, shared.col]).astype(np.int64)
            upper = j > i
            pairs, where = np.unique(i[upper] * n + j[upper], return_inverse=True)
            adamic_adar = np.bincount(where, np.concatenate([common.data, np.zeros(shared.nnz)])[upper], len(pairs))
            i, j = pairs // n, pairs % n
            linked = self.links[block][:, :n].tocoo()
            keep = ~np.isin(pairs, (linked.row.astype(np.int64) + start) * n + linked.col)
            keep &= (self.together[i] != self.together[j]) | (self.together[i] < 0)
            if self.in_subregion:
                keep &= self.placed[i] | self.placed[j]
            if objectives:
                both = np.bincount(where, np.concatenate([np.zeros(common.nnz), shared.data])[upper], len(pairs))
            else:
                if top is not None:  # the top-th best score is at least the top-th best Adamic-Adar seen so far
                    floor = np.concatenate([best, adamic_adar[keep]])
                    if len(floor) >= top:  # and a Jaccard coefficient adds at most 1
                        keep &= adamic_adar + 1 >= np.partition(floor, -top)[-top] - 1e-6
                i, j, adamic_adar, keep = i[keep], j[keep], adamic_adar[keep], np.ones(int(keep.sum()), dtype=bool)
                both = np.asarray(self.incidence[i].multiply(self.incidence[j]).sum(axis=1)).ravel()
            union = self.sizes[i] + self.sizes[j] - both
            jaccard = np.divide(both, union, out=np.zeros(len(i)), where=union > 0)
            keep &= adamic_adar + jaccard > 0
            kept.append(_best((i[keep], j[keep], adamic_adar[keep], jaccard[keep]), top))
            if top is not None:
                best = np.sort(np.concatenate([best, kept[-1][2] + kept[-1][3]]))[-top:]
        return _best(tuple(np.concatenate(column) for column in zip(*kept, strict=True)), top)


def _link_matrices(actors: _Actors) -> tuple[sparse.csr_array, sparse.csr_array]:
    """A (actors x link-graph nodes, actors first) and A W, W = diag(1 / ln degree)."""
    links = actors.links
    n = len(actors.actors)
    # A node's degree: its links to actors (columns), and for an actor also to the other nodes (rows).
    degree = np.asarray(links.sum(axis=0)).ravel()
    degree[:n] += np.asarray(links[:, n:].sum(axis=1)).ravel()
    # A common neighbour has degree 2 or more; math.log as networkx's adamic_adar_index uses it.
    weight = [1 / math.log(d) if d > 1 else 0.0 for d in degree.tolist()]
    return links, links @ sparse.diags_array(weight)


def _best(columns: tuple[np.ndarray, ...], top: int | None) -> tuple[np.ndarray, ...]:
    """The rows of ``(i, j, Adamic-Adar, Jaccard)`` whose score may be among the ``top`` best once rounded
    to 6 decimals (all when ``top`` is None)."""
    score = columns[2] + columns[3]
    if top is None or len(score) <= top:
        return columns
    keep = score >= np.partition(score, -top)[-top] - 1e-6
    return tuple(column[keep] for column in columns)


def _nested(actors: _Actors, i: int, j: int) -> bool:
    """True when one side's locations (at least one) and partners (at least NESTED_PARTNERS) are all among
    the other's."""

    def within(first: frozenset[int], second: frozenset[int], least: int) -> bool:
        return min(len(first), len(second)) >= least and (first <= second or second <= first)

    first, second = (frozenset(actors.links[[k]].indices.tolist()) for k in (i, j))
    return within(actors.places[i], actors.places[j], 1) and within(first, second, NESTED_PARTNERS)


def _named_alike(scope: Scope, first: Key, second: Key) -> bool:
    """True when the Dutch names of two entities are the same, or one is the other's first words, ignoring case
    and punctuation."""
    a, b = sorted(
        (" ".join(re.findall(r"\w+", display_label(scope.records[k], "nl").casefold())) for k in (first, second)),
        key=len,
    )
    return bool(a) and (a == b or b.startswith(a + " "))


def _across(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """False only when both lie in the same known territory."""
    return not (first == second and first and UNASSIGNED not in first)
