"""Typed dependencies so routes read like their purpose."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.graph_holder import LoadedGraph
from graph.neo4j_reader import Neo4jReader
from graph.settings import Settings


def _graph(request: Request) -> LoadedGraph:
    return request.app.state.graphs.get()


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _neo4j(request: Request) -> Neo4jReader:
    return request.app.state.neo4j


GraphDep = Annotated[LoadedGraph, Depends(_graph)]
"""The current built graph (records, networkx, Oxigraph store); 503 when none is built."""

SettingsDep = Annotated[Settings, Depends(_settings)]
"""The app's settings."""

Neo4jDep = Annotated[Neo4jReader, Depends(_neo4j)]
"""Read-only Cypher on the configured Neo4j (errors tell when it is not configured or down)."""
