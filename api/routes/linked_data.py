"""Dereferenceable IRIs: ``/id/{type}/{ref}`` -> 303 -> ``/doc/{type}/{ref}`` in HTML or RDF."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.conneg import negotiate
from api.deps import GraphDep
from api.entities_view import detail
from api.errors import RESPONSES, NotFound
from api.rdf_formats import GRAPH_FORMATS, serialize
from graph.iri import document, key_from_path, mint

router = APIRouter(tags=["linked data"], responses=RESPONSES)
DOC_FORMATS = {"text/html": "html", **GRAPH_FORMATS}


@router.get("/id/{type}/{ref}", status_code=303, response_class=Response, operation_id="resolve_iri",
            responses={303: {"description": "See Other: the document describing the thing"}})
def resolve(graph: GraphDep, type: str, ref: str) -> Response:
    """The thing itself: answers 303 See Other to its description at ``/doc/{type}/{ref}``; 404 if unknown."""
    key = key_from_path(type, ref)
    if key not in graph.records:
        raise NotFound(f"no {type} with ref {ref!r}")
    return RedirectResponse(f"/doc/{type}/{ref}", status_code=303)


@router.get("/doc/{type}/{ref}", response_class=Response, operation_id="describe",
            responses={200: {"content": {m: {} for m in DOC_FORMATS},
                             "description": "The entity's description in the negotiated format"}})
def describe(request: Request, graph: GraphDep, type: str, ref: str,
             accept: Annotated[str | None, Header()] = None,
             format: Annotated[str | None, Query(description="html, ttl, jsonld, nt or rdfxml; beats Accept")] = None,
             ) -> Response:
    """Describe one entity: HTML for people (facts, links, sources), Turtle/JSON-LD/N-Triples/RDF-XML for machines.

    The RDF holds every triple with the entity as subject plus the labels of what it links to.
    406 when the Accept header allows none of these formats; 404 for an unknown entity.
    """
    key = key_from_path(type, ref)
    if key not in graph.records:
        raise NotFound(f"no {type} with ref {ref!r}")
    media_type = negotiate(accept, format, DOC_FORMATS)
    headers = {"Vary": "Accept", "Link": ", ".join(f'<{request.url.path}?format={s}>; rel="alternate"; type="{m}"'
                                                  for m, s in DOC_FORMATS.items())}
    if media_type == "text/html":
        html = request.app.state.templates.get_template("doc.html").render(
            entity=detail(graph, graph.records[key]), iri=mint(graph.base_iri, key))
        return HTMLResponse(html, headers=headers)
    subject = ox.NamedNode(mint(graph.base_iri, key))
    rdf = graph.build.rdf
    triples = [q.triple for q in rdf.quads_for_pattern(subject, None, None, ox.DefaultGraph())]
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    for obj in {t.object for t in triples if isinstance(t.object, ox.NamedNode)}:
        triples += [q.triple for q in rdf.quads_for_pattern(obj, label, None, ox.DefaultGraph())]
    page = ox.NamedNode(document(graph.base_iri, key))
    triples.append(ox.Triple(page, ox.NamedNode("http://xmlns.com/foaf/0.1/primaryTopic"), subject))
    return Response(serialize(triples, media_type), media_type=media_type, headers=headers)
