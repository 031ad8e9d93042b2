"""``/api/entities``: list, filter and page entities; one entity with its neighbours."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep
from api.entity_data import detail, type_name
from api.errors import RESPONSES, BadRequest, NotFound
from api.models import EntityDetail, EntityList
from graph.entities import NOT_ASSIGNED
from graph.iri import key_from_path
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
    """Entities ordered by type and ref, filtered by type, LIRES subregion and name text; paged (from the build's
    entity index: graph.entities)."""
    index = graph.entities
    wanted: Key | str | None = None
    if subregion == NOT_ASSIGNED:
        wanted = NOT_ASSIGNED
    elif subregion is not None:
        wanted = Key("Subregion", subregion)
        if index.find(wanted) is None:
            raise BadRequest(f"unknown subregion {subregion!r}")
    chosen = index.select(type_name(type) if type is not None else None, wanted, q)
    page = chosen[offset : offset + limit]
    return EntityList(
        data=[index.summary(int(i)).model_dump() for i in page], count=len(chosen), limit=limit, offset=offset
    )


@router.get("/entities/{type}/{ref}", response_model=EntityDetail, operation_id="get_entity")
def get_entity(graph: GraphDep, type: str, ref: str) -> EntityDetail:
    """One entity with its properties, neighbours (both directions) and sources; 404 if unknown."""
    key = key_from_path(type, ref)
    number = graph.entities.find(key)
    if number is None:
        raise NotFound(f"no {type} with ref {ref!r}")
    return EntityDetail(**detail(graph, graph.entities.record(number)))
