"""``/graph-store``: the read operations of the SPARQL 1.1 Graph Store HTTP Protocol (GET, HEAD), indirect
graph identification (``?default``, ``?graph=IRI``).

Read-only, like /sparql: PUT, POST and DELETE are refused (405). A whole graph is an answer no query should have to
page through, so a harvester or a GSP client gets it here in any RDF format, with ETag and Last-Modified (304).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response

from api.conneg import RDF, format_names, negotiate
from api.deps import GraphDep, PublishedDep
from api.errors import RESPONSES, BadRequest, NotFound
from api.http_cache import not_modified
from graph.publish.serialize import serialize
from graph.stores.base import RdfGraph

router = APIRouter(tags=["sparql"], responses=RESPONSES)


@router.head("/graph-store", include_in_schema=False)
@router.get(
    "/graph-store",
    response_class=Response,
    operation_id="graph_store_get",
    responses={
        200: {"content": {m: {} for m in RDF}, "description": "The graph in the negotiated format"},
        304: {"description": "Not Modified (If-None-Match / If-Modified-Since)"},
    },
)
def graph_store_get(
    request: Request,
    graph: GraphDep,
    published: PublishedDep,
    named: Annotated[str | None, Query(alias="graph", description="The IRI of a named graph")] = None,
    format: Annotated[str | None, Query(description=", ".join(format_names(RDF)) + "; beats Accept")] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """One graph of the store, whole: ``?default`` (all of LIRES Graph's data is in the default graph) or
    ``?graph=IRI`` (a named graph), in Turtle, JSON-LD, N-Triples or RDF/XML.

    400 without exactly one of ``default`` and ``graph``, or for a ``graph`` that is not an absolute IRI; 404
    for a named graph the store does not hold; 406 when no format is acceptable.
    """
    default = "default" in request.query_params
    if default == (named is not None):
        raise BadRequest("give exactly one of ?default (the default graph) and ?graph=IRI (a named graph)")
    media_type = negotiate(accept, format, RDF)
    rdf = graph.build.rdf
    if named is not None:
        try:
            ox.NamedNode(named)
        except ValueError:
            raise BadRequest(f"graph={named!r} is not an absolute IRI") from None
        if not rdf.query("ASK { GRAPH ?g { ?s ?p ?o } }", named_graphs=(named,)):
            raise NotFound(f"no named graph {named}; all data is in the default graph (?default)")
    etag = published.etag(f"graph-store/{named or ''}/{media_type}")
    headers = {"ETag": etag, "Last-Modified": published.last_modified, "Vary": "Accept"}
    if not_modified(request.headers, etag, published.build.built_at):
        return Response(status_code=304, headers=headers)
    triples = _graph(rdf, named) if named is not None else rdf.triples()
    return Response(serialize(triples, media_type), media_type=media_type, headers=headers)


def _graph(rdf: RdfGraph, named: str) -> Iterator[ox.Triple]:
    """The triples of the named graph ``named`` of the store (through graph.stores: one CONSTRUCT)."""
    triples = rdf.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=(named,))
    assert not isinstance(triples, ox.QuerySolutions | ox.QueryBoolean)
    return triples
