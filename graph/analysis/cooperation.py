"""The cooperation network of a scope: who takes part in what.

An undirected networkx graph whose nodes are Keys of today's municipalities, organisations,
projects and structures (attribute ``type``), with edges (attribute ``relation``):

- ``partner``   organisation - project (``role`` from the participation, if known)
- ``location``  project - municipality
- ``member``    organisation or municipality - structure (``role`` if known)
- ``governs``   organisation - the municipality it is the government of

Every organisation, in-scope municipality and active structure is a node, also without edges; municipalities
are those in force in the scope's year (graph.analysis.territory.counterparts).
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from graph.analysis.as_of import active
from graph.analysis.scope import Scope
from records.model import Key

NODE_TYPES = ("Organisation", "Municipality", "Project", "Structure")
"""The entity types of the cooperation network."""
CONTEXT_TYPES = ("Project", "Structure")
"""Node types that are joint undertakings: taking part in the same one is cooperating."""


def cooperation_graph(scope: Scope) -> nx.Graph[Key]:
    """The cooperation network of ``scope`` (see the module docstring)."""
    tables, small = scope.tables, scope.tables.small
    graph: nx.Graph[Key] = nx.Graph()
    municipalities = set(scope.municipalities)
    graph.add_nodes_from(scope.municipalities, type="Municipality")
    graph.add_nodes_from((Key("Organisation", r) for r in tables.organisation_refs), type="Organisation")
    graph.add_nodes_from(
        (k for k, r in small.items() if k.type == "Structure" and active(r, scope.year)), type="Structure"
    )
    graph.add_nodes_from(scope.projects, type="Project")
    in_scope = np.zeros(tables.projects, dtype=bool)
    in_scope[scope.project_ids] = True
    for i in np.flatnonzero(in_scope[tables.activity]).tolist():
        graph.add_edge(
            tables.organisation_key(int(tables.agent[i])),
            tables.project_key(int(tables.activity[i])),
            relation="partner",
            role=tables.role[i],
        )
    for project in scope.projects:
        for municipality in scope.locations(project):
            if municipality in municipalities:
                graph.add_edge(project, municipality, relation="location")
    for membership in scope.memberships:
        if (structure := small[membership].one("organization", Key)) is None:
            continue  # the schema requires it
        for member in scope.members(membership):
            if member.type == "Organisation" or member in municipalities:  # a Subregion member is no actor
                graph.add_edge(member, structure, relation="member", role=small[membership].one("role", str))
    for o in np.flatnonzero(tables.governs >= 0).tolist():
        for municipality in scope.counterparts(tables.municipalities[tables.governs[o]]):
            if municipality in municipalities:
                graph.add_edge(tables.organisation_key(o), municipality, relation="governs")
    return graph


class Network:
    """The cooperation network of a scope on integer node ids, for networks too large for networkx: nodes are the
    municipalities in scope, every organisation, the active structures and the projects in scope, in that order
    (as in ``cooperation_graph``); ``edges`` holds each edge once as two id columns."""

    def __init__(self, scope: Scope) -> None:
        tables, small = scope.tables, scope.tables.small
        self.scope = scope
        self.structures = [k for k, r in small.items() if k.type == "Structure" and active(r, scope.year)]
        sizes = (len(scope.municipalities), len(tables.organisation_refs), len(self.structures), len(scope.project_ids))
        self.offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        municipality = np.full(len(tables.municipalities), -1, dtype=np.int64)
        index = tables.municipality_index
        municipality[[index[m] for m in scope.municipalities if m in index]] = np.arange(len(scope.municipalities))
        project = np.full(tables.projects, -1, dtype=np.int64)
        project[scope.project_ids] = self.offsets[3] + np.arange(len(scope.project_ids))
        structure = {k: int(self.offsets[2]) + i for i, k in enumerate(self.structures)}
        sources, targets = [], []
        taking_part = project[tables.activity] >= 0
        sources.append(self.offsets[1] + tables.agent[taking_part])
        targets.append(project[tables.activity[taking_part]])
        rows, places = scope.located
        here = municipality[places] >= 0
        sources.append(project[rows[here]])
        targets.append(municipality[places[here]])
        member_edges = []
        for membership in scope.memberships:
            node = structure.get(small[membership].one("organization", Key))  # type: ignore[arg-type]
            for member in scope.members(membership):
                if node is None:
                    continue
                if member.type == "Organisation" and member.ref in tables.organisation_index:
                    member_edges.append((int(self.offsets[1]) + tables.organisation_index[member.ref], node))
                elif member in index and municipality[index[member]] >= 0:
                    member_edges.append((int(municipality[index[member]]), node))
        for o in np.flatnonzero(tables.governs >= 0).tolist():
            for governed in scope.counterparts(tables.municipalities[tables.governs[o]]):
                if governed in index and municipality[index[governed]] >= 0:
                    member_edges.append((int(self.offsets[1]) + o, int(municipality[index[governed]])))
        extra = np.array(member_edges, dtype=np.int64).reshape(-1, 2)
        sources.append(extra[:, 0])
        targets.append(extra[:, 1])
        u, v = np.concatenate(sources), np.concatenate(targets)
        low, high = np.minimum(u, v), np.maximum(u, v)
        codes = np.unique(low * int(self.offsets[-1]) + high)
        self.edges = np.stack([codes // int(self.offsets[-1]), codes % int(self.offsets[-1])], axis=1)

    @property
    def nodes(self) -> int:
        """Number of nodes."""
        return int(self.offsets[-1])

    def key(self, node: int) -> Key:
        """The entity of node ``node``."""
        scope, o = self.scope, self.offsets
        if node < o[1]:
            return scope.municipalities[node]
        if node < o[2]:
            return scope.tables.organisation_key(node - int(o[1]))
        if node < o[3]:
            return self.structures[node - int(o[2])]
        return scope.tables.project_key(int(scope.project_ids[node - int(o[3])]))

    def type_of(self, node: int) -> str:
        """The entity type of node ``node``."""
        return NODE_TYPES_IN_ORDER[int(np.searchsorted(self.offsets, node, side="right")) - 1]


NODE_TYPES_IN_ORDER = ("Municipality", "Organisation", "Structure", "Project")
"""Node types in the order of Network's node ids."""


def contexts(graph: nx.Graph[Key], actor: Key) -> set[Key]:
    """Projects and structures ``actor`` takes part in; a municipality also through its government."""
    direct = {n for n in graph[actor] if n.type in CONTEXT_TYPES}
    if actor.type == "Municipality":
        for government in (n for n, e in graph[actor].items() if e["relation"] == "governs"):
            direct |= {n for n in graph[government] if n.type in CONTEXT_TYPES}
    return direct
