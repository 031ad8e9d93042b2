"""One SPARQL query on a store, per the SPARQL 1.1 Protocol: refuse what is not a read, cap, negotiate, serialise.

This runs inside a query worker process (api.sparql.workers) on the embedded store, or in the app on a remote
store (api.sparql.remote); everything it raises is an api.errors exception (or a graph.stores.base.StoreError)
that the caller hands on.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from api.conneg import RDF, RESULTS, negotiate
from api.errors import BadRequest, Forbidden, ResultTooLarge
from graph.publish.serialize import serialize
from graph.stores.base import QueryResult, RdfGraph
from ontology.formats import TSV

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


def _run(store: RdfGraph, request: QueryRequest, timeout_s: float | None) -> QueryResult:
    for iri in (*request.default_graph_uri, *request.named_graph_uri):
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise BadRequest(f"invalid default-graph-uri or named-graph-uri: {exc}") from None
    try:
        return store.query(request.query, request.default_graph_uri, request.named_graph_uri, timeout_s)
    except SyntaxError as exc:
        if _UPDATE.match(request.query):
            raise BadRequest(
                "this is SPARQL Update, not a query; the endpoint is read-only and refuses updates"
            ) from None
        raise BadRequest(f"SPARQL syntax error: {exc}") from None


def answer(store: RdfGraph, request: QueryRequest, max_rows: int, timeout_s: float | None = None) -> Answer:
    """Evaluate ``request`` on ``store`` once and serialise the result in the negotiated format.

    SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in Turtle,
    JSON-LD, N-Triples or RDF/XML. Solutions stream into a TSV buffer that refuses its ``max_rows + 1``-th row
    (so a result over the cap stops being evaluated there), then are converted to the negotiated format.
    ``timeout_s`` bounds a remote store's answer (graph.stores.base.RdfGraph.query). Raises BadRequest (syntax
    error, update, too long or too deeply nested), Forbidden (SERVICE: no outgoing requests), NotAcceptable,
    ResultTooLarge, and what the store raises (graph.stores.base.StoreError).
    """
    if len(request.query.encode()) > MAX_QUERY_BYTES:
        raise BadRequest(f"query longer than {MAX_QUERY_BYTES} bytes")
    if nesting(request.query) > MAX_NESTING:
        raise BadRequest(f"the query nests groups or expressions deeper than {MAX_NESTING} levels")
    if uses_service(request.query):
        raise Forbidden(
            "federated queries (SERVICE) are not available: this endpoint sends no requests to other servers"
        )
    result = _run(store, request, timeout_s)  # the embedded store's is lazy: nothing is evaluated before it is read
    if isinstance(result, ox.QueryBoolean):
        media_type = negotiate(request.accept, request.format, RESULTS)
        return Answer(media_type, _bytes(result.serialize(format=ox.QueryResultsFormat.from_media_type(media_type))))
    if isinstance(result, ox.QuerySolutions):
        media_type = negotiate(request.accept, request.format, RESULTS)
        tsv = _capped(result, max_rows)
        if media_type == TSV.media_type:
            return Answer(media_type, tsv)
        solutions = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
        return Answer(media_type, _bytes(solutions.serialize(format=ox.QueryResultsFormat.from_media_type(media_type))))
    media_type = negotiate(request.accept, request.format, RDF)
    triples = list(islice(result, max_rows + 1))
    if len(triples) > max_rows:
        raise _too_large(max_rows, "triples")
    return Answer(media_type, serialize(triples, media_type))


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
