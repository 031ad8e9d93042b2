"""The one place where settings choose the RDF store (LIRES_RDF_STORE), from a table."""

from __future__ import annotations

from collections.abc import Callable

from graph.settings import Settings
from graph.stores.base import RdfStore
from graph.stores.oxigraph import OxigraphStore
from graph.stores.sparql import SparqlStore

STORES: dict[str, Callable[[Settings], RdfStore]] = {
    OxigraphStore.kind: lambda _: OxigraphStore(),
    SparqlStore.kind: SparqlStore,
}
"""LIRES_RDF_STORE -> how to make that store from the settings."""


def rdf_store(settings: Settings) -> RdfStore:
    """The RDF store ``settings`` name (graph.settings.Settings has checked that it is complete)."""
    return STORES[settings.rdf_store](settings)
