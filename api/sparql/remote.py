"""SPARQL queries forwarded to a remote store (LIRES_RDF_STORE=sparql), with the embedded store's limits.

The store evaluates; the app refuses what is not a read (api.sparql.service, before anything is sent), lets at
most ``count`` queries run at once (the embedded store's LIRES_SPARQL_WORKERS), stops waiting after
``timeout_s`` and refuses a result over ``max_rows`` once it has read that far. A query abandoned at its
timeout may still run on the store until the store's own limit stops it (Fuseki ``--timeout``; Virtuoso's
would cut answers silently: docs/stores.md).
"""

from __future__ import annotations

import threading
from pathlib import Path

from api.errors import QueryTimeout, ServiceUnavailable
from api.sparql.service import Answer, QueryRequest, answer
from graph.store import Build
from graph.stores.base import RdfGraph, RdfStore, StoreTimeout


class RemoteQueries:
    """The remote counterpart of api.sparql.workers.QueryWorkers (same ``run`` and ``close``)."""

    def __init__(self, store: RdfStore, count: int, timeout_s: float, max_rows: int) -> None:
        self.store, self.count, self.timeout_s, self.max_rows = store, count, timeout_s, max_rows
        self._slots = threading.BoundedSemaphore(count)
        self._graph: tuple[Path, RdfGraph] | None = None

    def run(self, build: Path, request: QueryRequest) -> Answer:
        """Answer ``request`` on the graph of ``build`` within the timeout.

        Raises what api.sparql.service.answer raises, QueryTimeout (504), ServiceUnavailable (no free slot
        within the timeout) and graph.stores.base.StoreError (the store is down or refused the query).
        """
        if not self._slots.acquire(timeout=self.timeout_s):
            raise ServiceUnavailable(f"{self.count} queries stayed busy for {self.timeout_s:g} s; try again later")
        error: Exception
        try:
            return answer(self._open(build), request, self.max_rows, self.timeout_s)
        except StoreTimeout as exc:
            _forget(exc)
            error = QueryTimeout(
                f"the triple store did not answer within {self.timeout_s:g} s; narrow the query down or add a LIMIT"
            )
        except Exception as exc:
            _forget(exc)
            error = exc
        finally:
            self._slots.release()
        raise error

    def _open(self, build: Path) -> RdfGraph:
        opened = self._graph
        if opened is None or opened[0] != build:
            opened = self._graph = (build, Build(build, self.store).rdf)
        return opened[1]

    def close(self) -> None:
        """Nothing to stop: the store's connections close with the process."""


def _forget(exc: BaseException) -> None:
    """Drop the frames ``exc`` holds (and the exceptions before it), so the pyoxigraph results in them are freed in
    this thread: pyoxigraph refuses to free a result in another thread than the one that made it."""
    exc.__traceback__ = exc.__context__ = exc.__cause__ = None
