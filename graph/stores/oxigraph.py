"""The embedded store (the default): each build's RDF in an Oxigraph store (RocksDB) in ``{build}/oxigraph``.

Nothing to run or configure; a build directory holds everything, so the switch of graph.stores.base is all a
build needs, and pruning a build directory removes its graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from graph.stores.base import Object, QueryResult, RdfGraph, RdfStore, Subject

DIRECTORY = "oxigraph"
"""The store's directory inside a build directory."""


class OxigraphGraph(RdfGraph):
    """One build's Oxigraph store; every triple in its default graph."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def read_only(cls, build: Path) -> OxigraphGraph:
        """The store of the finished build in ``build``, opened read-only (safe while another process builds
        the next one). Raises OSError when it cannot be read."""
        return cls(ox.Store.read_only(str(build / DIRECTORY)))

    def query(
        self,
        sparql: str,
        default_graph: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        timeout_s: float | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """See RdfGraph.query; lazy: nothing is evaluated before the result is read. Raises SyntaxError, or
        ValueError for a dataset IRI that is not an IRI."""
        return self.store.query(
            sparql,
            base_iri=base_iri,
            default_graph=[ox.NamedNode(u) for u in default_graph] or None,
            named_graphs=[ox.NamedNode(u) for u in named_graphs] or None,
        )

    def triples(
        self, subject: Subject | None = None, predicate: ox.NamedNode | None = None, object: Object | None = None
    ) -> Iterator[ox.Triple]:
        """See RdfGraph.triples (index order)."""
        return (q.triple for q in self.store.quads_for_pattern(subject, predicate, object, ox.DefaultGraph()))

    def count(self) -> int:
        """See RdfGraph.count."""
        return len(self.store)

    def load(self, quads: Iterable[ox.Quad]) -> None:
        """See RdfGraph.load: Oxigraph's bulk loader, then a flush to disk."""
        self.store.bulk_extend(quads)
        self.store.flush()

    def manifest(self) -> dict:
        """See RdfGraph.manifest."""
        return {"store": OxigraphStore.kind}

    def in_memory(self, max_triples: int) -> OxigraphGraph:
        """An in-memory copy of this graph when it holds at most ``max_triples`` triples, else this graph.

        Oxigraph evaluates joins 3-5x faster in memory than through RocksDB lookups on disk (bench/README.md,
        SPARQL). The copy costs about 10-20 us and 0.45 kB per triple (572,539 triples: 6-16 s, 245 MB).
        """
        if len(self.store) > max_triples:
            return self
        copy = ox.Store()
        copy.bulk_extend(self.store.quads_for_pattern(None, None, None))
        return OxigraphGraph(copy)


class OxigraphStore(RdfStore):
    """Builds keep their RDF in their own directory (see the module docstring)."""

    kind = "oxigraph"

    def create(self, build: Path) -> OxigraphGraph:
        """See RdfStore.create: a new Oxigraph store in ``{build}/oxigraph``."""
        return OxigraphGraph(ox.Store(str(build / DIRECTORY)))

    def open(self, build: Path, manifest: dict) -> OxigraphGraph:
        """See RdfStore.open."""
        self._check_kind(manifest)
        return OxigraphGraph.read_only(build)
