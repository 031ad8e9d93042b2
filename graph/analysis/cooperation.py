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


def cooperation_graph(scope: Scope) -> nx.Graph:
    """The cooperation network of ``scope`` (see the module docstring)."""
    tables, small = scope.tables, scope.tables.small
    graph = nx.Graph()
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
        for member in scope.members(membership):
            if member.type == "Organisation" or member in municipalities:  # a Subregion member is no actor
                graph.add_edge(
                    member,
                    small[membership].first("organization"),
                    relation="member",
                    role=small[membership].first("role"),
                )
    for o in np.flatnonzero(tables.governs >= 0).tolist():
        for municipality in scope.counterparts(tables.municipalities[tables.governs[o]]):
            if municipality in municipalities:
                graph.add_edge(tables.organisation_key(o), municipality, relation="governs")
    return graph
