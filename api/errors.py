"""One exception table: every domain failure maps to one HTTP status and one error body.

Body shape for every error: ``{"error": "<short code>", "detail": "<human message>"}``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.pages.error import for_browsers
from graph.analysis.scope import ScopeError
from graph.build import BuildBusy, ShapeViolations
from graph.facets import FacetError
from graph.iri import UnknownIri
from graph.neo4j.reader import CypherInvalid, CypherRefused, Neo4jUnavailable
from graph.store import NoGraph
from graph.stores.base import StoreError, StoreRefused, StoreTimeout, StoreUnavailable
from ontology.formats import JSON
from records.findings import DataError


class ErrorBody(BaseModel):
    """The JSON body of every error response."""

    error: str
    detail: str


class NotFound(LookupError):
    """The requested entity or resource does not exist."""


class BadRequest(ValueError):
    """The request is malformed (e.g. a SPARQL syntax error); the message says why."""


class NotAcceptable(ValueError):
    """None of the media types in the Accept header can be produced."""


class ServiceUnavailable(RuntimeError):
    """A backing service (e.g. Neo4j) is not configured or not reachable."""


class Overloaded(ServiceUnavailable):
    """The query engine's fair share for this client, or its short queue, is used up; ``retry_after`` in seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


class Forbidden(PermissionError):
    """The request tries something this endpoint refuses (e.g. a write on a read-only endpoint)."""


class ResultTooLarge(BadRequest):
    """A query's result has more rows (or triples) than the endpoint's limit."""


class QueryTimeout(RuntimeError):
    """A query did not finish within the endpoint's timeout; its evaluation was stopped."""


class Unauthorized(PermissionError):
    """The request lacks the credentials an enabled admin action needs (answered with ``WWW-Authenticate``)."""

    headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": 'Bearer realm="lires-admin"'}


class Conflict(RuntimeError):
    """The action is already running (e.g. a second rebuild while one is in progress)."""


class TooManyRequests(RuntimeError):
    """The client used up its request budget on the query endpoints; ``retry_after`` is in seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


class PayloadTooLarge(StarletteHTTPException):
    """The request body is larger than LIRES_MAX_BODY_BYTES (an HTTPException so body parsers pass it on)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")

    def __str__(self) -> str:
        return str(self.detail)


STATUS: dict[type[Exception], tuple[int, str]] = {
    NotFound: (404, "not_found"),
    UnknownIri: (404, "not_found"),
    BadRequest: (400, "bad_request"),
    ResultTooLarge: (400, "result_too_large"),
    ScopeError: (400, "bad_request"),
    FacetError: (400, "bad_request"),
    Forbidden: (403, "forbidden"),
    NotAcceptable: (406, "not_acceptable"),
    NoGraph: (503, "no_graph"),
    ServiceUnavailable: (503, "service_unavailable"),
    Overloaded: (503, "overloaded"),
    QueryTimeout: (504, "query_timeout"),
    StoreError: (502, "store_error"),
    StoreRefused: (400, "bad_request"),
    StoreUnavailable: (503, "store_unavailable"),
    StoreTimeout: (504, "query_timeout"),
    CypherInvalid: (400, "bad_request"),
    CypherRefused: (403, "forbidden"),
    Neo4jUnavailable: (503, "service_unavailable"),
    Unauthorized: (401, "unauthorized"),
    Conflict: (409, "conflict"),
    BuildBusy: (409, "conflict"),
    PayloadTooLarge: (413, "payload_too_large"),
    DataError: (422, "data_error"),
    ShapeViolations: (422, "shape_violations"),
    TooManyRequests: (429, "too_many_requests"),
}
"""Exception type -> (HTTP status, error code)."""

RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {
        "model": ErrorBody,
        "content": {JSON.media_type: {"schema": ErrorBody.model_json_schema()}},
        "description": " or ".join(sorted({c.replace("_", " ") for s, c in STATUS.values() if s == status})),
    }
    for status, _ in STATUS.values()
}
"""OpenAPI ``responses`` entry documenting the error body for every status above (always JSON, also on routes
whose own answer is HTML or RDF)."""


def error_response(status: int, code: str, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSON error response with the common body."""
    return JSONResponse(ErrorBody(error=code, detail=detail).model_dump(), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers of STATUS, request validation and plain HTTP errors on ``app``; a browser (Accept
    preferring HTML) gets the same status and message as a page (api.pages.error)."""
    for exc_type, (status, code) in STATUS.items():

        def handler(_: Request, exc: Exception, status: int = status, code: str = code) -> JSONResponse:
            return error_response(status, code, str(exc) or code, getattr(exc, "headers", None))

        app.exception_handlers[exc_type] = for_browsers(handler)

    def validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = ["{}: {}".format(".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors()]
        return error_response(422, "invalid_request", "; ".join(parts))

    def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, "http_error", str(exc.detail), getattr(exc, "headers", None))

    # into the table add_exception_handler fills: its signature wants handlers of any Exception, these take one class
    app.exception_handlers[RequestValidationError] = for_browsers(validation)
    app.exception_handlers[StarletteHTTPException] = for_browsers(http_error)
