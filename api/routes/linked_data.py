"""Dereferenceable IRIs (Flemish URI standard): ``/id/{type}/{ref}`` -> 303 -> ``/doc/{type}/{ref}`` in HTML or RDF.

Every IRI describes itself: an entity (a record) by its facts, links and sources; a thing of the dataset
description (the catalogue, its record, the dataset, a distribution, a data service, the publisher) by its part of
the description; a resource the projection made from values (a role, the role scheme, a source's publisher) by
its triples in the store.
"""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.conneg import FORMAT_HELP, PAGE, alternates, negotiate
from api.current import LoadedGraph
from api.deps import DescriptionDep, GraphDep, PublishedDep, network_of
from api.errors import RESPONSES, NotFound
from api.http_cache import cache_headers, not_modified
from api.language import LangDep
from api.pages import entity as entity_page
from api.pages import resource as resource_page
from graph.iri import UnknownIri, key_from_path
from graph.publish.description import Description
from graph.publish.serialize import serialize
from ontology.formats import HTML
from ontology.vocab import vocabulary

router = APIRouter(tags=["linked data"], responses=RESPONSES)


@router.get(
    "/id/{type}/{ref}",
    status_code=303,
    response_class=Response,
    operation_id="resolve_iri",
    responses={303: {"description": "See Other: the document describing the thing"}},
)
def resolve(request: Request, graph: GraphDep, description: DescriptionDep, type: str, ref: str) -> Response:
    """The thing itself: 303 See Other to its description at ``/doc/{type}/{ref}``; 404 for an unknown IRI."""
    if _entity(graph, type, ref) is None and _about(graph, description, type, ref) is None:
        raise NotFound(f"no {type} with ref {ref!r}")
    return RedirectResponse(f"/doc/{type}/{ref}", status_code=303)


def _entity(graph: LoadedGraph, type: str, ref: str) -> int | None:
    """The number of the entity ``/id/{type}/{ref}`` in the entity index, or None when no record has it."""
    try:
        key = key_from_path(type, ref)
    except UnknownIri:
        return None
    return graph.entities.find(key)


def _about(graph: LoadedGraph, description: Description, type: str, ref: str) -> list[ox.Triple] | None:
    """The triples describing ``{base}id/{type}/{ref}`` when it is no entity: its part of the dataset description,
    else its triples in the store (following blank nodes in neither); None when nothing describes it."""
    iri = f"{graph.base_iri}id/{type}/{ref}"
    if iri in description.publication.described():
        return description.about(iri)
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return None
    triples = list(graph.build.rdf.triples(node))
    return triples or None


@router.get(
    "/doc/{type}/{ref}",
    response_class=Response,
    operation_id="describe",
    responses={
        200: {"content": {m: {} for m in PAGE}, "description": "The entity's description in the negotiated format"}
    },
)
def describe(
    request: Request,
    graph: GraphDep,
    published: PublishedDep,
    lang: LangDep,
    type: str,
    ref: str,
    accept: Annotated[str | None, Header()] = None,
    format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
) -> Response:
    """Describe one thing: HTML for people (facts, links, sources), Turtle, JSON-LD, N-Triples, RDF/XML, N-Quads,
    Notation3 or N-Triples as text/plain for machines.

    The RDF holds every triple with the thing as subject (for a thing of the dataset description, its part of it),
    the labels of what it links to, and the document's own ``foaf:primaryTopic`` and ``void:inDataset``. 404 for an
    unknown thing; 406 when the Accept header allows none of these formats. ETag and Last-Modified per build,
    format and language: a harvester's conditional request gets 304 before anything is rendered.
    """
    description = published.description
    number = _entity(graph, type, ref)
    about = None if number is not None else _about(graph, description, type, ref)
    if number is None and about is None:
        raise NotFound(f"no {type} with ref {ref!r}")
    media_type = negotiate(accept, format, PAGE)
    etag = published.etag(f"doc/{type}/{ref}/{media_type}/{lang}")
    headers = {**alternates(request.url.path), **cache_headers(published, etag)}
    if not_modified(request.headers, etag, published.build.built_at):
        return Response(status_code=304, headers=headers)
    iri = f"{graph.base_iri}id/{type}/{ref}"
    templates = request.app.state.templates
    if media_type == HTML.media_type:
        if number is not None:
            page = entity_page.page(graph, graph.entities.record(number), str(lang))
            key = graph.entities.key(number)
            workbench = entity_page.workbench(network_of(graph), key, str(lang))
            html = templates.get_template("doc.html").render(entity=page, workbench=workbench, iri=iri, lang=lang)
        else:
            shown = [*(about or []), *_labels(graph, description, about or [])]
            resource = resource_page.page(shown, iri, graph.base_iri, str(lang))
            html = templates.get_template("resource.html").render(resource=resource, iri=iri, lang=lang)
        return HTMLResponse(html, headers=headers)
    vocab = vocabulary()
    subject = ox.NamedNode(iri)
    if about is None:
        about = list(graph.build.rdf.triples(subject))
    triples = sorted(set(about), key=str) + sorted(set(_labels(graph, description, about)), key=str)
    page_iri = ox.NamedNode(f"{graph.base_iri}doc/{type}/{ref}")
    triples.append(ox.Triple(page_iri, ox.NamedNode(vocab.expand("foaf:primaryTopic")), subject))
    triples.append(
        ox.Triple(page_iri, ox.NamedNode(vocab.expand("void:inDataset")), ox.NamedNode(description.publication.dataset))
    )
    return Response(serialize(triples, media_type), media_type=media_type, headers=headers)


def _labels(graph: LoadedGraph, description: Description, triples: list[ox.Triple]) -> list[ox.Triple]:
    """The names (skos:prefLabel, dcterms:title, foaf:name) of the IRIs ``triples`` link to, from the store (one
    query) and the dataset description."""
    vocab = vocabulary()
    names = [ox.NamedNode(vocab.expand(n)) for n in resource_page.NAMES]
    linked = {t.object for t in triples if isinstance(t.object, ox.NamedNode)}
    if not linked:
        return []
    found = graph.build.rdf.query(
        f"CONSTRUCT {{ ?o ?p ?name }} WHERE {{ VALUES ?o {{ {' '.join(map(str, sorted(linked, key=str)))} }} "
        f"VALUES ?p {{ {' '.join(map(str, names))} }} ?o ?p ?name }}"
    )
    assert not isinstance(found, ox.QuerySolutions | ox.QueryBoolean)
    named = set(names)
    return list(
        dict.fromkeys([*found, *(t for t in description.triples if t.subject in linked and t.predicate in named)])
    )
