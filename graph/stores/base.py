"""The one RDF store interface: where a build's triples live, how they are read, loaded and switched in.

Two halves, after Prez's ``Repo``:

- ``RdfGraph``: the RDF of one build. Read with SPARQL (``query``), triple patterns (``triples``) and
  ``count``; filled once by the build (``load``) and removed again if the build fails (``discard``).
- ``RdfStore``: where builds' graphs are kept. It makes a new graph for a build (``create``), opens the graph of
  a finished one (``open``) and switches the store's current build to a new one atomically (``switch``), then
  drops what no build needs any more.

Terms, triples and query results are pyoxigraph's types whatever the store (a remote store's answers are parsed
into them), so callers never see where the data lives. The implementations are chosen in graph.stores.choose.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox

QueryResult = ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]
"""What ``RdfGraph.query`` returns: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

Subject = ox.NamedNode | ox.BlankNode
Object = ox.NamedNode | ox.BlankNode | ox.Literal


class StoreError(RuntimeError):
    """The triple store failed to do what was asked (it is down, refused the request, or answered wrongly)."""


class StoreUnavailable(StoreError):
    """The triple store cannot be reached, or answers with a server error."""


class StoreRefused(StoreError):
    """The triple store refused a query that Oxigraph's parser accepts (e.g. a function the store lacks)."""


class StoreTimeout(StoreError):
    """The triple store did not answer within the timeout."""


class RdfGraph(ABC):
    """The RDF of one build: every triple is in the graph's default graph as the reader sees it."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        default_graph: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        timeout_s: float | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Evaluate a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE) on this build.

        ``default_graph`` and ``named_graphs`` are the protocol's ``default-graph-uri`` and ``named-graph-uri``
        (none: the build's triples as the default graph); relative IRIs in the query resolve against ``base_iri``
        (a BASE in the query wins). ``timeout_s`` bounds the wait for a remote store; the
        embedded store evaluates in the calling process, which its caller bounds (api.sparql.workers). Raises
        SyntaxError for a malformed query, StoreTimeout, StoreUnavailable or StoreError.
        """

    @abstractmethod
    def triples(
        self, subject: Subject | None = None, predicate: ox.NamedNode | None = None, object: Object | None = None
    ) -> Iterator[ox.Triple]:
        """The triples matching a pattern (None matches anything), streamed: stop reading and nothing more is
        fetched. Raises StoreUnavailable or StoreError."""

    @abstractmethod
    def count(self) -> int:
        """The number of triples. Raises StoreUnavailable or StoreError."""

    @abstractmethod
    def load(self, quads: Iterable[ox.Quad]) -> None:
        """Bulk-load ``quads`` (their graph is ignored: everything goes into this build's graph). Called once,
        by the build, on a graph made by ``RdfStore.create``. Raises StoreError or OSError; what was loaded
        before the error is removed by ``discard``."""

    def discard(self) -> None:  # noqa: B027  (a store whose graphs live in the build directory has nothing to do)
        """Remove this graph's triples from the store (a failed build's); never raises for a missing graph."""

    @abstractmethod
    def manifest(self) -> dict:
        """What the build's manifest records so that ``RdfStore.open`` finds this graph again:
        ``{"store": kind, ...}`` (a remote store adds ``"graph"``, the named graph's IRI)."""


class RdfStore(ABC):
    """Where builds keep their RDF: in the build directory (embedded) or in a triple store (remote)."""

    kind: ClassVar[str]
    """The name of this kind of store in settings and manifests (LIRES_RDF_STORE)."""
    remote: ClassVar[bool] = False
    """True for a store that runs apart from LIRES (its state is reported by /health)."""

    @abstractmethod
    def create(self, build: Path) -> RdfGraph:
        """An empty graph for the new build in directory ``build`` (which exists and is empty)."""

    @abstractmethod
    def open(self, build: Path, manifest: dict) -> RdfGraph:
        """The graph of the finished build in ``build``, read-only, from its manifest's ``"rdf"`` entry.

        Raises StoreError when the build's RDF was written to another kind of store.
        """

    def switch(self, store: Path, build: Path) -> None:
        """Make ``build`` the current build of ``store`` with one atomic rename of the ``current`` link, flushed to
        disk (the caller then ``retire``s the other builds' graphs). Raises OSError when the link cannot be written
        (the previous build stays current)."""
        temporary = store / f".current-{os.getpid()}"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(build.relative_to(store))
        os.replace(temporary, store / "current")
        handle = os.open(store, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)

    def retire(self, store: Path, current: Path) -> None:  # noqa: B027  (embedded graphs go with their directories)
        """Drop the graph of every build of ``store`` but ``current``, including builds killed while loading
        (called after a switch, under the build lock, before old build directories are pruned). Raises StoreError
        when the store fails; the build directories are then kept, so the next build drops their graphs."""

    def status(self) -> str:
        """``up`` or ``down`` (for /health); the embedded store is always up."""
        return "up"

    def _check_kind(self, manifest: dict) -> None:
        kind = manifest.get("rdf", {}).get("store", "oxigraph")
        if kind != self.kind:
            raise StoreError(
                f"this build's RDF was written to the {kind!r} store, but LIRES_RDF_STORE is {self.kind!r}; "
                "set it back or run `lires build` again"
            )
