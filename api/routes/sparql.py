"""``/sparql``: the SPARQL 1.1 Protocol for queries (GET, POST form, POST sparql-query), read-only."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from api.conneg import negotiate
from api.deps import GraphDep, SettingsDep
from api.errors import RESPONSES, BadRequest
from api.rdf_formats import GRAPH_FORMATS, serialize
from api.sparql_service import RESULT_FORMATS, Limits, execute, kind

router = APIRouter(tags=["sparql"], responses=RESPONSES)
MAX_QUERY_BYTES = 100_000


def _graphs(default_graph_uri: list[str], named_graph_uri: list[str]):
    default = [ox.NamedNode(u) for u in default_graph_uri] or None
    named = [ox.NamedNode(u) for u in named_graph_uri] or None
    return default, named


def answer(request: Request, graph, settings, query: str, accept: str | None, format: str | None,
           default_graph_uri: list[str], named_graph_uri: list[str]) -> Response:
    """Execute and serialise one query per the protocol; shared by the three request forms."""
    if len(query.encode()) > MAX_QUERY_BYTES:
        raise BadRequest(f"query longer than {MAX_QUERY_BYTES} bytes")
    try:
        default, named = _graphs(default_graph_uri, named_graph_uri)
    except ValueError as exc:
        raise BadRequest(f"invalid graph IRI: {exc}") from None
    limits = Limits(settings.sparql_timeout_s, settings.sparql_max_rows)
    result = execute(graph.build.rdf, query, limits, default, named)
    if kind(result) == "graph":
        media_type = negotiate(accept, format, GRAPH_FORMATS)
        return Response(serialize(result, media_type), media_type=media_type, headers={"Vary": "Accept"})
    media_type = negotiate(accept, format, {m: s for m, (s, _) in RESULT_FORMATS.items()})
    body = result.serialize(format=RESULT_FORMATS[media_type][1])
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


FORMAT_HELP = "json, xml, csv, tsv (SELECT/ASK) or ttl, nt, jsonld, rdfxml (CONSTRUCT/DESCRIBE); beats Accept"


@router.get("/sparql", operation_id="sparql_get", response_class=Response,
            responses={200: {"description": "Query results", "content": {m: {} for m in [*RESULT_FORMATS,
                                                                                           *GRAPH_FORMATS]}}})
def sparql_get(request: Request, graph: GraphDep, settings: SettingsDep,
               query: Annotated[str | None, Query(description="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE)")]
               = None,
               default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
               named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
               format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
               accept: Annotated[str | None, Header()] = None) -> Response:
    """SPARQL query by GET. Without ``query``, browsers get the query page."""
    if query is None:
        return HTMLResponse(request.app.state.templates.get_template("sparql.html").render())
    return answer(request, graph, settings, query, accept, format, default_graph_uri, named_graph_uri)


@router.post("/sparql", operation_id="sparql_post", response_class=Response,
             openapi_extra={"requestBody": {"content": {
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                     "query": {"type": "string"}}, "required": ["query"]}},
                 "application/sparql-query": {"schema": {"type": "string"}}}}})
async def sparql_post(request: Request, graph: GraphDep, settings: SettingsDep,
                      default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
                      named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
                      format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
                      accept: Annotated[str | None, Header()] = None,
                      content_type: Annotated[str | None, Header()] = None) -> Response:
    """SPARQL query by POST: form-encoded ``query=`` or the raw query as ``application/sparql-query``.

    SPARQL Update (``application/sparql-update`` or ``update=``) is refused: the endpoint is read-only.
    """
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "application/sparql-query":
        body = await request.body()
        if len(body) > MAX_QUERY_BYTES:
            raise BadRequest(f"query longer than {MAX_QUERY_BYTES} bytes")
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("the query must be UTF-8") from None
    elif media == "application/x-www-form-urlencoded":
        form = await request.form()
        if "update" in form:
            raise BadRequest("SPARQL Update is not allowed: this endpoint is read-only")
        query = form.get("query")
        if not isinstance(query, str):
            raise BadRequest("missing form field 'query'")
        default_graph_uri = default_graph_uri or [str(v) for v in form.getlist("default-graph-uri")]
        named_graph_uri = named_graph_uri or [str(v) for v in form.getlist("named-graph-uri")]
    elif media == "application/sparql-update":
        raise BadRequest("SPARQL Update is not allowed: this endpoint is read-only")
    else:
        raise BadRequest("POST a query as application/x-www-form-urlencoded (query=...) or application/sparql-query")
    return await run_in_threadpool(answer, request, graph, settings, query, accept, format, default_graph_uri,
                                   named_graph_uri)
