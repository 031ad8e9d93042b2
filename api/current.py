"""The current build, opened once and re-opened when ``lires build`` switches to a new one."""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path

import networkx as nx

from graph.analysis.cooperation import cooperation_graph
from graph.analysis.scope import make_scope
from graph.network import to_networkx
from graph.store import Build, current_path
from records.model import Key, Record
from viz.layout import positions
from viz.network_page import page_html


class LoadedGraph:
    """One build with its in-memory views: records by key, the networkx graph and the network page."""

    def __init__(self, build: Build, base_iri: str) -> None:
        self.build = build
        self.base_iri = base_iri

    @cached_property
    def records(self) -> dict[Key, Record]:
        """Canonical records by key."""
        return {r.key: r for r in self.build.records}

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        """The networkx projection (nodes keyed by IRI)."""
        return to_networkx(self.records.values(), self.base_iri)

    @cached_property
    def cooperation_layout(self) -> dict[Key, tuple[float, float]]:
        """Positions (pixels) of every node of the unfiltered cooperation network (viz.layout), computed once:
        filtered views of the network explorer reuse them, so nodes keep their place."""
        return positions(cooperation_graph(make_scope(self.records)))

    @cached_property
    def network_page(self) -> str:
        """The network page of this build (viz.network_page), rendered once and served from memory."""
        return page_html(self.network)


class GraphHolder:
    """Hands out the current LoadedGraph; checks the ``current`` link on every call (one readlink)."""

    def __init__(self, store: Path, base_iri: str) -> None:
        self.store = store
        self.base_iri = base_iri
        self._lock = threading.Lock()
        self._loaded: LoadedGraph | None = None

    def get(self) -> LoadedGraph:
        """The current graph; raises graph.store.NoGraph when nothing has been built."""
        path = current_path(self.store)
        loaded = self._loaded
        if loaded is None or loaded.build.path != path:
            with self._lock:
                if self._loaded is None or self._loaded.build.path != path:
                    self._loaded = LoadedGraph(Build(path), self.base_iri)
                loaded = self._loaded
        return loaded
