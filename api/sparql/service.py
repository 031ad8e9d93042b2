"""One SPARQL query on a store, per the SPARQL 1.1 Protocol: refuse what is not a read, cap, negotiate, serialise.

This runs inside a query worker process (api.sparql.workers); everything it raises is an
api.errors exception that the worker hands back to the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from api.conneg import RDF, RESULTS, negotiate
from api.errors import BadRequest, Forbidden, NotAcceptable, ResultTooLarge
from graph.publish.serialize import serialize
from ontology.formats import SPARQL_JSON, SPARQL_XML, TURTLE

MAX_QUERY_BYTES = 100_000
"""Longest query text accepted (UTF-8 bytes)."""

MAX_NESTING = 200
"""Deepest nesting of brackets accepted; far deeper queries exhaust the parser's stack."""

_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\b[^{]*?)?\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)


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


def uses_service(query: str) -> bool:
    """True when ``query`` contains the SERVICE keyword outside strings, IRIs and comments.

    Codepoint escapes (``\\u0053ERVICE``) are decoded first, as a SPARQL parser does. A name
    that merely contains the word (``?service``, ``ex:SERVICE``) does not count.
    """

    def decode(match: re.Match) -> str:
        codepoint = int(match.group(1) or match.group(2), 16)
        return chr(codepoint) if codepoint <= 0x10FFFF else match.group(0)

    return bool(_SERVICE.search(_OPAQUE.sub(" ", _CODEPOINT.sub(decode, query))))


def nesting(query: str) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` in ``query``, outside strings, IRIs and comments."""
    depth = deepest = 0
    for char in _OPAQUE.sub(" ", query):
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    return deepest


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
    except SyntaxError as exc:
        if _UPDATE.match(request.query):
            raise BadRequest(
                "this is SPARQL Update, not a query; the endpoint is read-only and refuses updates"
            ) from None
        raise BadRequest(f"SPARQL syntax error: {exc}") from None


def answer(store: ox.Store, request: QueryRequest, max_rows: int) -> Answer:
    """Evaluate ``request`` on ``store`` and serialise the result in the negotiated format.

    SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in Turtle,
    JSON-LD, N-Triples or RDF/XML. A SELECT is evaluated twice (count, then serialise), since
    pyoxigraph serialises only a fresh result. Raises BadRequest (syntax error, update, too
    long or too deeply nested), Forbidden (SERVICE: no outgoing requests), NotAcceptable, ResultTooLarge.
    """
    if len(request.query.encode()) > MAX_QUERY_BYTES:
        raise BadRequest(f"query longer than {MAX_QUERY_BYTES} bytes")
    if nesting(request.query) > MAX_NESTING:
        raise BadRequest(f"the query nests groups or expressions deeper than {MAX_NESTING} levels")
    if uses_service(request.query):
        raise Forbidden(
            "federated queries (SERVICE) are not available: this endpoint sends no requests to other servers"
        )
    result = _run(store, request)  # lazy: nothing is evaluated before the result is read
    if isinstance(result, ox.QueryTriples):
        media_type = _graph_media_type(request)
        triples = list(islice(result, max_rows + 1))
        _check_size(len(triples), max_rows, "triples")
        return Answer(media_type, serialize(triples, media_type))
    media_type = negotiate(request.accept, request.format, RESULTS)
    if isinstance(result, ox.QuerySolutions):
        _check_size(sum(1 for _ in islice(result, max_rows + 1)), max_rows, "rows")
        result = _run(store, request)
    return Answer(media_type, result.serialize(format=ox.QueryResultsFormat.from_media_type(media_type)))


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
