"""One SPARQL query on a store, per the SPARQL 1.1 Protocol: refuse what is not a read, cap, negotiate, serialise.

This runs inside a query worker process (api.sparql.workers); everything it raises is an
api.errors exception that the worker hands back to the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from api.conneg import RDF, RESULTS, negotiate
from api.errors import BadRequest, NotAcceptable, ResultTooLarge
from api.sparql import shape, wellformed
from graph.publish.serialize import serialize
from ontology.formats import SPARQL_JSON, SPARQL_XML, TURTLE

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


def _dataset(request: QueryRequest) -> dict:
    try:
        return {
            "default_graph": [ox.NamedNode(u) for u in request.default_graph_uri] or None,
            "named_graphs": [ox.NamedNode(u) for u in request.named_graph_uri] or None,
        }
    except ValueError as exc:
        raise BadRequest(f"invalid default-graph-uri or named-graph-uri: {exc}") from None


def _run(store: ox.Store, request: QueryRequest):
    try:
        return store.query(request.query, base_iri=request.base_iri, **_dataset(request))
    except SyntaxError as exc:  # rdflib parsed it (api.sparql.shape), Oxigraph does not
        raise BadRequest(f"SPARQL syntax error: {exc}") from None


def answer(store: ox.Store, request: QueryRequest, max_rows: int) -> Answer:
    """Evaluate ``request`` on ``store`` and serialise the result in the negotiated format.

    SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in Turtle,
    JSON-LD, N-Triples or RDF/XML. A SELECT is evaluated twice (count, then serialise), since
    pyoxigraph serialises only a fresh result. The query's shape is checked on its parse tree first
    (api.sparql.shape); an XML answer is read back (api.sparql.wellformed). Raises BadRequest (syntax error,
    update, too long or too deeply nested), Forbidden (SERVICE: no outgoing requests), NotAcceptable (no
    acceptable format, or XML that cannot hold the result), ResultTooLarge.
    """
    if len(request.query.encode()) > MAX_QUERY_BYTES:
        raise BadRequest(f"query longer than {MAX_QUERY_BYTES} bytes")
    shape.check(request.query)
    result = _run(store, request)  # lazy: nothing is evaluated before the result is read
    if isinstance(result, ox.QueryTriples):
        media_type = _graph_media_type(request)
        triples = list(islice(result, max_rows + 1))
        _check_size(len(triples), max_rows, "triples")
        return _well_formed(Answer(media_type, serialize(triples, media_type)), triples)
    media_type = negotiate(request.accept, request.format, RESULTS)
    if isinstance(result, ox.QuerySolutions):
        _check_size(sum(1 for _ in islice(result, max_rows + 1)), max_rows, "rows")
        result = _run(store, request)
    return _well_formed(Answer(media_type, result.serialize(format=ox.QueryResultsFormat.from_media_type(media_type))))


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


def _check_size(count: int, max_rows: int, what: str) -> None:
    if count > max_rows:
        raise ResultTooLarge(f"the result has more than {max_rows} {what}; add a LIMIT (and OFFSET to page)")
