"""The current build, opened once and re-opened when ``lires build`` switches to a new one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
from cachetools import LRUCache

from graph.entities import EntityIndex
from graph.network import to_networkx
from graph.store import Build, current_path
from graph.stores.base import RdfStore
from records.model import Key, Record

T = TypeVar("T")
ANALYSES = 32
"""Analysis answers kept per build (LoadedGraph.analysis): the filters of the last requests, each a report."""


class LoadedGraph:
    """One build with its in-memory views: records by key, the networkx graph and views memoised by name."""

    def __init__(self, build: Build, base_iri: str) -> None:
        self.build = build
        self.base_iri = base_iri
        self._memo: dict[str, Any] = {}  # each name's value has the type its ``make`` returns
        self._memo_lock = threading.RLock()  # a view's ``make`` may use other views (facet counts: the facet index)
        self._analyses: LRUCache[str, Any] = LRUCache(maxsize=ANALYSES)
        self._analyses_lock = threading.Lock()

    @cached_property
    def records(self) -> dict[Key, Record]:
        """Canonical records by key."""
        return {r.key: r for r in self.build.records}

    @property
    def entities(self) -> EntityIndex:
        """The index of this build's entities (graph.entities), made on first use from records.jsonl; it answers
        listing, search and single entities without reading every record."""
        return self.memo("entity index", lambda: EntityIndex.build(self.build.path / "records.jsonl", self.base_iri))

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        """The networkx projection (nodes keyed by IRI)."""
        return to_networkx(self.records.values(), self.base_iri)

    def memo(self, name: str, make: Callable[[], T]) -> T:
        """A view derived from this build (a rendered page, a layout), made once by ``make`` on first use and
        kept as long as the build is current; ``name`` tells the views apart."""
        with self._memo_lock:
            if name not in self._memo:
                self._memo[name] = make()
            return self._memo[name]

    def analysis(self, name: str, make: Callable[[], T]) -> T:
        """An analysis answer on this build (a gap report for some filters, say), made by ``make`` on first use and
        kept among the ANALYSES last used; ``name`` tells them apart. Two first requests at once may both make it."""
        with self._analyses_lock:
            if name in self._analyses:
                found: T = self._analyses[name]
                return found
        made = make()
        with self._analyses_lock:
            self._analyses[name] = made
        return made


class GraphHolder:
    """Hands out the current LoadedGraph; checks the ``current`` link on every call (one readlink)."""

    def __init__(self, store: Path, base_iri: str, rdf: RdfStore) -> None:
        self.store = store
        self.base_iri = base_iri
        self.rdf = rdf
        self._lock = threading.Lock()
        self._loaded: LoadedGraph | None = None

    def get(self) -> LoadedGraph:
        """The current graph; raises graph.store.NoGraph when nothing has been built."""
        path = current_path(self.store)
        loaded = self._loaded
        if loaded is None or loaded.build.path != path:
            with self._lock:
                if self._loaded is None or self._loaded.build.path != path:
                    self._loaded = LoadedGraph(Build(path, self.rdf), self.base_iri)
                loaded = self._loaded
        return loaded
