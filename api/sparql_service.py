"""Read-only SPARQL over the built store: parse, refuse updates, cap results, serialise."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import pyoxigraph as ox

from api.errors import BadRequest

RESULT_FORMATS = {
    "application/sparql-results+json": ("json", ox.QueryResultsFormat.JSON),
    "application/sparql-results+xml": ("xml", ox.QueryResultsFormat.XML),
    "text/csv": ("csv", ox.QueryResultsFormat.CSV),
    "text/tab-separated-values": ("tsv", ox.QueryResultsFormat.TSV),
}
"""SELECT/ASK result media types -> (short name, pyoxigraph format), in order of preference."""

_UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b[^{]*?)?\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                     re.IGNORECASE | re.DOTALL)


class QueryTooLarge(BadRequest):
    """The result has more rows than the endpoint's limit."""


class QueryTimeout(BadRequest):
    """The query ran longer than the endpoint's timeout."""


@dataclass(frozen=True)
class Limits:
    """Per-query limits: wall-clock seconds while reading results, and result rows."""

    timeout_s: float
    max_rows: int


def _run(store: ox.Store, query: str, default_graph, named_graphs):
    try:
        return store.query(query, default_graph=default_graph, named_graphs=named_graphs)
    except SyntaxError as exc:
        if _UPDATE.match(query):
            raise BadRequest("SPARQL Update is not allowed: this endpoint is read-only") from None
        raise BadRequest(f"SPARQL syntax error: {exc}") from None


def kind(result) -> str:
    """``select``, ``ask`` or ``graph`` for a pyoxigraph query result."""
    if isinstance(result, ox.QuerySolutions):
        return "select"
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    return "graph"


def execute(store: ox.Store, query: str, limits: Limits, default_graph=None, named_graphs=None):
    """Run ``query`` once to check its size and time, then again for serialisation.

    Returns the fresh pyoxigraph result (QuerySolutions, QueryBoolean or QueryTriples).
    Raises BadRequest (syntax error or update), QueryTooLarge or QueryTimeout.
    """
    deadline = time.monotonic() + limits.timeout_s
    probe = _run(store, query, default_graph, named_graphs)
    if not isinstance(probe, ox.QueryBoolean):
        for count, _ in enumerate(probe, start=1):
            if count > limits.max_rows:
                raise QueryTooLarge(f"the result has more than {limits.max_rows} rows or triples; add a LIMIT")
            if time.monotonic() > deadline:
                raise QueryTimeout(f"the query ran longer than {limits.timeout_s:g} s; narrow it down or add a LIMIT")
    return _run(store, query, default_graph, named_graphs)
