"""Typed dependencies so routes read like their purpose."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.graph_holder import LoadedGraph
from graph.settings import Settings


def _graph(request: Request) -> LoadedGraph:
    return request.app.state.graphs.get()


def _settings(request: Request) -> Settings:
    return request.app.state.settings


GraphDep = Annotated[LoadedGraph, Depends(_graph)]
"""The current built graph (records, networkx, Oxigraph store); 503 when none is built."""

SettingsDep = Annotated[Settings, Depends(_settings)]
"""The app's settings."""
