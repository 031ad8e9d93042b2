"""``/api/entities``: list, search, filter by facets and page entities; one entity with its neighbours;
``/api/search``: suggestions as a person types."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep
from api.entity_data import detail, summary
from api.errors import RESPONSES, NotFound
from api.finder import facet_counts, find
from api.language import LangDep
from api.models import EntityDetail, EntityList, Suggestion, Suggestions
from graph.facets import FacetParams
from graph.iri import key_from_path
from ontology.vocab import vocabulary

router = APIRouter(prefix="/api", tags=["entities"], responses=RESPONSES)


@router.get("/entities", response_model=EntityList, operation_id="list_entities")
def list_entities(
    graph: GraphDep,
    lang: LangDep,
    facets: Annotated[FacetParams, Query()],
    type: Annotated[
        str | None,
        Query(description="Entity type: path or class name, any case, e.g. municipality, Municipality, project"),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Name, in Dutch or English; case, accents, spaces and hyphens ignored, 'st' read as "
            "'sint'. Results are then ranked: exact, prefix, word, contains",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> EntityList:
    """Entities of any type (or of ``type``), matching the name ``q`` and the facets (docs/analysis.md, Facets:
    when an organisation, structure, strategy or objective counts as in a deelregio or matches a project facet);
    ranked by the name match with ``q``, else by type and ref; paged. ``facets`` counts the matches per facet
    value, labelled in the request's language. 400 for an unknown type or facet value."""
    keys, _ = find(graph, q, type, facets)
    page = keys[offset : offset + limit]
    return EntityList(
        data=[summary(graph, graph.records[k], str(lang)) for k in page],
        count=len(keys),
        limit=limit,
        offset=offset,
        facets=facet_counts(graph, keys, str(lang)),
    )


@router.get("/search", response_model=Suggestions, operation_id="search")
def search(
    graph: GraphDep,
    lang: LangDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="What the person typed so far")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    type: Annotated[str | None, Query(description="Only this entity type (path or class name)")] = None,
) -> Suggestions:
    """Suggestions for a search box: entities whose Dutch or English name matches ``q`` (case, accents, spaces
    and hyphens ignored; 'st' read as 'sint'), best first: exact, then prefix, then from the start of a word,
    then anywhere; then shorter names first. Names in the request's language. 400 for an unknown type."""
    _, hits = find(graph, q, type, FacetParams())
    classes = vocabulary().classes
    data = [
        Suggestion(
            **summary(graph, graph.records[h.key], str(lang)),
            type_label=classes[h.key.type].label(str(lang)),
            match=h.match,
            matched=h.matched,
            href=f"/doc/{classes[h.key.type].path}/{h.key.ref}",
        )
        for h in hits[:limit]
    ]
    return Suggestions(query=q, count=len(hits), data=data)


@router.get("/entities/{type}/{ref}", response_model=EntityDetail, operation_id="get_entity")
def get_entity(graph: GraphDep, lang: LangDep, type: str, ref: str) -> EntityDetail:
    """One entity with its properties, neighbours (both directions) and sources; names in the request's
    language; 404 if unknown."""
    key = key_from_path(type, ref)
    if key not in graph.records:
        raise NotFound(f"no {type} with ref {ref!r}")
    return EntityDetail(**detail(graph, graph.records[key], str(lang)))
