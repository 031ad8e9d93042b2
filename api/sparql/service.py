"""One SPARQL query on a store, per the SPARQL 1.1 Protocol: refuse what is not a read, cap, negotiate, serialise.

This runs inside a query worker process (api.sparql.workers) on the embedded store, or in the app on a remote
store (api.sparql.remote); everything it raises is an api.errors exception (or a graph.stores.base.StoreError)
that the caller hands on.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from api.conneg import RDF, RESULTS, negotiate
from api.errors import BadRequest, NotAcceptable, ResultTooLarge
from api.sparql import shape, wellformed
from graph.publish.serialize import serialize
from graph.stores.base import QueryResult, RdfGraph
from ontology.formats import SPARQL_JSON, SPARQL_XML, TSV, TURTLE

MAX_QUERY_BYTES = 100_000
"""Longest query text accepted (UTF-8 bytes)."""


@dataclass(frozen=True)
class QueryRequest:
    """A protocol query operation: the query, the RDF dataset parameters and what the client accepts."""

    query: str
    accept: str | None = None
    format: str | None = None
    default_graph_uri: tuple[str, ...] = ()
    named_graph_uri: tuple[str, ...] = ()
    base_iri: str | None = None
    """What relative IRIs in the query resolve against (the endpoint's URL, as the protocol allows); a BASE in the
    query wins."""


@dataclass(frozen=True)
class Answer:
    """A serialised result and its media type."""

    media_type: str
    body: bytes


def _run(store: RdfGraph, request: QueryRequest, timeout_s: float | None) -> QueryResult:
    for iri in (*request.default_graph_uri, *request.named_graph_uri):
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise BadRequest(f"invalid default-graph-uri or named-graph-uri: {exc}") from None
    try:
        return store.query(
            request.query, request.default_graph_uri, request.named_graph_uri, timeout_s, request.base_iri
        )
    except SyntaxError as exc:  # rdflib parsed it (api.sparql.shape), Oxigraph does not
        raise BadRequest(f"SPARQL syntax error: {exc}") from None


def answer(store: RdfGraph, request: QueryRequest, max_rows: int, timeout_s: float | None = None) -> Answer:
    """Evaluate ``request`` on ``store`` once and serialise the result in the negotiated format.

    SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in Turtle,
    JSON-LD, N-Triples or RDF/XML. The query's shape is checked on its parse tree first (api.sparql.shape).
    Solutions stream into a TSV buffer that refuses its ``max_rows + 1``-th row (so a result over the cap stops
    being evaluated there), then are converted to the negotiated format; an XML answer is read back
    (api.sparql.wellformed). ``timeout_s`` bounds a remote store's answer (graph.stores.base.RdfGraph.query).
    Raises BadRequest (syntax error, update, too long or too deeply nested), Forbidden (SERVICE: no outgoing
    requests), NotAcceptable (no acceptable format, or XML that cannot hold the result), ResultTooLarge, and what
    the store raises (graph.stores.base.StoreError).
    """
    if len(request.query.encode()) > MAX_QUERY_BYTES:
        raise BadRequest(f"query longer than {MAX_QUERY_BYTES} bytes")
    shape.check(request.query)
    result = _run(store, request, timeout_s)  # the embedded store's is lazy: nothing is evaluated before it is read
    if isinstance(result, ox.QueryBoolean):
        media_type = negotiate(request.accept, request.format, RESULTS)
        body = _bytes(result.serialize(format=ox.QueryResultsFormat.from_media_type(media_type)))
        return _well_formed(Answer(media_type, body))
    if isinstance(result, ox.QuerySolutions):
        media_type = negotiate(request.accept, request.format, RESULTS)
        tsv = _capped(result, max_rows)
        if media_type == TSV.media_type:
            return Answer(media_type, tsv)
        solutions = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
        body = _bytes(solutions.serialize(format=ox.QueryResultsFormat.from_media_type(media_type)))
        return _well_formed(Answer(media_type, body))
    media_type = _graph_media_type(request)
    triples = list(islice(result, max_rows + 1))
    if len(triples) > max_rows:
        raise _too_large(max_rows, "triples")
    return _well_formed(Answer(media_type, serialize(triples, media_type)), triples)


def _well_formed(answer: Answer, triples: list[ox.Triple] | None = None) -> Answer:
    if answer.media_type in wellformed.CARRIERS:
        wellformed.check(answer.body, answer.media_type, triples or [])
    return answer


def _graph_media_type(request: QueryRequest) -> str:
    """The format of a CONSTRUCT or DESCRIBE result. A client that accepts only SPARQL result-set formats (rdflib's
    SPARQLStore with ``returnFormat="json"`` sends just ``application/sparql-results+json`` for every query form)
    gets Turtle, the default graph format, as Fuseki and QLever answer; any other unacceptable request stays 406."""
    try:
        return negotiate(request.accept, request.format, RDF)
    except NotAcceptable:
        if request.format is None and request.accept and _only_result_formats(request.accept):
            return TURTLE.media_type
        raise


def _only_result_formats(accept: str) -> bool:
    results = {SPARQL_JSON.media_type, SPARQL_XML.media_type}
    ranges = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    return all(r in results for r in ranges if r)


class _Full(Exception):
    """The TSV buffer was offered more rows than the cap."""


class _CappedBuffer(io.BytesIO):
    """A TSV results buffer that refuses more than ``max_rows`` rows: a row is a line (SPARQL TSV escapes line
    breaks in terms), and the first line is the header."""

    def __init__(self, max_rows: int) -> None:
        super().__init__()
        self.room = max_rows + 1

    def write(self, chunk, /) -> int:
        self.room -= bytes(chunk).count(b"\n")
        if self.room < 0:
            raise _Full
        return super().write(chunk)


def _capped(solutions: ox.QuerySolutions, max_rows: int) -> bytes:
    """``solutions`` as SPARQL TSV, evaluated at most up to row ``max_rows + 1``; raises ResultTooLarge there."""
    buffer = _CappedBuffer(max_rows)
    try:
        solutions.serialize(buffer, format=ox.QueryResultsFormat.TSV)
    except _Full:
        raise _too_large(max_rows, "rows") from None
    return buffer.getvalue()


def _bytes(serialized: bytes | None) -> bytes:
    """What pyoxigraph's ``serialize`` returns when given no output (never None then)."""
    assert serialized is not None
    return serialized


def _too_large(max_rows: int, what: str) -> ResultTooLarge:
    return ResultTooLarge(f"the result has more than {max_rows} {what}; add a LIMIT (and OFFSET to page)")
