"""Typed dependencies so routes read like their purpose."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from api.current import LoadedGraph
from api.settings import ApiSettings
from graph.analysis.scope import Scope, ScopeParams, make_scope
from graph.neo4j.reader import Neo4jReader
from graph.publish.description import Description
from graph.publish.published import Published


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


def _scope(graph: GraphDep, params: Annotated[ScopeParams, Query()]) -> Scope:
    return make_scope(graph.records, **params.model_dump())


ScopeDep = Annotated[Scope, Depends(_scope)]
"""The analysis scope from the query (by, year, strategy, subregion); 400 for an unknown strategy or subregion."""


def _published(request: Request, graph: GraphDep) -> Published:
    return request.app.state.published.get(graph.build)


def _description(published: Annotated[Published, Depends(_published)]) -> Description:
    return published.description


PublishedDep = Annotated[Published, Depends(_published)]
"""The current build's dataset description and dump files; 503 when none is built."""

DescriptionDep = Annotated[Description, Depends(_description)]
"""The current build's dataset description (DCAT, VoID, SPARQL service description)."""
