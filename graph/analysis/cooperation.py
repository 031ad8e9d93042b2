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

from graph.analysis.as_of import active
from graph.analysis.scope import Scope
from records.model import Key

NODE_TYPES = ("Organisation", "Municipality", "Project", "Structure")
"""The entity types of the cooperation network."""
CONTEXT_TYPES = ("Project", "Structure")
"""Node types that are joint undertakings: taking part in the same one is cooperating."""


def cooperation_graph(scope: Scope) -> nx.Graph:
    """The cooperation network of ``scope`` (see the module docstring)."""
    records = scope.records
    graph = nx.Graph()
    municipalities = set(scope.municipalities)
    graph.add_nodes_from(scope.municipalities, type="Municipality")
    graph.add_nodes_from((k for k in records if k.type == "Organisation"), type="Organisation")
    graph.add_nodes_from(
        (k for k, r in records.items() if k.type == "Structure" and active(r, scope.year)), type="Structure"
    )
    graph.add_nodes_from(scope.projects, type="Project")
    projects = set(scope.projects)
    for key, rec in records.items():
        if key.type == "Participation" and rec.first("activity") in projects:
            graph.add_edge(rec.first("agent"), rec.first("activity"), relation="partner", role=rec.first("had_role"))
    for project in scope.projects:
        for municipality in scope.locations(project):
            if municipality in municipalities:
                graph.add_edge(project, municipality, relation="location")
    for membership in scope.memberships:
        for member in scope.members(membership):
            if member.type == "Organisation" or member in municipalities:  # a Subregion member is no actor
                graph.add_edge(
                    member,
                    records[membership].first("organization"),
                    relation="member",
                    role=records[membership].first("role"),
                )
    for key, rec in records.items():
        governed = rec.first("governs") if key.type == "Organisation" else None
        for municipality in scope.counterparts(governed) if governed is not None else ():
            if municipality in municipalities:
                graph.add_edge(key, municipality, relation="governs")
    return graph


def contexts(graph: nx.Graph, actor: Key) -> set[Key]:
    """Projects and structures ``actor`` takes part in; a municipality also through its government."""
    direct = {n for n in graph[actor] if n.type in CONTEXT_TYPES}
    if actor.type == "Municipality":
        for government in (n for n, e in graph[actor].items() if e["relation"] == "governs"):
            direct |= {n for n in graph[government] if n.type in CONTEXT_TYPES}
    return direct
