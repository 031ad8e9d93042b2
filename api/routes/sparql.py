"""``/sparql``: the SPARQL 1.1 Protocol query operation (GET, POST form, POST sparql-query), read-only.

Without a query, GET answers with the service description (RDF) or, for browsers, the
YASGUI editor. SPARQL Update is refused (403); so is SERVICE (no outgoing requests).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from api.conneg import RDF, RESULTS, format_names, negotiate, offer
from api.deps import DescriptionDep, GraphDep, client_address
from api.errors import RESPONSES, BadRequest, Forbidden
from api.language import language_of
from api.query_gate import QueryGate
from api.sparql.examples import examples
from api.sparql.remote import RemoteQueries
from api.sparql.service import MAX_QUERY_BYTES, QueryRequest
from api.sparql.workers import QueryWorkers
from graph.publish.serialize import serialize
from ontology.formats import FORM, GRAPH_FORMATS, HTML, SPARQL_QUERY, SPARQL_UPDATE

router = APIRouter(tags=["sparql"], responses=RESPONSES)

FORMAT_HELP = (
    f"{', '.join(format_names(RESULTS))} (SELECT/ASK); {', '.join(format_names(RDF))} (CONSTRUCT/DESCRIBE) "
    "or a media type; beats Accept"
)
UPDATE_REFUSED = "SPARQL Update is not allowed: this endpoint is read-only"
GRAPH_STORE_HINT = (
    "'graph' and 'default' are Graph Store Protocol parameters, not SPARQL Protocol ones: "
    "GET /graph-store?default or /graph-store?graph=IRI for a whole graph, /sparql?query=... for a query"
)
RESULT_CONTENT: dict[str, dict[str, object]] = {m: {} for m in [*RESULTS, *RDF]}
"""OpenAPI media type objects: every media type a query can be answered in."""


def _endpoint(request: Request) -> str:
    """The endpoint's URL as the client addressed it, which relative IRIs in a query resolve against."""
    return str(request.url.replace(query="", fragment=""))


async def _answer(request: Request, graph, query: QueryRequest) -> Response:
    """Run ``query`` on a worker once the client's fair share allows (api.query_gate; 503 when it does not)."""
    workers: QueryWorkers | RemoteQueries = request.app.state.sparql
    gate: QueryGate = request.app.state.sparql_gate
    result = await gate.run(client_address(request), workers.run, graph.build.path, query)
    return Response(result.body, media_type=result.media_type, headers={"Vary": "Accept"})


@router.get(
    "/sparql",
    operation_id="sparql_get",
    response_class=Response,
    responses={
        200: {
            "description": "Query results; without a query, the service description (RDF) or the query editor (HTML)",
            "content": {**RESULT_CONTENT, HTML.media_type: {}},
        }
    },
)
async def sparql_get(
    request: Request,
    graph: GraphDep,
    description: DescriptionDep,
    query: Annotated[str | None, Query(description="A SPARQL 1.1 query: SELECT, ASK, CONSTRUCT or DESCRIBE")] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
    format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """SPARQL query by GET (``?query=``, URL-encoded UTF-8).

    Without ``query``: the SPARQL Service Description (sd:Service with endpoint, supported
    language, result formats and the default dataset's size) in Turtle, JSON-LD, N-Triples or
    RDF/XML, or the YASGUI query editor for browsers. 400 for a malformed query (with the
    parser's message), 403 for an update or SERVICE, 406 when no acceptable format exists or XML cannot
    hold the result, 504 when the query runs past the timeout, 400 when the result exceeds the row limit,
    503 with Retry-After when the client's fair share of the query workers is used up. Relative IRIs in
    the query resolve against the endpoint's URL. ``graph`` or ``default`` (Graph Store Protocol parameters)
    get 400 pointing to /graph-store.
    """
    params = request.query_params
    if "update" in params:
        raise Forbidden(UPDATE_REFUSED)
    if "graph" in params or "default" in params:
        raise BadRequest(GRAPH_STORE_HINT)
    if query is None:
        media_type = negotiate(accept, format, offer(*GRAPH_FORMATS, HTML))
        if media_type == HTML.media_type:
            html = request.app.state.templates.get_template("sparql.html").render(
                endpoint=f"{request.base_url}sparql", examples=examples(graph.base_iri), lang=language_of(request)
            )
            return HTMLResponse(html, headers={"Vary": "Accept"})
        body = await run_in_threadpool(serialize, description.service, media_type)
        return Response(body, media_type=media_type, headers={"Vary": "Accept"})
    if len(params.getlist("query")) > 1:
        raise BadRequest("give exactly one query parameter")
    return await _answer(
        request,
        graph,
        QueryRequest(query, accept, format, tuple(default_graph_uri), tuple(named_graph_uri), _endpoint(request)),
    )


@router.post(
    "/sparql",
    operation_id="sparql_post",
    response_class=Response,
    responses={200: {"description": "Query results", "content": RESULT_CONTENT}},
    openapi_extra={
        "requestBody": {
            "content": {
                FORM.media_type: {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        },
                        "required": ["query"],
                    }
                },
                SPARQL_QUERY.media_type: {"schema": {"type": "string"}},
            }
        }
    },
)
async def sparql_post(
    request: Request,
    graph: GraphDep,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
    format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
    accept: Annotated[str | None, Header()] = None,
    content_type: Annotated[str | None, Header()] = None,
) -> Response:
    """SPARQL query by POST: form-encoded ``query=`` (graph IRIs in the form) or the raw query as
    ``application/sparql-query`` (graph IRIs in the URL). Errors as for GET; SPARQL Update
    (``application/sparql-update`` or ``update=``) is refused with 403.
    """
    media = (content_type or "").split(";")[0].strip().lower()
    if media == SPARQL_QUERY.media_type:
        body = await request.body()
        if len(body) > MAX_QUERY_BYTES:
            raise BadRequest(f"query longer than {MAX_QUERY_BYTES} bytes")
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("the query must be UTF-8") from None
    elif media == FORM.media_type:
        form = await request.form(max_part_size=MAX_QUERY_BYTES)
        if "update" in form:
            raise Forbidden(UPDATE_REFUSED)
        queries = form.getlist("query")
        if len(queries) != 1 or not isinstance(queries[0], str):
            raise BadRequest("give exactly one form field 'query'")
        query = queries[0]
        default_graph_uri = default_graph_uri + [str(v) for v in form.getlist("default-graph-uri")]
        named_graph_uri = named_graph_uri + [str(v) for v in form.getlist("named-graph-uri")]
    elif media == SPARQL_UPDATE.media_type:
        raise Forbidden(UPDATE_REFUSED)
    else:
        raise BadRequest(f"POST a query as {FORM.media_type} (query=...) or {SPARQL_QUERY.media_type}")
    dataset = (tuple(default_graph_uri), tuple(named_graph_uri))
    return await _answer(request, graph, QueryRequest(query, accept, format, *dataset, _endpoint(request)))
