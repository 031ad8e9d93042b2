"""Typed dependencies so routes read like their purpose."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Query, Request

from api.current import LoadedGraph
from api.models import ViewQuery
from api.settings import ApiSettings
from graph.analysis.scope import Scope, ScopeParams, make_scope
from graph.analysis.tables import Tables, tables_of
from graph.neo4j.reader import Neo4jReader
from graph.publish.description import Description
from graph.publish.published import Published
from viz.overview import ScopeNetwork, ViewParams

NETWORKS_KEPT = 8
"""Scopes whose network views are kept per build (the most recently used)."""


def client_address(request: Request) -> str:
    """The client's address: the connecting one, or the one a trusted proxy names (LIRES_FORWARDED_ALLOW_IPS)."""
    return request.client.host if request.client else "unknown"


def _graph(request: Request) -> LoadedGraph:
    return request.app.state.graphs.get()


def _settings(request: Request) -> ApiSettings:
    return request.app.state.settings


def _neo4j(request: Request) -> Neo4jReader:
    return request.app.state.neo4j


GraphDep = Annotated[LoadedGraph, Depends(_graph)]
"""The current built graph (records, networkx, Oxigraph store); 503 when none is built."""

SettingsDep = Annotated[ApiSettings, Depends(_settings)]
"""The app's settings."""

Neo4jDep = Annotated[Neo4jReader, Depends(_neo4j)]
"""Read-only Cypher on the configured Neo4j (errors tell when it is not configured or down)."""


def analysis_tables(graph: LoadedGraph) -> Tables:
    """The analysis tables of ``graph``'s build (graph.analysis.tables.tables_of), read once per build."""
    return graph.memo("analysis_tables", lambda: tables_of(graph.build.path))


def _scope(graph: GraphDep, params: Annotated[ScopeParams, Query()]) -> Scope:
    return make_scope(analysis_tables(graph), **params.model_dump())


ScopeDep = Annotated[Scope, Depends(_scope)]
"""The analysis scope from the query (by, year, strategy, subregion); 400 for an unknown strategy or subregion."""


def _networks(graph: LoadedGraph) -> Callable[[str], ScopeNetwork]:
    @lru_cache(maxsize=NETWORKS_KEPT)
    def made(params: str) -> ScopeNetwork:
        return ScopeNetwork(make_scope(analysis_tables(graph), **ScopeParams.model_validate_json(params).model_dump()))

    return made


def _network(graph: GraphDep, params: Annotated[ScopeParams, Query()]) -> ScopeNetwork:
    return network_of(graph, params)


def network_of(graph: LoadedGraph, params: ScopeParams | None = None) -> ScopeNetwork:
    """The ScopeNetwork of ``params`` (every year, strategy and subregion when None) on ``graph``, kept as
    NetworkDep keeps it."""
    return graph.memo("networks", lambda: _networks(graph))((params or ScopeParams()).model_dump_json())


NetworkDep = Annotated[ScopeNetwork, Depends(_network)]
"""The cooperation network of the query's scope with its groups, measures and suggestions, made on first use and
kept for the NETWORKS_KEPT most recent scopes of the build; 400 for an unknown strategy or subregion."""


def _published(request: Request, graph: GraphDep) -> Published:
    return request.app.state.published.get(graph.build)


def _description(published: Annotated[Published, Depends(_published)]) -> Description:
    return published.description


PublishedDep = Annotated[Published, Depends(_published)]
"""The current build's dataset description and dump files; 503 when none is built."""

DescriptionDep = Annotated[Description, Depends(_description)]
"""The current build's dataset description (DCAT, VoID, SPARQL service description)."""


def view_params(query: ViewQuery) -> ViewParams:
    """The view parameters (viz.overview) of a network view's query (/api/overview and the network pages)."""
    return ViewParams(
        open=frozenset(query.items("open")),
        focus=query.items("focus"),
        hops=query.hops,
        types=query.items("types") or None,
        objective=query.objective,
        size=query.size,
        colour=query.colour,
        synergies=query.synergies,
    )
