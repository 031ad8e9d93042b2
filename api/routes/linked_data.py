"""Dereferenceable IRIs (Flemish URI standard): ``/id/{type}/{ref}`` -> 303 -> ``/doc/{type}/{ref}`` in HTML or RDF.

The things of the dataset description (``/id/dataset/lires``, ``/id/distribution/...``, ...)
answer 303 to ``/dataset``, which describes them.
"""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.conneg import FORMAT_HELP, PAGE, alternates, negotiate
from api.deps import DescriptionDep, GraphDep, network_of
from api.errors import RESPONSES, NotFound
from api.language import LangDep
from api.pages import entity as entity_page
from graph.iri import document, key_from_path, mint
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
    """The thing itself: 303 See Other to its description at ``/doc/{type}/{ref}`` (or ``/dataset`` for the
    dataset, its catalog, distributions, SPARQL service and publisher); 404 for an unknown IRI.
    """
    if f"{graph.base_iri}id/{type}/{ref}" in description.publication.described():
        return RedirectResponse("/dataset", status_code=303)
    key = key_from_path(type, ref)
    if key not in graph.records:
        raise NotFound(f"no {type} with ref {ref!r}")
    return RedirectResponse(f"/doc/{type}/{ref}", status_code=303)


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
    description: DescriptionDep,
    lang: LangDep,
    type: str,
    ref: str,
    accept: Annotated[str | None, Header()] = None,
    format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
) -> Response:
    """Describe one entity: HTML for people (facts, links, sources), Turtle, JSON-LD, N-Triples or RDF/XML for machines.

    The RDF holds every triple with the entity as subject, the labels of what it links to,
    and the document's own ``foaf:primaryTopic`` and ``void:inDataset``. 404 for an unknown
    entity; 406 when the Accept header allows none of these formats.
    """
    key = key_from_path(type, ref)
    if key not in graph.records:
        raise NotFound(f"no {type} with ref {ref!r}")
    media_type = negotiate(accept, format, PAGE)
    headers = alternates(request.url.path)
    if media_type == HTML.media_type:
        html = request.app.state.templates.get_template("doc.html").render(
            entity=entity_page.page(graph, graph.records[key], str(lang)),
            workbench=entity_page.workbench(network_of(graph), key, str(lang)),
            iri=mint(graph.base_iri, key),
            lang=lang,
        )
        return HTMLResponse(html, headers=headers)
    vocab = vocabulary()
    subject = ox.NamedNode(mint(graph.base_iri, key))
    rdf = graph.build.rdf
    triples = [q.triple for q in rdf.quads_for_pattern(subject, None, None, ox.DefaultGraph())]
    label = ox.NamedNode(vocab.slots["label"].uri)
    for obj in {t.object for t in triples if isinstance(t.object, ox.NamedNode)}:
        triples += [q.triple for q in rdf.quads_for_pattern(obj, label, None, ox.DefaultGraph())]
    page = ox.NamedNode(document(graph.base_iri, key))
    triples.append(ox.Triple(page, ox.NamedNode(vocab.expand("foaf:primaryTopic")), subject))
    triples.append(
        ox.Triple(page, ox.NamedNode(vocab.expand("void:inDataset")), ox.NamedNode(description.publication.dataset))
    )
    return Response(serialize(triples, media_type), media_type=media_type, headers=headers)
