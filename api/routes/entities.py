"""``/api/entities``: list, filter and page entities; one entity with its neighbours."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep
from api.entity_data import detail, fold, subregions_of, summary, type_name
from api.errors import RESPONSES, BadRequest, NotFound
from api.models import EntityDetail, EntityList
from graph.iri import key_from_path
from records.labels import display_label
from records.model import Key

router = APIRouter(prefix="/api", tags=["entities"], responses=RESPONSES)


@router.get("/entities", response_model=EntityList, operation_id="list_entities")
def list_entities(
    graph: GraphDep,
    type: Annotated[
        str | None,
        Query(description="Entity type: path or class name, any case, e.g. municipality, Municipality, project"),
    ] = None,
    subregion: Annotated[
        str | None,
        Query(description="LIRES subregion ref (e.g. noord-limburg), or 'none' for municipalities not assigned to any"),
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the name (case and accents ignored)")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> EntityList:
    """Entities ordered by type and ref, filtered by type, LIRES subregion and name text; paged."""
    records = sorted(graph.records.values(), key=lambda r: (r.key.type, r.key.ref))
    if type is not None:
        records = [r for r in records if r.key.type == type_name(type)]
    if subregion is not None:
        if subregion == "none":
            records = [r for r in records if r.key.type == "Municipality" and not r.values.get("subregion")]
        else:
            wanted = Key("Subregion", subregion)
            if wanted not in graph.records:
                raise BadRequest(f"unknown subregion {subregion!r}")
            records = [r for r in records if wanted in subregions_of(graph, r)]
    if q:
        needle = fold(q)
        records = [
            r
            for r in records
            if needle in fold(display_label(r)) or any(needle in fold(t.value) for t in r.values.get("label", ()))
        ]
    page = records[offset : offset + limit]
    return EntityList(data=[summary(graph, r) for r in page], count=len(records), limit=limit, offset=offset)


@router.get("/entities/{type}/{ref}", response_model=EntityDetail, operation_id="get_entity")
def get_entity(graph: GraphDep, type: str, ref: str) -> EntityDetail:
    """One entity with its properties, neighbours (both directions) and sources; 404 if unknown."""
    key = key_from_path(type, ref)
    if key not in graph.records:
        raise NotFound(f"no {type} with ref {ref!r}")
    return EntityDetail(**detail(graph, graph.records[key]))
